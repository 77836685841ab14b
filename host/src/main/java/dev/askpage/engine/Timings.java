package dev.askpage.engine;

/**
 * Where the time of one question went, in milliseconds.
 *
 * @param tokenizeMs tokenising the page and the question (the page part is 0 on a cache hit)
 * @param retrieveMs ranking passages and planning windows
 * @param inferenceMs running the model
 * @param decodeMs turning logits into spans
 * @param windows how many windows the model read
 * @param passages how many passages the page has
 * @param cacheHit whether the prepared page came from the cache
 */
public record Timings(
    double tokenizeMs, double retrieveMs, double inferenceMs, double decodeMs, int windows, int passages,
    boolean cacheHit) {}

package dev.askpage.infer;

/**
 * Start and end logits of one batch, per window, cut to each window's own length.
 *
 * @param start start logits, [window][position]
 * @param end end logits, [window][position]
 */
public record BatchLogits(float[][] start, float[][] end) {}

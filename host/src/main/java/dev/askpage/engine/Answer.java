package dev.askpage.engine;

/**
 * One answer: the exact substring of the page and where it is.
 *
 * @param text {@code page.substring(start, end)}
 * @param start UTF-16 offset into the page text
 * @param end end offset (exclusive)
 * @param score sum of start and end logits (model mode) or the BM25 score (lexical mode)
 * @param probability the answer's share of a softmax over every candidate kept (and the no-answer score); see
 *     {@link dev.askpage.decode.Decoded}
 */
public record Answer(String text, int start, int end, double score, double probability) {}

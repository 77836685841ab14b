package dev.askpage.protocol;

/**
 * The protocol's size limits.
 *
 * @param maxFrameBytes largest browser-to-host payload (64 MiB)
 * @param maxReplyBytes host-to-browser payloads stay under this (1,000,000 bytes)
 * @param maxTextChars longest page text in UTF-16 code units (5,000,000)
 * @param maxAnswerChars an answer's {@code text} is cut to this length (1,000)
 */
public record Limits(int maxFrameBytes, int maxReplyBytes, int maxTextChars, int maxAnswerChars) {
  public static final int PROTOCOL_VERSION = 1;
  public static final int MAX_TOP = 20;
  public static final int MAX_WINDOWS = 256;

  public static Limits defaults() {
    return new Limits(64 * 1024 * 1024, 1_000_000, 5_000_000, 1_000);
  }

  public Limits withMaxTextChars(int chars) {
    return new Limits(maxFrameBytes, maxReplyBytes, chars, maxAnswerChars);
  }
}

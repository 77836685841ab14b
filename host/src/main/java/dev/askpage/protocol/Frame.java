package dev.askpage.protocol;

/** What the frame reader found next on the input. */
public sealed interface Frame {
  /** A whole frame. */
  record Payload(byte[] bytes) implements Frame {}

  /** A frame whose declared length is over the limit; its bytes were skipped. */
  record TooLarge(long declaredBytes) implements Frame {}

  /** A frame within the limit for which the heap had no room; its bytes were skipped. */
  record NoMemory(long declaredBytes) implements Frame {}

  /** End of input, possibly in the middle of a frame. */
  record End(boolean cutOff) implements Frame {}
}

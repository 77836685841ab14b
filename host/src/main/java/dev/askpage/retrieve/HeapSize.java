package dev.askpage.retrieve;

/**
 * Heap sizes of arrays and strings as a 64-bit HotSpot with compressed references lays them out (12-byte headers plus
 * a 4-byte length for arrays, 8-byte alignment), for the page cache's byte bound.
 */
public final class HeapSize {
  private HeapSize() {}

  /** An array of {@code length} elements of {@code elementBytes} each. */
  public static long array(long length, int elementBytes) {
    return align(16 + length * elementBytes);
  }

  /** A string: its object and its byte array, one byte per char when every char is Latin-1 (compact strings). */
  public static long string(String s) {
    return 24 + array(s.length(), isLatin1(s) ? 1 : 2);
  }

  static boolean isLatin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0xFF) {
        return false;
      }
    }
    return true;
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }
}

package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A page id names exactly one text: the same code units, the same id; any other code unit, another id. */
class PageIdTest {
  @Test
  void textsThatDifferOnlyInALoneSurrogateGetDifferentIds() {
    String high = PageCache.key("page \uD800 text", true);
    String low = PageCache.key("page \uDC00 text", true);
    String replacement = PageCache.key("page \uFFFD text", true);
    assertNotEquals(high, low);
    assertNotEquals(high, replacement);
    assertNotEquals(low, replacement);
  }

  @Test
  void wellFormedTextKeepsTheIdItHadAsUtf16LittleEndianBytes() throws Exception {
    // Ids of well-formed text are those of the hex fixtures and earlier hosts: SHA-256 of its UTF-16LE bytes.
    String text = "Café \uD83D\uDE00 ".repeat(3000) + "end"; // longer than the digest's buffer
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_16LE)));
    assertEquals(expected, PageCache.digest(text));
    assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[0])),
        PageCache.digest(""));
  }
}

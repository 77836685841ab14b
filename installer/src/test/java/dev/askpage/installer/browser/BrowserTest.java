package dev.askpage.installer.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class BrowserTest {
  @Test
  void parsesLists() {
    assertEquals(EnumSet.of(Browser.CHROME, Browser.FIREFOX), Browser.parseList("chrome, Firefox"));
    assertEquals(EnumSet.allOf(Browser.class), Browser.parseList("all"));
  }

  @Test
  void unknownNameIsRejectedWithTheKnownOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Browser.parseList("opera"));
    assertEquals(true, e.getMessage().contains("vivaldi"));
  }
}

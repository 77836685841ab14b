package dev.askpage.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTextTest {
  @Test
  void blocksBecomeParagraphsAndInlineTextFlows() {
    String html = "<html><head><title>T</title><style>p{}</style></head><body><h1>Title</h1>"
        + "<p>One <b>bold</b>\n  word.</p><div>Two<script>var x;</script></div></body></html>";
    assertEquals("Title\n\nOne bold word.\n\nTwo", HtmlText.of(html));
  }

  @Test
  void hiddenAndTemplateContentIsSkipped() {
    assertEquals("a\n\nc", HtmlText.of("<p>a</p><p hidden>b</p><template><p>x</p></template><p>c</p>"));
  }

  @Test
  void tableCellsEndLinesAndRowsEndParagraphsAsTheExtensionCaptures() {
    String html = "<p>Tower</p><table><caption>Facts</caption><tr><th>Height</th><td> 330 m </td></tr>"
        + "<tr><th>Base</th><td>125 m</td></tr></table><p>After.</p>";
    assertEquals("Tower\n\nFacts\n\nHeight\n330 m\n\nBase\n125 m\n\nAfter.", HtmlText.of(html));
  }
}

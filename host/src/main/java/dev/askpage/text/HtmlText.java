package dev.askpage.text;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * The readable text of an HTML page, as the extension captures it: text nodes in document order, script and style
 * skipped, a blank line at every block boundary, a line break after each table cell, runs of white space folded to one
 * space.
 */
public final class HtmlText {
  private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "head", "svg",
      "iframe", "object", "canvas");
  private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "body", "dd", "details",
      "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
      "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "ul", "br",
      "html");
  /** Table cells and captions end a line, not a paragraph, as capture.js does: a table row stays one paragraph. */
  private static final Set<String> LINES = Set.of("td", "th", "caption");

  private HtmlText() {}

  /** Extracts the text of an HTML document. */
  public static String of(String html) {
    Document doc = Jsoup.parse(html);
    StringBuilder out = new StringBuilder(html.length() / 3);
    walk(doc.body() != null ? doc.body() : doc, out);
    return out.toString().strip();
  }

  private static void walk(Node node, StringBuilder out) {
    for (Node child : node.childNodes()) {
      if (child instanceof TextNode text) {
        appendFolded(text.getWholeText(), out);
      } else if (child instanceof Element element) {
        String tag = element.normalName();
        if (SKIPPED.contains(tag) || element.hasAttr("hidden")) {
          continue;
        }
        int breaks = BLOCKS.contains(tag) ? 2 : LINES.contains(tag) ? 1 : 0; // a blank line, or a line break
        endLines(out, breaks);
        walk(element, out);
        endLines(out, breaks);
      }
    }
  }

  private static void appendFolded(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        int n = out.length();
        if (n > 0 && out.charAt(n - 1) != ' ' && out.charAt(n - 1) != '\n') {
          out.append(' ');
        }
      } else {
        out.append(c);
      }
    }
  }

  /**
   * Ends {@code out} with at least {@code count} line breaks, dropping the spaces before them (none at the start);
   * nothing for 0 (an inline element).
   */
  private static void endLines(StringBuilder out, int count) {
    if (count == 0) {
      return;
    }
    int n = out.length();
    while (n > 0 && out.charAt(n - 1) == ' ') {
      out.setLength(--n);
    }
    if (n == 0) {
      return;
    }
    int have = 0;
    while (have < count && have < n && out.charAt(n - 1 - have) == '\n') {
      have++;
    }
    out.append("\n".repeat(count - have));
  }
}

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
        boolean block = BLOCKS.contains(tag);
        boolean line = LINES.contains(tag);
        if (block) {
          blockBreak(out);
        } else if (line) {
          lineBreak(out);
        }
        walk(element, out);
        if (block) {
          blockBreak(out);
        } else if (line) {
          lineBreak(out);
        }
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

  private static void lineBreak(StringBuilder out) {
    int n = out.length();
    while (n > 0 && out.charAt(n - 1) == ' ') {
      out.setLength(--n);
    }
    if (n > 0 && out.charAt(n - 1) != '\n') {
      out.append('\n');
    }
  }

  private static void blockBreak(StringBuilder out) {
    int n = out.length();
    while (n > 0 && out.charAt(n - 1) == ' ') {
      out.setLength(--n);
    }
    if (n == 0) {
      return;
    }
    if (out.charAt(n - 1) != '\n') {
      out.append("\n\n");
    } else if (n < 2 || out.charAt(n - 2) != '\n') {
      out.append('\n');
    }
  }
}

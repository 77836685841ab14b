package dev.askpage.session;

import dev.askpage.eval.EvalException;
import dev.askpage.eval.SquadDataset;
import dev.askpage.models.SharedData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Page texts of millions of characters made of real prose: the SQuAD dev paragraphs (Wikipedia) in a seeded order,
 * so pages of different seeds differ (another content hash) while reading like one long article.
 */
final class BigPages {
  private static List<String> paragraphs;

  private BigPages() {}

  /** A page of exactly {@code chars} UTF-16 code units; the same seed gives the same page. */
  static String page(long seed, int chars) throws EvalException {
    List<String> order = new ArrayList<>(paragraphs());
    Collections.shuffle(order, new Random(seed));
    StringBuilder page = new StringBuilder(chars + 4096);
    page.append("Page ").append(seed).append(".\n\n");
    for (int round = 0; page.length() < chars; round++) {
      for (String p : order) {
        page.append(p).append("\n\n");
        if (page.length() >= chars) {
          break;
        }
      }
      Collections.shuffle(order, new Random(seed * 31 + round));
    }
    page.setLength(chars);
    if (Character.isHighSurrogate(page.charAt(chars - 1))) {
      page.setCharAt(chars - 1, '.');
    }
    return page.toString();
  }

  private static synchronized List<String> paragraphs() throws EvalException {
    if (paragraphs == null) {
      List<String> all = new ArrayList<>();
      for (String file : new String[] {"squad/dev-v1.1.json", "squad/dev-v2.0.json"}) {
        for (SquadDataset.Article a : SquadDataset.read(SharedData.resolve(file)).articles()) {
          for (SquadDataset.Paragraph p : a.paragraphs()) {
            all.add(p.context());
          }
        }
      }
      paragraphs = List.copyOf(all);
    }
    return paragraphs;
  }
}

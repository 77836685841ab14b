package dev.askpage.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.askpage.eval.ProgressBar;
import dev.askpage.eval.SquadDataset;
import dev.askpage.installer.doctor.HostClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A long run of one host process as the browser drives it: many questions over many distinct pages (more than the page
 * cache holds, so pages are evicted and prepared again all the time), through every way of asking (prepare and ask by
 * page id, ask with the text, with and without partial answers), and in the middle a storm of questions on one tab, a
 * new one every {@code stormIntervalMs} without waiting (each cancels the one before). It records every reply's
 * outcome, the host's resident memory after the first 100 questions and at the end, and whether the host lived.
 */
final class SoakBench {
  private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(3);

  /** A page and questions about it. */
  record SoakPage(String text, List<String> questions) {}

  /**
   * The figures of one soak.
   *
   * @param outcomes reply kinds ({@code answers}, {@code partial}, {@code prepared}, error names) and their counts
   * @param unexpected error replies other than {@code cancelled}, described without page text or questions
   * @param rssAfterFirstMb the host's resident set after the first 100 questions
   * @param rssEndMb the host's resident set after the last question
   * @param resent asks by page id answered {@code unknown_page} and asked again with the text
   */
  record Soak(String model, int questions, int pages, int stormQuestions, long stormIntervalMs,
      Map<String, Integer> outcomes, List<String> unexpected, double rssAfterFirstMb, double rssEndMb,
      boolean aliveAtEnd, int exitStatus, int resent, double seconds) {
    double rssGrowth() {
      return rssEndMb / rssAfterFirstMb - 1;
    }

    boolean holds() {
      return unexpected.isEmpty() && aliveAtEnd && exitStatus == 0 && Math.abs(rssGrowth()) <= 0.15;
    }

    String toMarkdown(String cpu, int cores, double loadStart, double loadEnd) {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "Soak: %d questions over %d distinct pages, %s, %s (%d cores), load "
          + "average %.1f at the start and %.1f at the end, %.0f s.%n%n", questions, pages, model, cpu, cores,
          loadStart, loadEnd, seconds));
      b.append("| figure | value |\n| --- | --- |\n");
      b.append(String.format(Locale.ROOT, "| cancel storm | %d questions on one tab, one every %d ms |%n",
          stormQuestions, stormIntervalMs));
      outcomes.forEach((k, v) -> b.append("| replies: ").append(k).append(" | ").append(v).append(" |\n"));
      b.append("| asks by page id resent with the text (unknown_page) | ").append(resent).append(" |\n");
      b.append("| error replies other than cancelled | ").append(unexpected.size()).append(unexpected.isEmpty()
          ? "" : " (" + String.join("; ", unexpected.subList(0, Math.min(5, unexpected.size()))) + ")")
          .append(" |\n");
      b.append(String.format(Locale.ROOT, "| host RSS after the first 100 questions | %.0f MiB |%n",
          rssAfterFirstMb));
      b.append(String.format(Locale.ROOT, "| host RSS at the end | %.0f MiB (%+.1f %%) |%n", rssEndMb,
          100 * rssGrowth()));
      b.append("| host alive at the end, exit status after its input closed | ").append(aliveAtEnd ? "yes" : "NO")
          .append(", ").append(exitStatus).append(" |\n");
      b.append("| holds (no other errors, no exit, RSS within 15 %) | ").append(holds() ? "yes" : "NO")
          .append(" |\n");
      return b.toString();
    }
  }

  private final HostLauncher launcher;
  private final Map<String, Integer> outcomes = new TreeMap<>();
  private final List<String> unexpected = new ArrayList<>();
  /** Final replies read while waiting for another one. */
  private final Map<String, JsonObject> finished = new java.util.HashMap<>();
  private int nextId = 1;
  private int resent;

  SoakBench(HostLauncher launcher) {
    this.launcher = launcher;
  }

  /** {@code count} distinct pages: the articles, then the articles again starting at later paragraphs. */
  static List<SoakPage> pages(SquadDataset squad, int count) {
    List<SoakPage> out = new ArrayList<>();
    List<SquadDataset.Article> articles = squad.articles();
    for (int k = 0; out.size() < count; k++) {
      SquadDataset.Article article = articles.get(k % articles.size());
      int shift = k / articles.size();
      List<SquadDataset.Paragraph> paragraphs = article.paragraphs();
      StringBuilder text = new StringBuilder();
      List<String> questions = new ArrayList<>();
      for (int p = 0; p < paragraphs.size(); p++) {
        SquadDataset.Paragraph paragraph = paragraphs.get((p + shift) % paragraphs.size());
        text.append(paragraph.context()).append("\n\n");
        paragraph.questions().forEach(q -> questions.add(q.question()));
      }
      out.add(new SoakPage(text.toString(), questions));
    }
    return out;
  }

  /**
   * Runs the soak.
   *
   * @param questions all questions, the storm's included
   * @param stormFrom the storm starts after this many questions
   */
  Soak run(String model, List<String> jvmFlags, Map<String, String> env, List<SoakPage> pages, int questions,
      int stormFrom, int stormQuestions, long stormIntervalMs, ProgressBar progress) throws BenchException {
    long started = System.nanoTime();
    try (HostClient host = launcher.start(jvmFlags, List.of(), env)) {
      JsonObject hello = new JsonObject();
      hello.addProperty("id", "hello");
      hello.addProperty("type", "hello");
      host.send(hello);
      receiveFinal(host, "hello");
      double rssAfterFirst = Double.NaN;
      int asked = 0;
      while (asked < questions) {
        if (asked == stormFrom) {
          storm(host, pages, asked, stormQuestions, stormIntervalMs);
          asked += stormQuestions;
          progress.advance(stormQuestions);
          continue;
        }
        SoakPage page = pages.get((asked * 7) % pages.size());
        String question = page.questions().get(asked % page.questions().size());
        switch (asked % 3) {
          case 0 -> askByPageId(host, page.text(), question);
          case 1 -> ask(host, textAsk(page.text(), question, true, null));
          default -> ask(host, textAsk(page.text(), question, false, null));
        }
        asked++;
        progress.step();
        if (asked == 100) {
          rssAfterFirst = rssMb(host.process().pid());
        }
      }
      double rssEnd = rssMb(host.process().pid());
      boolean alive = host.process().isAlive();
      host.closeInput();
      int status = host.process().waitFor(30, TimeUnit.SECONDS) ? host.process().exitValue() : -1;
      return new Soak(model, questions, pages.size(), stormQuestions, stormIntervalMs, outcomes, unexpected,
          rssAfterFirst, rssEnd, alive, status, resent, (System.nanoTime() - started) / 1e9);
    } catch (IOException e) {
      throw new BenchException("cannot talk to the host: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }

  /** {@code prepare}, then the question by page id with partial answers; the text again on {@code unknown_page}. */
  private void askByPageId(HostClient host, String text, String question) throws IOException, BenchException {
    JsonObject prepare = request("prepare");
    prepare.addProperty("text", text);
    host.send(prepare);
    JsonObject prepared = receiveFinal(host, prepare.get("id").getAsString());
    if (!"prepared".equals(prepared.get("type").getAsString())) {
      return;
    }
    JsonObject ask = request("ask");
    ask.addProperty("question", question);
    ask.addProperty("pageId", prepared.getAsJsonObject("result").get("pageId").getAsString());
    ask.addProperty("partial", true);
    JsonObject reply = ask(host, ask);
    if ("error".equals(reply.get("type").getAsString())
        && "unknown_page".equals(reply.getAsJsonObject("error").get("name").getAsString())) {
      resent++;
      ask(host, textAsk(text, question, true, null));
    }
  }

  /** Questions on one tab, one every {@code intervalMs}, not waiting for answers; then every reply is collected. */
  private void storm(HostClient host, List<SoakPage> pages, int from, int count, long intervalMs)
      throws IOException, BenchException, InterruptedException {
    List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    // Replies are read while the questions go out, as a browser does: a host whose output nobody reads stops reading.
    BenchException[] failed = new BenchException[1];
    Thread reader = new Thread(() -> {
      try {
        for (int i = 0; i < count; i++) {
          while (ids.size() <= i) {
            Thread.sleep(1);
          }
          receiveFinal(host, ids.get(i));
        }
      } catch (BenchException e) {
        failed[0] = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "soak-storm-reader");
    reader.setDaemon(true);
    reader.start();
    long next = System.nanoTime();
    for (int i = 0; i < count; i++) {
      // A few pages, so that the storm's questions mostly hit the cache like a user's retyped question.
      SoakPage page = pages.get((from + i / 10) % pages.size());
      JsonObject ask = textAsk(page.text(), page.questions().get(i % page.questions().size()), i % 2 == 0,
          "storm");
      ids.add(ask.get("id").getAsString());
      host.send(ask);
      next += TimeUnit.MILLISECONDS.toNanos(intervalMs);
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        TimeUnit.NANOSECONDS.sleep(sleep);
      }
    }
    reader.join();
    if (failed[0] != null) {
      throw failed[0];
    }
  }

  private JsonObject ask(HostClient host, JsonObject ask) throws IOException, BenchException {
    host.send(ask);
    return receiveFinal(host, ask.get("id").getAsString());
  }

  private JsonObject textAsk(String text, String question, boolean partial, String tab) {
    JsonObject ask = request("ask");
    ask.addProperty("question", question);
    ask.addProperty("text", text);
    if (partial) {
      ask.addProperty("partial", true);
    }
    if (tab != null) {
      ask.addProperty("tab", tab);
    }
    ask.addProperty("sentAt", System.currentTimeMillis());
    return ask;
  }

  private JsonObject request(String type) {
    JsonObject o = new JsonObject();
    o.addProperty("id", "s" + nextId++);
    o.addProperty("type", type);
    return o;
  }

  /** Reads replies until the final one of {@code id}, counting every reply read on the way. */
  private JsonObject receiveFinal(HostClient host, String id) throws BenchException {
    JsonElement wanted = new JsonPrimitive(id);
    JsonObject early = finished.remove(id);
    if (early != null) {
      return early;
    }
    while (true) {
      JsonObject reply;
      try {
        reply = host.receive(REPLY_TIMEOUT);
      } catch (TimeoutException e) {
        throw new BenchException("no reply from the host within " + REPLY_TIMEOUT.toSeconds() + " s", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BenchException("interrupted", e);
      } catch (IOException e) {
        throw new BenchException("the host's output ended: " + e.getMessage(), e);
      }
      String type = reply.get("type").getAsString();
      String outcome = type.equals("error") ? reply.getAsJsonObject("error").get("name").getAsString() : type;
      outcomes.merge(outcome, 1, Integer::sum);
      if (type.equals("error") && !outcome.equals("cancelled")) {
        unexpected.add(outcome + " for " + reply.get("id"));
      }
      if (type.equals("partial")) {
        continue;
      }
      if (wanted.equals(reply.get("id"))) {
        return reply;
      }
      if (reply.get("id").isJsonPrimitive()) {
        finished.put(reply.get("id").getAsString(), reply);
      }
    }
  }

  /** {@code VmRSS} (resident set now) of a process in MiB, from /proc; NaN where there is no /proc. */
  static double rssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}

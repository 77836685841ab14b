package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The messages of prepared pages and progressive answers under a seeded storm: {@code prepare} (good and broken),
 * {@code ask} by page id (known, evicted, made up, malformed), {@code ask} with {@code partial} (some cancelled, some
 * replaced on their tab), all written at once to one host. Every request gets exactly one final reply of an expected
 * kind, a {@code partial} only when asked for, at most one and before its final reply, answers index the page they
 * name, and the host ends with status 0. The seed is printed; rerun one with {@code -Dfuzz.seed=N}.
 */
class PageMessagesFuzzIT {
  private static final int MAX_TEXT = 20_000;
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String[] WORDS = {"big", "bird", "lives", "at", "123", "sesame", "street", "in", "new",
      "york", "the", "weather", "is", "nice.", "Grüße", "東京", "🙂", "naïve", "café.", "\n\n", "don't", "3.14"};

  @TempDir Path temp;

  /** A request and what may come back for it. */
  private record Expect(JsonElement id, Set<String> outcomes, String kind, String page, boolean partial) {}

  private final Map<String, Expect> expects = new HashMap<>();
  private final List<JsonObject> requests = new ArrayList<>();
  private final List<String> pages = new ArrayList<>();
  private final List<String> partialAsks = new ArrayList<>();
  private int nextId;

  @Test
  void everyPageMessageGetsItsReplies() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime() % 100_000);
    int count = Integer.getInteger("fuzz.frames", 600);
    System.out.println("PageMessagesFuzzIT seed " + seed + " (-Dfuzz.seed=" + seed + "), " + count + " requests");
    Random random = new Random(seed);
    for (int p = 0; p < 30; p++) {
      pages.add(page(random, 20 + random.nextInt(900)));
    }
    for (int i = 0; i < count; i++) {
      generate(random);
    }

    Path model = TestModels.oracle(temp.resolve("oracle"));
    try (HostProcess host = HostProcess.start("--model", model.toString(), "--max-text-chars",
        String.valueOf(MAX_TEXT), "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")) {
      HostProcessIT.awaitModel(host, "ready");
      Thread writer = new Thread(() -> {
        try {
          // In bursts: some requests meet a full queue (busy), most are served.
          for (int i = 0; i < requests.size(); i++) {
            host.sendRaw(HostProcess.frame(Requests.json(requests.get(i)).getBytes(StandardCharsets.UTF_8)));
            if (i % 10 == 9) {
              Thread.sleep(30);
            }
          }
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "fuzz-writer");
      writer.start();

      Map<String, Integer> partialsSeen = new HashMap<>();
      Map<String, Integer> outcomes = new TreeMap<>();
      int finals = 0;
      int total = expects.size();
      while (finals < total) {
        JsonObject reply = host.receive(WAIT);
        String key = reply.get("id").toString();
        Expect expect = expects.get(key);
        assertNotNull(expect, () -> "a reply nobody asked for (or after the final one): " + reply);
        String type = reply.get("type").getAsString();
        if (type.equals("partial")) {
          assertTrue(expect.partial(), () -> "a partial nobody asked for: " + reply);
          assertEquals(1, partialsSeen.merge(key, 1, Integer::sum), () -> "a second partial: " + reply);
          checkAnswers(reply, expect);
          assertEquals(1, reply.getAsJsonObject("result").getAsJsonObject("timings").get("windows").getAsInt());
          outcomes.merge(expect.kind() + " -> partial", 1, Integer::sum);
          continue;
        }
        String outcome = type.equals("error") ? reply.getAsJsonObject("error").get("name").getAsString() : type;
        assertTrue(expect.outcomes().contains(outcome), () -> expect.kind() + " expects " + expect.outcomes()
            + ", got: " + reply);
        if (outcome.equals("answers")) {
          checkAnswers(reply, expect);
        }
        if (outcome.equals("prepared")) {
          assertEquals(PageCache.key(expect.page(), true), reply.getAsJsonObject("result").get("pageId")
              .getAsString());
        }
        expects.remove(key);
        finals++;
        outcomes.merge(expect.kind() + " -> " + outcome, 1, Integer::sum);
      }
      writer.join();
      host.send(Requests.ping("last"));
      JsonObject pong = host.receive(WAIT);
      assertEquals("pong", pong.get("type").getAsString(), () -> "still serving: " + pong);
      host.closeInput();
      assertEquals(0, host.awaitExit(Duration.ofSeconds(10)), host::stderr);
      host.allFramesAfterExit();
      outcomes.forEach((k, v) -> System.out.println("  " + v + "\t" + k));
      assertTrue(outcomes.keySet().stream().anyMatch(k -> k.endsWith("-> partial")), "some partial replies came");
      assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("ask by id") && k.endsWith("-> answers")),
          "some asks by id were answered");
    }
  }

  private void generate(Random random) {
    String page = pages.get(random.nextInt(pages.size()));
    int kind = random.nextInt(100);
    if (kind < 20) {
      JsonObject o = base("prepare");
      o.addProperty("text", page);
      if (random.nextBoolean()) {
        o.addProperty("tab", random.nextInt(3));
      }
      expect(o, "prepare", page, false, "prepared", "busy");
    } else if (kind < 50) {
      boolean partial = random.nextBoolean();
      JsonObject o = ask(random, partial);
      o.addProperty("pageId", PageCache.key(page, true));
      expect(o, "ask by id", page, partial, "answers", "unknown_page", "busy", "cancelled");
    } else if (kind < 65) {
      JsonObject o = ask(random, true);
      o.addProperty("text", page);
      expect(o, "ask by text with partial", page, true, "answers", "busy", "cancelled");
    } else if (kind < 72) {
      JsonObject o = ask(random, random.nextBoolean());
      String made = random.nextBoolean() ? PageCache.key("never prepared " + random.nextInt(), true)
          : page(random, 1 + random.nextInt(4)).substring(0, 1);
      o.addProperty("pageId", made);
      expect(o, "ask by unknown id", null, o.has("partial") && o.get("partial").getAsBoolean(), "unknown_page",
          "busy", "cancelled");
    } else if (kind < 88) {
      broken(random, page);
    } else if (kind < 95 && !partialAsks.isEmpty()) {
      JsonObject o = base("cancel");
      o.add("target", com.google.gson.JsonParser.parseString(partialAsks.get(random.nextInt(partialAsks.size()))));
      expect(o, "cancel", null, false, "cancel");
    } else {
      expect(base("ping"), "ping", null, false, "pong");
    }
  }

  /** Requests the parser must refuse, each with the error it must give. */
  private void broken(Random random, String page) {
    JsonObject o;
    String error = "bad_field";
    switch (random.nextInt(8)) {
      case 0 -> o = base("prepare");
      case 1 -> {
        o = base("prepare");
        o.addProperty("text", 42);
      }
      case 2 -> {
        o = base("prepare");
        o.addProperty("text", "x".repeat(MAX_TEXT + 1));
        error = "text_too_large";
      }
      case 3 -> {
        o = ask(random, false);
        o.addProperty("text", page);
        o.addProperty("pageId", PageCache.key(page, true));
      }
      case 4 -> o = ask(random, false);
      case 5 -> {
        o = ask(random, false);
        o.addProperty("pageId", random.nextBoolean() ? "" : "p".repeat(129));
      }
      case 6 -> {
        o = ask(random, false);
        o.addProperty("text", page);
        o.addProperty("partial", random.nextBoolean() ? "yes" : "1");
      }
      default -> {
        o = ask(random, false);
        o.addProperty("pageId", PageCache.key(page, true));
        o.addProperty("question", " ");
        error = "empty_question";
      }
    }
    expect(o, "broken " + o.get("type").getAsString(), null, false, error);
  }

  private JsonObject ask(Random random, boolean partial) {
    JsonObject o = base("ask");
    o.addProperty("question", random.nextBoolean() ? "where does big bird live?" : "what is the weather like?");
    if (partial) {
      o.addProperty("partial", true);
    }
    if (random.nextInt(3) == 0) {
      o.addProperty("maxWindows", 1 + random.nextInt(8));
    }
    if (random.nextInt(4) == 0) {
      o.addProperty("tab", random.nextInt(3));
    }
    return o;
  }

  private JsonObject base(String type) {
    int n = nextId++;
    return Requests.base(n % 2 == 0 ? (Object) n : "r" + n, type);
  }

  private void expect(JsonObject request, String kind, String page, boolean partial, String... outcomes) {
    requests.add(request);
    JsonElement id = request.get("id");
    expects.put(id.toString(), new Expect(id, Set.of(outcomes), kind, page, partial));
    if (partial) {
      partialAsks.add(id.toString());
    }
  }

  private static void checkAnswers(JsonObject reply, Expect expect) {
    JsonObject result = reply.getAsJsonObject("result");
    assertEquals(PageCache.key(expect.page(), true), result.get("pageId").getAsString(), reply::toString);
    for (JsonElement a : result.getAsJsonArray("answers")) {
      JsonObject answer = a.getAsJsonObject();
      assertEquals(expect.page().substring(answer.get("start").getAsInt(), answer.get("end").getAsInt()),
          answer.get("text").getAsString(), reply::toString);
    }
  }

  private static String page(Random random, int words) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < words; i++) {
      b.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    return b.toString();
  }
}

package dev.askpage.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.askpage.protocol.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Throws a seeded mix of broken and good frames at one running host: every frame gets exactly one reply with the
 * expected result or error, stdout holds whole valid frames only, and the host ends with status 0 when its input ends.
 * The seed is printed; rerun one with {@code -Dfuzz.seed=N}, change the count with {@code -Dfuzz.frames=N}.
 */
class HostFuzzIT {
  private static final int MAX_TEXT = 1000;
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String[] WORDS = {"big", "bird", "lives", "at", "123", "sesame", "street", "in", "new",
      "york", "the", "weather", "is", "nice", "Grüße", "東京", "🙂", "naïve", "café", "Ωμέγα", "\u00a0", "\n\n",
      ".", ",", "?", "don't", "e-mail", "3.14"};

  @TempDir Path temp;

  /** What one request must get back: a reply with this id (JSON null: none readable) and one of these outcomes. */
  private record Expect(JsonElement id, Set<String> outcomes, String kind, String text) {}

  private final List<Expect> expects = new ArrayList<>();
  private final ByteArrayOutputStream stream = new ByteArrayOutputStream();
  private int nextId;

  @Test
  void survivesThousandsOfMixedFrames() throws Exception {
    long seed = Long.getLong("fuzz.seed", System.nanoTime() % 100_000);
    int count = Integer.getInteger("fuzz.frames", 3000);
    System.out.println("HostFuzzIT seed " + seed + " (-Dfuzz.seed=" + seed + "), " + count + " frames");
    Random random = new Random(seed);
    int hugeAt = random.nextInt(count);
    for (int i = 0; i < count; i++) {
      if (i == hugeAt) {
        realOversizedFrame();
      } else {
        generate(random);
      }
    }
    // The last frame declares almost 4 GiB and the input ends: a cut-off frame, no reply, status 0.
    stream.write(HostProcess.header(0xFFFFFFF0L));
    stream.write("{\"id\":".getBytes(StandardCharsets.UTF_8));
    byte[] all = stream.toByteArray();

    Path model = TestModels.oracle(temp.resolve("oracle"));
    try (HostProcess host = HostProcess.start("--model", model.toString(), "--max-text-chars",
        String.valueOf(MAX_TEXT), "chrome-extension://figobfochmfbacgiggdecdnedcidedin/")) {
      HostProcessIT.awaitModel(host, "ready");
      long t0 = System.nanoTime();
      Thread writer = new Thread(() -> writeInChunks(host, all, new Random(seed + 1)), "fuzz-writer");
      writer.start();

      Map<String, Expect> byId = new HashMap<>();
      Deque<Expect> anonymous = new ArrayDeque<>();
      for (Expect e : expects) {
        if (e.id().isJsonNull()) {
          anonymous.add(e);
        } else {
          assertTrue(byId.put(key(e.id()), e) == null, "duplicate id in the generator");
        }
      }
      Map<String, Integer> outcomes = new TreeMap<>();
      for (int received = 0; received < expects.size(); received++) {
        JsonObject reply = host.receive(WAIT);
        JsonElement id = reply.get("id");
        assertNotNull(id, () -> "a reply without id: " + reply);
        Expect expect = id.isJsonNull() ? anonymous.poll() : byId.remove(key(id));
        assertNotNull(expect, () -> "a reply nobody asked for (or a second reply): " + reply);
        String outcome = check(reply, expect);
        outcomes.merge(expect.kind() + " -> " + outcome, 1, Integer::sum);
      }
      assertTrue(byId.isEmpty() && anonymous.isEmpty(), "requests without a reply");
      writer.join();
      double servedMs = (System.nanoTime() - t0) / 1e6;

      long closedAt = System.nanoTime();
      host.closeInput();
      int status = host.awaitExit(Duration.ofSeconds(10));
      double exitMs = (System.nanoTime() - closedAt) / 1e6;
      assertEquals(0, status, host::stderr);
      List<JsonObject> frames = host.allFramesAfterExit();
      // hellos of awaitModel, then one reply per request and nothing else.
      long hellos = frames.stream().filter(f -> f.get("id").isJsonPrimitive()
          && f.get("id").getAsString().startsWith("hello-")).count();
      assertEquals(expects.size() + hellos, frames.size(), "frames on stdout");
      System.out.printf("HostFuzzIT: %d requests (%d bytes) served in %.0f ms; exit %.0f ms after the cut-off "
          + "frame%n", expects.size(), all.length, servedMs, exitMs);
      outcomes.forEach((k, v) -> System.out.println("  " + v + "\t" + k));
      assertTrue(host.stderr().contains("input ended inside a frame"), host::stderr);
    }
  }

  /** After a few good frames the input ends in the middle of the next frame's header or payload. */
  @ParameterizedTest(name = "cut after {0} bytes of the last frame")
  @ValueSource(ints = {0, 1, 3, 4, 10})
  void endsCleanlyWhenTheLastFrameIsCut(int keep) throws Exception {
    try (HostProcess host = HostProcess.start("--model", "/nonexistent")) {
      host.send(Requests.ping(1));
      host.send(Requests.ask(2, "where does big bird live", TestModels.PAGE));
      assertEquals(HostProcessIT.pong(1), host.receive(WAIT));
      assertEquals("answers", host.receive(WAIT).get("type").getAsString());
      byte[] last = HostProcess.frame("{\"id\":3,\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
      host.sendRaw(java.util.Arrays.copyOf(last, keep));
      long t0 = System.nanoTime();
      host.closeInput();
      assertEquals(0, host.awaitExit(Duration.ofSeconds(10)), host::stderr);
      System.out.printf("cut after %d bytes: exit %.0f ms after the input ended%n", keep,
          (System.nanoTime() - t0) / 1e6);
      assertEquals(2, host.allFramesAfterExit().size());
    }
  }

  /** Ids as the browser compares them: numbers by value (Gson's JsonPrimitive hashes 1 and 1.0 apart). */
  private static String key(JsonElement id) {
    JsonPrimitive p = id.getAsJsonPrimitive();
    return p.isNumber() ? "n:" + p.getAsBigDecimal().stripTrailingZeros().toPlainString() : "s:" + p.getAsString();
  }

  private String check(JsonObject reply, Expect expect) {
    String type = reply.get("type").getAsString();
    String outcome;
    if (type.equals("error")) {
      assertFalse(reply.has("result"), reply::toString);
      JsonObject error = reply.getAsJsonObject("error");
      int code = error.get("code").getAsInt();
      ErrorCode named = ErrorCode.values()[code - 1];
      assertEquals(code, named.code());
      assertEquals(named.wireName(), error.get("name").getAsString(), reply::toString);
      assertFalse(error.get("message").getAsString().isBlank(), reply::toString);
      outcome = "e" + code;
    } else {
      assertFalse(reply.has("error"), reply::toString);
      assertTrue(reply.get("result").isJsonObject(), reply::toString);
      outcome = type;
    }
    assertTrue(expect.outcomes().contains(outcome), () -> expect.kind() + " expected " + expect.outcomes()
        + " but got " + reply);
    if (outcome.equals("answers")) {
      JsonObject timings = reply.getAsJsonObject("result").getAsJsonObject("timings");
      if (timings.has("transferMs")) {
        long transferMs = timings.get("transferMs").getAsLong();
        assertTrue(transferMs >= 0 && transferMs <= 3_600_000, reply::toString);
      }
      JsonArray answers = reply.getAsJsonObject("result").getAsJsonArray("answers");
      for (JsonElement a : answers) {
        JsonObject answer = a.getAsJsonObject();
        int start = answer.get("start").getAsInt();
        int end = answer.get("end").getAsInt();
        assertEquals(expect.text().substring(start, end), answer.get("text").getAsString(), reply::toString);
        double p = answer.get("probability").getAsDouble();
        assertTrue(p >= 0 && p <= 1, reply::toString);
      }
    }
    return outcome;
  }

  private void generate(Random r) {
    int kind = r.nextInt(100);
    if (kind < 12) {
      good(r, "ping", Set.of("pong"), null);
    } else if (kind < 16) {
      good(r, "hello", Set.of("hello"), null);
    } else if (kind < 30) {
      goodAsk(r);
    } else if (kind < 35) {
      JsonObject cancel = Requests.base(0, "cancel");
      JsonElement target = freshId(r);
      if (r.nextBoolean() && !expects.isEmpty()) {
        int at = expects.size() - 1 - r.nextInt(Math.min(expects.size(), 20));
        Expect targeted = expects.get(at);
        if (!targeted.id().isJsonNull()) {
          target = targeted.id();
          if (targeted.kind().startsWith("ask")) {
            Set<String> outcomes = new java.util.HashSet<>(targeted.outcomes());
            outcomes.add("e9");
            expects.set(at, new Expect(targeted.id(), Set.copyOf(outcomes), targeted.kind(), targeted.text()));
          }
        }
      }
      cancel.add("target", target);
      add(cancel, "cancel", Set.of("cancel"), null, r);
    } else if (kind < 42) {
      invalidUtf8(r);
    } else if (kind < 52) {
      invalidJson(r);
    } else if (kind < 57) {
      String[] values = {"1", "\"ping\"", "[]", "null", "true", "[{\"id\":1,\"type\":\"ping\"}]", " 3.5 ",
          "\"\\ud800\""};
      raw(values[r.nextInt(values.length)], "not an object", ErrorCode.NOT_AN_OBJECT);
    } else if (kind < 62) {
      JsonObject o = Requests.base(0, pick(r, "frobnicate", "Ping", "HELLO", "ask ", "", "\u0000", "cancelAll",
          "\ud83d\ude00"));
      add(o, "unknown type", Set.of("e5"), null, r);
    } else if (kind < 77) {
      wrongField(r);
    } else if (kind < 82) {
      JsonObject ask = Requests.base(0, "ask");
      ask.addProperty("question", pick(r, "", " ", "\t\n ", "\u2003", "\r\n", "\u200b", "\ufeff\u2060",
          "\u00a0\u2007\u202f"));
      ask.addProperty("text", "some text");
      add(ask, "empty question", Set.of("e7"), null, r);
    } else if (kind < 87) {
      overLimitText(r);
    } else if (kind < 92) {
      // Unknown fields are ignored.
      JsonObject ping = Requests.base(0, "ping");
      ping.addProperty("future", "field");
      ping.add("nested", JsonParser.parseString("{\"a\":[1,2,{\"b\":null}]}"));
      if (r.nextInt(4) == 0) {
        ping.add("many", JsonParser.parseString("[" + "{},".repeat(r.nextInt(50_000)) + "[[[]]]]"));
        ping.addProperty("long", "l".repeat(r.nextInt(100_000)));
      }
      add(ping, "ping with extra fields", Set.of("pong"), null, r);
    } else {
      zeroOrWhitespace(r);
    }
  }

  private void good(Random r, String type, Set<String> outcomes, String text) {
    add(Requests.base(0, type), type, outcomes, text, r);
  }

  private void goodAsk(Random r) {
    StringBuilder text = new StringBuilder();
    int words = 1 + r.nextInt(120);
    for (int i = 0; i < words; i++) {
      text.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(8) == 0 ? ". " : " ");
    }
    if (r.nextInt(10) == 0) {
      text.insert(r.nextInt(text.length()), '\ud800'); // a lone surrogate, as a broken JavaScript string has
    }
    String page = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text.toString();
    if (Character.isHighSurrogate(page.charAt(page.length() - 1))) {
      page = page.substring(0, page.length() - 1) + "x";
    }
    JsonObject ask = Requests.base(0, "ask");
    ask.addProperty("question", pick(r, "where does big bird live?", "what is the weather?", "sesame?",
        "東京 🙂", "x"));
    ask.addProperty("text", page);
    if (r.nextBoolean()) {
      ask.addProperty("top", 1 + r.nextInt(20));
    }
    if (r.nextBoolean()) {
      ask.addProperty("maxWindows", 1 + r.nextInt(4));
    }
    boolean tab = r.nextInt(3) == 0;
    if (tab) {
      ask.addProperty("tab", r.nextInt(3));
    }
    if (r.nextBoolean()) {
      ask.addProperty("url", "https://example.org/" + r.nextInt(100));
    }
    if (r.nextBoolean()) {
      // Mostly a real clock; sometimes one from another era, which must give no absurd transferMs.
      ask.addProperty("sentAt", r.nextInt(4) > 0 ? System.currentTimeMillis()
          : pick(r, -1e308, 1e308, 0.0, -1.0, 4e15));
    }
    // Busy when the queue is full; cancelled only when it has a tab (a newer ask for the tab) or a cancel names it.
    add(ask, tab ? "ask with a tab" : "ask", tab ? Set.of("answers", "e9", "e12") : Set.of("answers", "e12"), page, r);
  }

  private void invalidUtf8(Random r) {
    byte[][] bad = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0,
        (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
    byte[] good = ("{\"id\":" + (nextId++) + ",\"type\":\"ping\",\"x\":\"abc\"}").getBytes(StandardCharsets.UTF_8);
    byte[] b = bad[r.nextInt(bad.length)];
    int at = r.nextInt(good.length + 1);
    byte[] payload = new byte[good.length + b.length];
    System.arraycopy(good, 0, payload, 0, at);
    System.arraycopy(b, 0, payload, at, b.length);
    System.arraycopy(good, at, payload, at + b.length, good.length - at);
    frame(payload);
    expects.add(new Expect(JsonNull.INSTANCE, Set.of("e2"), "invalid UTF-8", null));
  }

  private void invalidJson(Random r) {
    String good = "{\"id\":" + (nextId++) + ",\"type\":\"ping\"}";
    String payload = switch (r.nextInt(12)) {
      case 0 -> good.substring(0, 1 + r.nextInt(good.length() - 1)); // cut short
      case 1 -> good + " x";
      case 2 -> good + good;
      case 3 -> "{'id':1,'type':'ping'}";
      case 4 -> "{id:1,type:\"ping\"}";
      case 5 -> "{\"id\":1,\"type\":\"ping\",}";
      case 6 -> "[1,]";
      case 7 -> "NaN";
      case 8 -> "[".repeat(1 + r.nextInt(100_000));
      case 9 -> "{\"id\":1,\"type\":\"ping\"} // comment";
      case 10 -> "{\"id\":01,\"type\":\"ping\"}";
      default -> "{\"id\":1,\"type\":\"pi\u0001ng\"}";
    };
    raw(payload, "invalid JSON", ErrorCode.INVALID_JSON);
  }

  private void wrongField(Random r) {
    JsonObject o;
    JsonElement id = freshId(r);
    boolean idReadable = true;
    switch (r.nextInt(15)) {
      case 0 -> {
        o = Requests.base(0, "ping");
        o.add("id", JsonParser.parseString(pick(r, "{}", "[1]", "true", "null")));
        idReadable = false;
      }
      case 1 -> {
        o = Requests.base(0, "ping");
        o.remove("id");
        idReadable = false;
      }
      case 2 -> {
        o = Requests.base(0, "ping");
        o.remove("type");
      }
      case 3 -> {
        o = Requests.base(0, "ping");
        o.add("type", JsonParser.parseString(pick(r, "1", "null", "[\"ping\"]", "{}")));
      }
      case 4 -> {
        o = Requests.ask(0, "q", "t");
        o.add("question", JsonParser.parseString(pick(r, "1", "null", "[\"q\"]", "{}", "true")));
      }
      case 5 -> {
        o = Requests.ask(0, "q", "t");
        o.remove("text");
      }
      case 6 -> {
        o = Requests.ask(0, "q", "t");
        o.add("top", JsonParser.parseString(pick(r, "0", "21", "1.5", "\"5\"", "-1", "1e10", "[]")));
      }
      case 7 -> {
        o = Requests.ask(0, "q", "t");
        o.add("maxWindows", JsonParser.parseString(pick(r, "0", "257", "2.5", "\"4\"", "{}")));
      }
      case 8 -> {
        o = Requests.ask(0, "q", "t");
        o.add("tab", JsonParser.parseString(pick(r, "{}", "[1]", "true")));
      }
      case 9 -> {
        o = Requests.ask(0, "q", "t");
        o.add("sentAt", JsonParser.parseString(pick(r, "\"now\"", "{}", "true")));
      }
      case 10 -> {
        o = Requests.ask(0, "q", "t");
        o.add("url", JsonParser.parseString(pick(r, "1", "{}", "[\"u\"]")));
      }
      case 11 -> {
        o = Requests.base(0, "cancel");
      }
      case 12 -> {
        o = Requests.base(0, "cancel");
        o.add("target", JsonParser.parseString(pick(r, "{}", "[1]", "true", "null")));
      }
      case 13 -> {
        // An id over the 4,096-character limit is not read: no id in the reply.
        o = Requests.base(0, "ping");
        o.addProperty("id", "i".repeat(4097 + r.nextInt(10_000)));
        idReadable = false;
      }
      default -> {
        o = Requests.ask(0, "q", "t");
        o.add("text", JsonParser.parseString(pick(r, "1", "[\"t\"]", "{}")));
      }
    }
    if (idReadable) {
      o.add("id", id);
      frame(Requests.json(o).getBytes(StandardCharsets.UTF_8));
      expects.add(new Expect(id, Set.of("e6"), "wrong field type", null));
    } else {
      frame(Requests.json(o).getBytes(StandardCharsets.UTF_8));
      expects.add(new Expect(JsonNull.INSTANCE, Set.of("e6"), "unreadable id", null));
    }
  }

  private void overLimitText(Random r) {
    String text;
    if (r.nextBoolean()) {
      text = "a".repeat(MAX_TEXT + 1 + r.nextInt(5000));
    } else {
      text = "🙂".repeat(MAX_TEXT / 2) + "b"; // 1001 UTF-16 code units, 501 code points
    }
    JsonObject ask = Requests.ask(0, "what?", text);
    add(ask, "text over the limit", Set.of("e8"), null, r);
    if (r.nextBoolean()) {
      // Exactly at the limit in UTF-16 code units is fine.
      add(Requests.ask(0, "what?", "🙂".repeat(MAX_TEXT / 2)), "ask at the text limit",
          Set.of("answers", "e12"), "🙂".repeat(MAX_TEXT / 2), r);
    }
  }

  private void zeroOrWhitespace(Random r) {
    if (r.nextInt(4) == 0) {
      // A byte order mark before the object is ignored (RFC 8259 allows a parser to), not refused.
      JsonElement id = freshId(r);
      JsonObject ping = Requests.base(0, "ping");
      ping.add("id", id);
      frame(("\ufeff" + Requests.json(ping)).getBytes(StandardCharsets.UTF_8));
      expects.add(new Expect(id, Set.of("pong"), "ping after a byte order mark", null));
      return;
    }
    raw(pick(r, "", " ", "\n\t", "\r\n"), "empty or white space", ErrorCode.INVALID_JSON);
  }

  private void realOversizedFrame() {
    byte[] payload = new byte[64 * 1024 * 1024 + 1];
    java.util.Arrays.fill(payload, (byte) ' ');
    frame(payload);
    expects.add(new Expect(JsonNull.INSTANCE, Set.of("e1"), "65 MiB frame", null));
  }

  /** Adds a request with a fresh id (number or string), expecting a reply with that id. */
  private void add(JsonObject request, String kind, Set<String> outcomes, String text, Random r) {
    JsonElement id = freshId(r);
    request.add("id", id);
    frame(Requests.json(request).getBytes(StandardCharsets.UTF_8));
    expects.add(new Expect(id, outcomes, kind, text));
  }

  private void raw(String payload, String kind, ErrorCode code) {
    frame(payload.getBytes(StandardCharsets.UTF_8));
    expects.add(new Expect(JsonNull.INSTANCE, Set.of("e" + code.code()), kind, null));
  }

  private JsonElement freshId(Random r) {
    int n = nextId++;
    return switch (r.nextInt(6)) {
      case 0 -> new JsonPrimitive("id-" + n);
      case 1 -> new JsonPrimitive("ид 東京 🙂 " + n);
      case 2 -> new JsonPrimitive("\ud800 lone " + n); // a lone surrogate: valid JSON, must come back unchanged
      case 3 -> new JsonPrimitive(n + 0.5);
      default -> new JsonPrimitive(n);
    };
  }

  private void frame(byte[] payload) {
    stream.writeBytes(HostProcess.frame(payload));
  }

  private static String pick(Random r, String... values) {
    return values[r.nextInt(values.length)];
  }

  private static double pick(Random r, double... values) {
    return values[r.nextInt(values.length)];
  }

  /** Writes the bytes in random chunks, so frames arrive split at every kind of boundary. */
  private static void writeInChunks(HostProcess host, byte[] all, Random r) {
    try {
      int at = 0;
      while (at < all.length) {
        int n = Math.min(all.length - at, r.nextInt(4) == 0 ? 1 + r.nextInt(8) : 1 + r.nextInt(16 * 1024));
        host.sendRaw(java.util.Arrays.copyOfRange(all, at, at + n));
        at += n;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}

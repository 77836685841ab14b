package dev.askpage.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.askpage.engine.Answer;
import dev.askpage.engine.Result;
import dev.askpage.engine.Timings;
import dev.askpage.protocol.Replies;

/** The {@code answers} result as PROTOCOL.md gives it; the host's replies and {@code askpage ask --json} both use it. */
public final class AnswersJson {
  private AnswersJson() {}

  /**
   * {@code {"mode", "answers", "noAnswerProbability"?, "timings"}} of a result; each answer text cut to
   * {@code maxAnswerChars}. {@code noAnswerProbability} is there when the model's no-answer score took part.
   *
   * @param totalMs the whole question in the host, or NaN to leave it out
   */
  public static JsonObject of(Result result, int maxAnswerChars, double totalMs) {
    JsonObject out = new JsonObject();
    out.addProperty("mode", result.mode().wireName());
    JsonArray list = new JsonArray();
    for (Answer a : result.answers()) {
      list.add(Replies.answer(a.text(), a.start(), a.end(), a.score(), a.probability(), maxAnswerChars));
    }
    out.add("answers", list);
    if (!Double.isNaN(result.noAnswerProbability())) {
      out.addProperty("noAnswerProbability", Math.round(result.noAnswerProbability() * 1e4) / 1e4);
    }
    Timings t = result.timings();
    JsonObject timings = new JsonObject();
    timings.addProperty("tokenizeMs", round(t.tokenizeMs()));
    timings.addProperty("retrieveMs", round(t.retrieveMs()));
    timings.addProperty("inferenceMs", round(t.inferenceMs()));
    timings.addProperty("decodeMs", round(t.decodeMs()));
    if (!Double.isNaN(totalMs)) {
      timings.addProperty("totalMs", round(totalMs));
    }
    timings.addProperty("cacheHit", t.cacheHit());
    timings.addProperty("windows", t.windows());
    timings.addProperty("passages", t.passages());
    out.add("timings", timings);
    return out;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}

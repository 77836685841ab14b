package dev.askpage.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A SQuAD dev set (v1.1 or v2.0 JSON): articles, their paragraphs, and each paragraph's questions and gold answers. */
public final class SquadDataset {
  /** One gold answer: its text and its character offset in the paragraph. */
  public record Answer(String text, int start) {}

  /** One question; an unanswerable (v2.0) question has no answers. */
  public record Question(String id, String question, List<Answer> answers, boolean isImpossible) {
    public Question {
      answers = List.copyOf(answers);
    }

    /** The gold answer texts, in file order (duplicates kept, as the official scripts keep them). */
    public List<String> answerTexts() {
      return answers.stream().map(Answer::text).toList();
    }
  }

  /** A paragraph and the questions asked about it. */
  public record Paragraph(String context, List<Question> questions) {
    public Paragraph {
      questions = List.copyOf(questions);
    }
  }

  /** A Wikipedia article: a title and its paragraphs. */
  public record Article(String title, List<Paragraph> paragraphs) {
    public Article {
      paragraphs = List.copyOf(paragraphs);
    }

    /** The whole article as one text: its paragraphs joined by a blank line, as page mode reads it. */
    public String text() {
      StringBuilder text = new StringBuilder();
      for (Paragraph paragraph : paragraphs) {
        if (text.length() > 0) {
          text.append("\n\n");
        }
        text.append(paragraph.context());
      }
      return text.toString();
    }
  }

  private final String version;
  private final boolean version2;
  private final List<Article> articles;

  private SquadDataset(String version, boolean version2, List<Article> articles) {
    this.version = version;
    this.version2 = version2;
    this.articles = List.copyOf(articles);
  }

  /** A data set built in code (tests, subsets). */
  public static SquadDataset of(String version, List<Article> articles) {
    boolean anyImpossible = articles.stream()
        .flatMap(a -> a.paragraphs().stream())
        .flatMap(p -> p.questions().stream())
        .anyMatch(Question::isImpossible);
    return new SquadDataset(version, looksLikeVersion2(version) || anyImpossible, articles);
  }

  /** Reads a dev-v1.1.json or dev-v2.0.json file. */
  public static SquadDataset read(Path file) throws EvalException {
    JsonElement root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(reader);
    } catch (IOException e) {
      throw new EvalException("cannot read SQuAD file " + file + ": " + e.getMessage(), e);
    } catch (JsonParseException e) {
      throw new EvalException("SQuAD file " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    try {
      return parse(root.getAsJsonObject());
    } catch (IllegalStateException | UnsupportedOperationException | NullPointerException | ClassCastException e) {
      throw new EvalException("SQuAD file " + file + " does not have the SQuAD layout (data → paragraphs → qas): "
          + e.getMessage(), e);
    }
  }

  private static SquadDataset parse(JsonObject root) {
    String version = root.has("version") ? root.get("version").getAsString() : "";
    boolean sawImpossibleField = false;
    List<Article> articles = new ArrayList<>();
    for (JsonElement articleElement : root.getAsJsonArray("data")) {
      JsonObject article = articleElement.getAsJsonObject();
      List<Paragraph> paragraphs = new ArrayList<>();
      for (JsonElement paragraphElement : article.getAsJsonArray("paragraphs")) {
        JsonObject paragraph = paragraphElement.getAsJsonObject();
        List<Question> questions = new ArrayList<>();
        for (JsonElement qaElement : paragraph.getAsJsonArray("qas")) {
          JsonObject qa = qaElement.getAsJsonObject();
          List<Answer> answers = new ArrayList<>();
          JsonArray answerArray = qa.getAsJsonArray("answers");
          for (JsonElement answerElement : answerArray) {
            JsonObject answer = answerElement.getAsJsonObject();
            int start = answer.has("answer_start") ? answer.get("answer_start").getAsInt() : -1;
            answers.add(new Answer(answer.get("text").getAsString(), start));
          }
          boolean impossible = false;
          if (qa.has("is_impossible")) {
            sawImpossibleField = true;
            impossible = qa.get("is_impossible").getAsBoolean();
          }
          questions.add(new Question(
              qa.get("id").getAsString(), qa.get("question").getAsString(), answers, impossible));
        }
        paragraphs.add(new Paragraph(paragraph.get("context").getAsString(), questions));
      }
      String title = article.has("title") ? article.get("title").getAsString() : "";
      articles.add(new Article(title, paragraphs));
    }
    return new SquadDataset(version, looksLikeVersion2(version) || sawImpossibleField, articles);
  }

  private static boolean looksLikeVersion2(String version) {
    String v = version.startsWith("v") ? version.substring(1) : version;
    return v.startsWith("2");
  }

  /** The file's {@code version} field as written ("1.1", "v2.0"). */
  public String version() {
    return version;
  }

  /** True for SQuAD 2.0 (version 2.x, or questions carrying {@code is_impossible}): scored with the v2.0 metric. */
  public boolean isVersion2() {
    return version2;
  }

  /** The articles in file order. */
  public List<Article> articles() {
    return articles;
  }

  /** Every question in file order. */
  public List<Question> questions() {
    List<Question> all = new ArrayList<>();
    for (Article article : articles) {
      for (Paragraph paragraph : article.paragraphs()) {
        all.addAll(paragraph.questions());
      }
    }
    return all;
  }

  /** How many questions the set holds. */
  public int questionCount() {
    int count = 0;
    for (Article article : articles) {
      for (Paragraph paragraph : article.paragraphs()) {
        count += paragraph.questions().size();
      }
    }
    return count;
  }
}

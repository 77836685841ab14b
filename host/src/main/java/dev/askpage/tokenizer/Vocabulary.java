package dev.askpage.tokenizer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An immutable WordPiece vocabulary: one token per line, the id of a token is its line index. */
public final class Vocabulary {
  static final String CLS = "[CLS]";
  static final String SEP = "[SEP]";
  static final String PAD = "[PAD]";
  static final String UNK = "[UNK]";

  private final String[] tokens;
  private final Map<String, Integer> ids;
  private final int cls;
  private final int sep;
  private final int pad;
  private final int unk;

  private Vocabulary(String[] tokens, Map<String, Integer> ids) throws VocabularyFormatException {
    this.tokens = tokens;
    this.ids = ids;
    this.cls = required(ids, CLS);
    this.sep = required(ids, SEP);
    this.pad = required(ids, PAD);
    this.unk = required(ids, UNK);
  }

  /**
   * Reads a {@code vocab.txt} (UTF-8, one token per line, id = line index). A token listed twice keeps the id of its
   * last line, as Hugging Face's {@code load_vocab} does.
   *
   * @throws VocabularyFormatException when the file lacks {@code [CLS]}, {@code [SEP]}, {@code [PAD]} or {@code [UNK]}
   */
  public static Vocabulary load(Path vocabTxt) throws IOException {
    List<String> lines = new ArrayList<>(32_768);
    try (BufferedReader reader = Files.newBufferedReader(vocabTxt, StandardCharsets.UTF_8)) {
      // readLine ends a line at "\n", "\r" or "\r\n", as Python's universal newlines (Hugging Face) do.
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    return of(lines);
  }

  /** A vocabulary from tokens in id order. */
  static Vocabulary of(List<String> tokens) throws VocabularyFormatException {
    String[] array = tokens.toArray(new String[0]);
    Map<String, Integer> ids = new HashMap<>(array.length * 2);
    for (int i = 0; i < array.length; i++) {
      ids.put(array[i], i);
    }
    return new Vocabulary(array, ids);
  }

  private static int required(Map<String, Integer> ids, String token) throws VocabularyFormatException {
    Integer id = ids.get(token);
    if (id == null) {
      throw new VocabularyFormatException("vocabulary has no " + token + " token");
    }
    return id;
  }

  /** The id of {@code token}, or -1 when the vocabulary does not hold it. */
  public int id(String token) {
    Integer id = ids.get(token);
    return id == null ? -1 : id;
  }

  /** The token with this id. */
  public String token(int id) {
    return tokens[id];
  }

  /** How many ids there are (lines in the file). */
  public int size() {
    return tokens.length;
  }

  /** The id of {@code [CLS]}. */
  public int clsId() {
    return cls;
  }

  /** The id of {@code [SEP]}. */
  public int sepId() {
    return sep;
  }

  /** The id of {@code [PAD]}. */
  public int padId() {
    return pad;
  }

  /** The id of {@code [UNK]}. */
  public int unkId() {
    return unk;
  }
}

package dev.askpage.installer.model;

import dev.askpage.models.ExportMapping;
import dev.askpage.models.ModelFormatException;
import dev.askpage.models.onnx.OnnxFormatException;
import dev.askpage.models.onnx.OnnxWordEmbeddings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Checks that {@code vocab.txt} is the model's own: it has exactly as many tokens as the model's word-embedding table
 * has rows. A cased, multilingual or cut-off vocabulary passes {@link VocabularyCheck} (it has BERT's special tokens)
 * but gives ids that point at other rows or past the table: the host would answer wrongly or fail.
 */
final class VocabularySizeCheck {
  private VocabularySizeCheck() {}

  /**
   * Compares {@code tokens} (the lines of the checked vocabulary) with the rows of {@code onnx}'s embedding table; a
   * model without such a table (one that computes from the ids otherwise) has nothing to compare with and passes.
   *
   * @param origin where the files came from, for the message
   * @throws VerificationException when the numbers differ, or the file cannot be read as an export
   */
  static void check(Path onnx, int tokens, String origin) throws IOException, VerificationException {
    OptionalLong rows;
    try {
      String ids = ExportMapping.export(onnx.getParent(), onnx).ids().name();
      rows = OnnxWordEmbeddings.rows(onnx, ids);
    } catch (OnnxFormatException e) {
      throw new VerificationException("model.onnx from " + origin + " is " + e.getMessage());
    } catch (ModelFormatException e) {
      throw new VerificationException("model.onnx from " + origin + ": " + e.getCause().getMessage());
    }
    if (rows.isPresent() && rows.getAsLong() != tokens) {
      throw new VerificationException("vocab.txt from " + origin + " has " + tokens + " tokens but model.onnx's "
          + "word-embedding table has " + rows.getAsLong() + " rows: it is not this model's vocabulary (a cased, "
          + "multilingual or cut-off vocab.txt?), with which the host would fail or answer wrongly");
    }
  }
}

package dev.askpage.models.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QaExportTest {
  private static final long D = ExportTensor.DYNAMIC;

  private static ExportTensor t(String name, String type, long... dims) {
    return new ExportTensor(name, type, dims);
  }

  @Test
  void tensorflowNamesInt32FixedShapeAndReversedOutputs() throws Exception {
    QaExport e = QaExport.of(
        List.of(t("segment_ids:0", "int32", 1, 384), t("input_mask:0", "int32", 1, 384),
            t("input_ids:0", "int32", 1, 384)),
        List.of(t("end_logits:0", "float", 1, 384), t("start_logits:0", "float", 1, 384)));
    assertEquals("input_ids:0", e.ids().name());
    assertEquals("input_mask:0", e.mask().name());
    assertEquals("segment_ids:0", e.types().name());
    assertTrue(e.ids().int32());
    assertEquals(1, e.fixedBatch());
    assertEquals(384, e.fixedSequence());
    assertEquals("start_logits:0", e.start());
    assertEquals("end_logits:0", e.end());
  }

  @Test
  void oneLogitsOutputAndNoTokenTypes() throws Exception {
    QaExport e = QaExport.of(List.of(t("input_ids", "int64", D, D), t("attention_mask", "int64", D, D)),
        List.of(t("logits", "float", D, D, 2)));
    assertNull(e.types());
    assertTrue(e.singleLogits());
    assertEquals(List.of("logits"), e.outputNames());
    assertEquals("dynamic", e.describe().get("sequence"));
  }

  @Test
  void refusalsNameTheModelsTensorsAndWhatIsAccepted() {
    UnsupportedExportException extra = assertThrows(UnsupportedExportException.class, () -> QaExport.of(
        List.of(t("input_ids", "int64", D, D), t("attention_mask", "int64", D, D), t("position_ids", "int64", D, D)),
        List.of(t("start_logits", "float", D, D), t("end_logits", "float", D, D))));
    assertTrue(extra.getMessage().contains("cannot feed the input position_ids"), extra.getMessage());
    assertTrue(extra.getMessage().contains("askpage accepts"), extra.getMessage());

    UnsupportedExportException floats = assertThrows(UnsupportedExportException.class, () -> QaExport.of(
        List.of(t("input_ids", "float", D, D), t("attention_mask", "int64", D, D)),
        List.of(t("start_logits", "float", D, D), t("end_logits", "float", D, D))));
    assertTrue(floats.getMessage().contains("input_ids is float"), floats.getMessage());

    UnsupportedExportException disagree = assertThrows(UnsupportedExportException.class, () -> QaExport.of(
        List.of(t("input_ids", "int64", 1, 384), t("attention_mask", "int64", 1, 256)),
        List.of(t("start_logits", "float", 1, 384), t("end_logits", "float", 1, 384))));
    assertTrue(disagree.getMessage().contains("disagree on the sequence length"), disagree.getMessage());

    UnsupportedExportException outputs = assertThrows(UnsupportedExportException.class, () -> QaExport.of(
        List.of(t("input_ids", "int64", D, D), t("attention_mask", "int64", D, D)),
        List.of(t("last_hidden_state", "float", D, D, 512))));
    assertTrue(outputs.getMessage().contains("last_hidden_state float [?, ?, 512]"), outputs.getMessage());
  }
}

package dev.askpage.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {
  @Test
  void defaultIsMobileBertSquad2() {
    CatalogModel model = ModelCatalog.defaultModel();
    assertEquals("mobilebert-uncased-squad-v2", model.id());
    assertEquals("csarron/mobilebert-uncased-squad-v2", model.repository());
    assertEquals("MIT", model.licence());
    assertEquals(List.of("input_ids", "attention_mask", "token_type_ids"), model.inputs());
    assertEquals(List.of("start_logits", "end_logits"), model.outputs());
    assertTrue(model.predictsNoAnswer());
    assertEquals(75.2, model.exactMatch());
    assertEquals(78.8, model.f1());
  }

  @Test
  void urlsPointAtHuggingFaceResolve() {
    CatalogModel model = ModelCatalog.defaultModel();
    String revision = model.pinned() ? model.revision() : CatalogModel.UNPINNED_REVISION;
    assertEquals("https://huggingface.co/csarron/mobilebert-uncased-squad-v2/resolve/" + revision + "/model.onnx",
        model.url("model.onnx"));
    assertTrue(model.file("model.onnx").orElseThrow().approximateBytes() > 90_000_000L);
    assertTrue(model.file("vocab.txt").isPresent());
  }

  @Test
  void revisionIsNotInventedWhileUnknown() {
    CatalogModel model = ModelCatalog.defaultModel();
    if (model.pinned()) {
      assertTrue(model.revision().matches("[0-9a-f]{40}"), model.revision());
    } else {
      assertNull(model.revision());
      assertNull(model.file("model.onnx").orElseThrow().sha256());
    }
  }

  @Test
  void manifestForADownloadedCopyMatchesTheCatalog() {
    CatalogModel model = ModelCatalog.defaultModel();
    ModelManifest manifest = model.manifest("b".repeat(64));
    assertEquals(model.id(), manifest.id());
    assertEquals(model.inputs(), manifest.inputs());
    assertEquals(512, manifest.maxSequenceLength());
    assertEquals("b".repeat(64), manifest.sha256());
  }

  @Test
  void malformedCatalogIsAPackagingBug() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> ModelCatalog.parse(new StringReader("{\"default\": \"x\"}")));
    assertTrue(e.getMessage().contains("malformed"), e.getMessage());
    ModelCatalog empty = ModelCatalog.parse(new StringReader("{\"default\": \"x\", \"models\": []}"));
    assertFalse(empty.find("x").isPresent());
    assertThrows(IllegalStateException.class, empty::defaultEntry);
  }
}

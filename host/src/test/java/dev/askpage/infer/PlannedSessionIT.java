package dev.askpage.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession;
import dev.askpage.models.SharedData;
import dev.askpage.models.SyntheticModels;
import dev.askpage.models.SyntheticSize;
import dev.askpage.models.onnx.OnnxValueShapes;
import dev.askpage.models.onnx.OnnxValueShapes.Dim;
import dev.askpage.models.onnx.OnnxValueShapes.ValueShape;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions created with the model's measured value shapes: same answers, shapes saved once, bad shapes survived. */
class PlannedSessionIT {
  @TempDir Path temp;

  private static final int[][] WINDOWS = {
      {101, 2073, 2515, 102, 2009, 3268, 2012, 1996, 2395, 102},
      {101, 2073, 102, 1037, 2338, 102},
      {101, 2054, 2003, 102, 2009, 2003, 1037, 3231, 1997, 1996, 2291, 1012, 102}};
  private static final int[] CONTEXT_STARTS = {4, 3, 4};

  private Path tinyMobileBert(String name) throws Exception {
    return SyntheticModels.writeMobileBert(temp.resolve(name), SyntheticSize.TINY, 3, SharedData.vocabulary())
        .modelFile();
  }

  @Test
  void theFirstLoadMeasuresAndSavesShapesThatNameTheBatchAndSequence() throws Exception {
    Path model = tinyMobileBert("first");
    List<ValueShape> shapes;
    try (OrtSession.SessionOptions options = QaModel.sessionOptions(ThreadPolicy.defaults())) {
      shapes = PlannedSession.measureShapes(OrtNative.environment(), model, options);
    }
    List<String> intermediates = OnnxValueShapes.intermediates(ByteBuffer.wrap(Files.readAllBytes(model)));
    assertEquals(intermediates.size(), shapes.size());
    long named = shapes.stream().filter(s -> s.dims().contains(Dim.named("sequence"))).count();
    long unknown = shapes.stream().filter(s -> s.dims().contains(Dim.UNKNOWN)).count();
    // Only the embeddings' shifted copies (one position shorter) are neither: ONNX inference knew almost none.
    assertTrue(named > shapes.size() * 9 / 10 && unknown <= 2, named + " named, " + unknown + " unknown of "
        + shapes.size());
    assertTrue(shapes.stream().anyMatch(s -> s.dims().size() == 3 && s.dims().get(0).equals(Dim.named("batch"))
        && s.dims().get(1).equals(Dim.named("sequence")) && s.dims().get(2).value() > 1), "a [batch, sequence, hidden]");

    assertEquals(false, Files.exists(OnnxValueShapes.sidecar(model)));
    try (QaModel loaded = QaModel.load(model, ThreadPolicy.defaults())) {
      assertTrue(OnnxValueShapes.readSidecar(model).isPresent());
    }
  }

  @Test
  void answersAreTheSameWithAndWithoutTheShapes() throws Exception {
    Path planned = tinyMobileBert("planned");
    Path plain = tinyMobileBert("plain");
    OnnxValueShapes.writeSidecar(plain, List.of()); // "measured, nothing to add": loads as the file is
    try (QaModel withShapes = QaModel.load(planned, ThreadPolicy.defaults());
        QaModel without = QaModel.load(plain, ThreadPolicy.defaults())) {
      assertTrue(OnnxValueShapes.readSidecar(planned).orElseThrow().length > 1000);
      for (int batch = 1; batch <= WINDOWS.length; batch++) {
        int[][] windows = java.util.Arrays.copyOf(WINDOWS, batch);
        int[] starts = java.util.Arrays.copyOf(CONTEXT_STARTS, batch);
        BatchLogits a = withShapes.run(windows, starts);
        BatchLogits b = without.run(windows, starts);
        for (int w = 0; w < batch; w++) {
          assertArrayEquals(b.start()[w], a.start()[w]);
          assertArrayEquals(b.end()[w], a.end()[w]);
        }
      }
    }
  }

  @Test
  void shapesOfAnEarlierModelFileAreMeasuredAgain() throws Exception {
    Path model = tinyMobileBert("stale");
    QaModel.load(model, ThreadPolicy.defaults()).close();
    byte[] before = Files.readAllBytes(OnnxValueShapes.sidecar(model));
    Files.setLastModifiedTime(model, FileTime.fromMillis(Files.getLastModifiedTime(model).toMillis() + 2000));
    assertEquals(false, OnnxValueShapes.readSidecar(model).isPresent());
    QaModel.load(model, ThreadPolicy.defaults()).close();
    assertTrue(OnnxValueShapes.readSidecar(model).isPresent());
    assertNotEquals(ByteBuffer.wrap(before), ByteBuffer.wrap(Files.readAllBytes(OnnxValueShapes.sidecar(model))));
  }

  @Test
  void shapesOnnxRuntimeRefusesAreReplaced() throws Exception {
    Path model = tinyMobileBert("refused");
    String first = OnnxValueShapes.intermediates(ByteBuffer.wrap(Files.readAllBytes(model))).get(0);
    // A float value declared int64: ONNX Runtime fails the load with these shapes.
    OnnxValueShapes.writeSidecar(model, List.of(new ValueShape(first, 7, List.of(Dim.named("batch")))));
    try (QaModel loaded = QaModel.load(model, ThreadPolicy.defaults())) {
      assertEquals(3, loaded.run(WINDOWS, CONTEXT_STARTS).start().length);
    }
    String saved = new String(Files.readAllBytes(OnnxValueShapes.sidecar(model)), "ISO-8859-1");
    assertTrue(saved.contains("sequence"), "measured again");
  }

  @Test
  void aModelWhoseShapesCannotBeSavedStillLoads() throws Exception {
    Path model = tinyMobileBert("unsaved");
    Path blocker = OnnxValueShapes.sidecar(model);
    Files.createDirectories(blocker.resolve("in-the-way")); // a non-empty directory where the file would go
    try (QaModel loaded = QaModel.load(model, ThreadPolicy.defaults())) {
      assertEquals(3, loaded.run(WINDOWS, CONTEXT_STARTS).start().length);
    }
    assertTrue(Files.isDirectory(blocker));
  }
}

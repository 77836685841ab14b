package dev.askpage.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.askpage.models.onnx.OnnxValueShapes.Dim;
import dev.askpage.models.onnx.OnnxValueShapes.ValueShape;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxValueShapesTest {
  @TempDir Path temp;

  /** ids → Cast → Relu → (output) logits; the Cast's output is the one intermediate value. */
  private byte[] model() throws Exception {
    OnnxGraph g = new OnnxGraph("shapes");
    String ids = g.input("input_ids", OnnxType.INT64, "batch", "sequence");
    g.output("logits", OnnxType.FLOAT, "batch", "sequence");
    String cast = g.op("Cast", List.of(OnnxAttribute.of("to", OnnxType.FLOAT.code())), ids);
    g.node("Relu", List.of(cast), List.of("logits"), List.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new OnnxModelWriter("test", "test", Map.of()).write(g, out);
    return out.toByteArray();
  }

  private static final ValueShape CAST =
      new ValueShape("Cast_0", 1, List.of(Dim.named("batch"), Dim.named("sequence"), Dim.fixed(4), Dim.UNKNOWN));

  @Test
  void intermediatesAreTheNodeOutputsThatAreNotGraphOutputs() throws Exception {
    assertEquals(List.of("Cast_0"), OnnxValueShapes.intermediates(ByteBuffer.wrap(model())));
  }

  @Test
  void theValueInfoFieldIsOneGraphFieldHoldingOnlyValueInfo() throws Exception {
    byte[] field = OnnxValueShapes.valueInfoField(List.of(CAST, CAST));
    // After a model's bytes, protobuf parsers (ONNX Runtime's) merge it into the model's graph: the host's
    // PlannedSessionIT loads such a model. This reader keeps the last graph field, so it sees this one alone.
    ProtoReader graph = new ProtoReader(OnnxSignatureReader.graphOf(ByteBuffer.wrap(field)));
    int valueInfos = 0;
    while (graph.hasNext()) {
      assertEquals(OnnxProto.GRAPH_VALUE_INFO, graph.next());
      graph.skip();
      valueInfos++;
    }
    assertEquals(2, valueInfos);
    assertEquals(false, OnnxValueShapes.holdsNone(field));
    assertEquals(true, OnnxValueShapes.holdsNone(OnnxValueShapes.valueInfoField(List.of())));
    String text = new String(field, StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("Cast_0") && text.contains("batch") && text.contains("sequence"), text);
  }

  @Test
  void savedShapesAreReadBackWhileTheModelFileIsUnchanged() throws Exception {
    Path file = temp.resolve("model.onnx");
    Files.write(file, model());
    OnnxValueShapes.writeSidecar(file, List.of(CAST));
    Optional<byte[]> read = OnnxValueShapes.readSidecar(file);
    assertTrue(read.isPresent());
    assertEquals(ByteBuffer.wrap(OnnxValueShapes.valueInfoField(List.of(CAST))), ByteBuffer.wrap(read.get()));
    assertEquals(List.of("model.onnx", "model.onnx.shapes"), listing());
  }

  @Test
  void shapesOfAnotherVersionOfTheModelFileAreNotRead() throws Exception {
    Path file = temp.resolve("model.onnx");
    Files.write(file, model());
    OnnxValueShapes.writeSidecar(file, List.of(CAST));
    Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
    assertEquals(Optional.empty(), OnnxValueShapes.readSidecar(file));
  }

  @Test
  void aMissingOrDamagedShapesFileReadsAsNone() throws Exception {
    Path file = temp.resolve("model.onnx");
    Files.write(file, model());
    assertEquals(Optional.empty(), OnnxValueShapes.readSidecar(file));
    Files.write(OnnxValueShapes.sidecar(file), new byte[] {(byte) 0x8a, 1, 2});
    assertEquals(Optional.empty(), OnnxValueShapes.readSidecar(file));
  }

  private List<String> listing() throws Exception {
    try (var files = Files.list(temp)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}

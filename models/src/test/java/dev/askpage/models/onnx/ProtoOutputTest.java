package dev.askpage.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

class ProtoOutputTest {
  @Test
  void varintsUseSevenBitGroups() throws Exception {
    assertArrayEquals(new byte[] {0x01}, varint(1));
    assertArrayEquals(new byte[] {(byte) 0xAC, 0x02}, varint(300));
    assertEquals(10, varint(-1).length);
    assertEquals(10, ProtoOutput.varintSize(-1));
    assertEquals(2, ProtoOutput.varintSize(300));
  }

  @Test
  void stringFieldIsTagLengthBytes() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ProtoOutput(bytes).string(2, "hé");
    assertArrayEquals(new byte[] {0x12, 3, 'h', (byte) 0xC3, (byte) 0xA9}, bytes.toByteArray());
    assertEquals(5, ProtoOutput.stringSize(2, "hé"));
  }

  @Test
  void floatFieldIsFixed32LittleEndian() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ProtoOutput(bytes).float32(2, 1f);
    assertArrayEquals(new byte[] {0x15, 0, 0, (byte) 0x80, 0x3F}, bytes.toByteArray());
  }

  private static byte[] varint(long value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ProtoOutput(bytes).varint(value);
    return bytes.toByteArray();
  }
}

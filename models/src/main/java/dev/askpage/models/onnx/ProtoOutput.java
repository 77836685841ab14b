package dev.askpage.models.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Protobuf wire-format writer for the few field kinds ONNX files use; also sizes fields before they are written. */
final class ProtoOutput {
  static final int VARINT = 0;
  static final int FIXED32 = 5;
  static final int LENGTH_DELIMITED = 2;

  private final OutputStream out;

  ProtoOutput(OutputStream out) {
    this.out = out;
  }

  OutputStream stream() {
    return out;
  }

  void int64(int field, long value) throws IOException {
    tag(field, VARINT);
    varint(value);
  }

  void float32(int field, float value) throws IOException {
    tag(field, FIXED32);
    int bits = Float.floatToRawIntBits(value);
    out.write(bits);
    out.write(bits >>> 8);
    out.write(bits >>> 16);
    out.write(bits >>> 24);
  }

  void string(int field, String value) throws IOException {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    tag(field, LENGTH_DELIMITED);
    varint(bytes.length);
    out.write(bytes);
  }

  void message(int field, ProtoMessage message) throws IOException {
    tag(field, LENGTH_DELIMITED);
    varint(message.size());
    message.writeTo(this);
  }

  /** Writes the tag and length of a length-delimited field whose bytes the caller writes next. */
  void lengthPrefix(int field, long length) throws IOException {
    tag(field, LENGTH_DELIMITED);
    varint(length);
  }

  private void tag(int field, int wireType) throws IOException {
    varint(((long) field << 3) | wireType);
  }

  void varint(long value) throws IOException {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  static int varintSize(long value) {
    int size = 1;
    long v = value;
    while ((v & ~0x7FL) != 0) {
      size++;
      v >>>= 7;
    }
    return size;
  }

  static long int64Size(int field, long value) {
    return tagSize(field) + varintSize(value);
  }

  static long float32Size(int field) {
    return tagSize(field) + 4L;
  }

  static long stringSize(int field, String value) {
    return lengthDelimitedSize(field, value.getBytes(StandardCharsets.UTF_8).length);
  }

  static long messageSize(int field, ProtoMessage message) {
    return lengthDelimitedSize(field, message.size());
  }

  static long lengthDelimitedSize(int field, long length) {
    return tagSize(field) + varintSize(length) + length;
  }

  private static int tagSize(int field) {
    return varintSize((long) field << 3);
  }
}

package dev.askpage.models.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Protobuf wire-format reader over a buffer (usually a memory-mapped file): the counterpart of {@link ProtoOutput}.
 * Length-delimited fields come back as slices, so a skipped 90 MB initializer costs nothing.
 */
final class ProtoReader {
  private final ByteBuffer buffer;
  private int tag;
  private int fieldStart;

  ProtoReader(ByteBuffer buffer) {
    this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Whether another field follows. */
  boolean hasNext() {
    return buffer.hasRemaining();
  }

  /** Reads the next field's tag and returns its field number. */
  int next() throws OnnxFormatException {
    fieldStart = buffer.position();
    tag = (int) varint();
    if ((tag >>> 3) == 0) {
      throw malformed("field number 0");
    }
    return tag >>> 3;
  }

  int wireType() {
    return tag & 7;
  }

  /** The current field as a varint (int64, enum). */
  long varint() throws OnnxFormatException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (!buffer.hasRemaining()) {
        throw malformed("a number is cut off");
      }
      byte b = buffer.get();
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw malformed("a number is longer than 10 bytes");
  }

  /** The current field as 4 little-endian bytes (float). */
  float fixed32() throws OnnxFormatException {
    if (buffer.remaining() < 4) {
      throw malformed("a float is cut off");
    }
    return buffer.getFloat();
  }

  /** The current length-delimited field as a slice of the underlying buffer (little-endian). */
  ByteBuffer bytes() throws OnnxFormatException {
    if (wireType() != ProtoOutput.LENGTH_DELIMITED) {
      throw malformed("field " + (tag >>> 3) + " has wire type " + wireType() + " where bytes were expected");
    }
    long length = varint();
    if (length < 0 || length > buffer.remaining()) {
      throw malformed("a field of " + length + " bytes runs past the end (" + buffer.remaining() + " left)");
    }
    ByteBuffer slice = buffer.slice(buffer.position(), (int) length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.position(buffer.position() + (int) length);
    return slice;
  }

  /** A reader over the current length-delimited field (an embedded message). */
  ProtoReader message() throws OnnxFormatException {
    return new ProtoReader(bytes());
  }

  String string() throws OnnxFormatException {
    ByteBuffer bytes = bytes();
    byte[] array = new byte[bytes.remaining()];
    bytes.get(array);
    return new String(array, StandardCharsets.UTF_8);
  }

  /** The last value of string field {@code field} in this message ("" when absent); reads the message to its end. */
  String lastString(int field) throws OnnxFormatException {
    String value = "";
    while (hasNext()) {
      if (next() == field) {
        value = string();
      } else {
        skip();
      }
    }
    return value;
  }

  /** The whole current field, tag included, once it has been read or skipped: for copying it unchanged. */
  ByteBuffer wholeField() {
    return buffer.slice(fieldStart, buffer.position() - fieldStart);
  }

  /** The current field's values of a repeated int64, packed or not (one call per field occurrence). */
  void int64s(java.util.List<Long> out) throws OnnxFormatException {
    if (wireType() == ProtoOutput.LENGTH_DELIMITED) {
      ProtoReader packed = new ProtoReader(bytes());
      while (packed.hasNext()) {
        out.add(packed.varint());
      }
    } else {
      out.add(varint());
    }
  }

  /** Skips the current field. */
  void skip() throws OnnxFormatException {
    switch (wireType()) {
      case ProtoOutput.VARINT -> varint();
      case 1 -> advance(8);
      case ProtoOutput.LENGTH_DELIMITED -> bytes();
      case ProtoOutput.FIXED32 -> advance(4);
      default -> throw malformed("unsupported wire type " + wireType());
    }
  }

  private void advance(int n) throws OnnxFormatException {
    if (buffer.remaining() < n) {
      throw malformed("a field is cut off");
    }
    buffer.position(buffer.position() + n);
  }

  private static OnnxFormatException malformed(String what) {
    return new OnnxFormatException("not a whole ONNX file: " + what);
  }
}

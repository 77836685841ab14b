package dev.askpage.models.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A protobuf message assembled from pieces: fields copied unchanged from a mapped file (slices, never copied in memory)
 * and new fields. Its length is known before it is written, so it can be nested as a field of another message.
 */
final class ProtoChunks {
  private final List<ByteBuffer> chunks = new ArrayList<>();
  private long length;

  /** Appends a whole field (tag and contents) exactly as it was read. */
  ProtoChunks copy(ByteBuffer wholeField) {
    return add(wholeField.duplicate());
  }

  ProtoChunks varintField(int field, long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(12);
    varint(out, ((long) field << 3) | ProtoOutput.VARINT);
    varint(out, value);
    return add(ByteBuffer.wrap(out.toByteArray()));
  }

  ProtoChunks string(int field, String value) {
    return bytes(field, ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8)));
  }

  ProtoChunks bytes(int field, ByteBuffer contents) {
    add(ByteBuffer.wrap(prefix(field, contents.remaining())));
    return add(contents.duplicate());
  }

  ProtoChunks message(int field, ProtoChunks message) {
    add(ByteBuffer.wrap(prefix(field, message.length)));
    for (ByteBuffer chunk : message.chunks) {
      add(chunk.duplicate());
    }
    return this;
  }

  long length() {
    return length;
  }

  void writeTo(OutputStream out) throws IOException {
    WritableByteChannel channel = Channels.newChannel(out);
    for (ByteBuffer chunk : chunks) {
      ByteBuffer b = chunk.duplicate();
      while (b.hasRemaining()) {
        channel.write(b);
      }
    }
  }

  private ProtoChunks add(ByteBuffer chunk) {
    chunks.add(chunk);
    length += chunk.remaining();
    return this;
  }

  private static byte[] prefix(int field, long contentLength) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16);
    varint(out, ((long) field << 3) | ProtoOutput.LENGTH_DELIMITED);
    varint(out, contentLength);
    return out.toByteArray();
  }

  private static void varint(ByteArrayOutputStream out, long value) {
    while ((value & ~0x7fL) != 0) {
      out.write((int) ((value & 0x7f) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}

package dev.askpage.installer.model;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of an ONNX model's graph inputs and outputs, read straight from the protobuf.
 *
 * <p>A small streaming reader rather than ONNX Runtime: the installer runs before any native library is in place,
 * ONNX Runtime is the host's dependency and not the installer's, and the reader skips the weights (tens of MB) without
 * loading them. Only {@code ModelProto.graph} (7) → {@code GraphProto.input} (11) / {@code output} (12) →
 * {@code ValueInfoProto.name} (1) are read; initializers that are also listed as inputs (old exporters) are dropped.
 */
public record OnnxSignature(List<String> inputs, List<String> outputs) {
  /** A signature with copies of its lists. */
  public OnnxSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  /**
   * Reads {@code onnx}.
   *
   * @throws VerificationException when the file is not an ONNX protobuf with a graph
   */
  public static OnnxSignature read(Path onnx) throws IOException, VerificationException {
    try (Reader reader = new Reader(new BufferedInputStream(Files.newInputStream(onnx), 1 << 16))) {
      long size = Files.size(onnx);
      while (reader.position < size) {
        long tag = reader.varint();
        if ((tag >>> 3) == 7 && (tag & 7) == 2) {
          long length = reader.varint();
          return reader.graph(reader.position + length);
        }
        reader.skip(tag);
      }
    } catch (EOFException e) {
      throw new VerificationException(onnx.getFileName() + " ends in the middle of a field: not a whole ONNX file");
    }
    throw new VerificationException(onnx.getFileName() + " has no graph: not an ONNX model");
  }

  /** A protobuf reader that counts its position. */
  private static final class Reader implements AutoCloseable {
    private final InputStream in;
    private long position;

    Reader(InputStream in) {
      this.in = in;
    }

    OnnxSignature graph(long end) throws IOException, VerificationException {
      List<String> inputs = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      List<String> initializers = new ArrayList<>();
      while (position < end) {
        long tag = varint();
        int field = (int) (tag >>> 3);
        if ((tag & 7) == 2 && (field == 11 || field == 12)) {
          String name = valueInfoName(position + varint());
          (field == 11 ? inputs : outputs).add(name);
        } else if ((tag & 7) == 2 && field == 5) {
          initializers.add(tensorName(position + varint()));
        } else {
          skip(tag);
        }
      }
      inputs.removeAll(initializers);
      return new OnnxSignature(inputs, outputs);
    }

    private String valueInfoName(long end) throws IOException, VerificationException {
      return firstString(end, 1);
    }

    private String tensorName(long end) throws IOException, VerificationException {
      return firstString(end, 8); // TensorProto.name
    }

    private String firstString(long end, int wanted) throws IOException, VerificationException {
      String name = "";
      while (position < end) {
        long tag = varint();
        if ((tag >>> 3) == wanted && (tag & 7) == 2) {
          name = new String(bytes((int) varint()), StandardCharsets.UTF_8);
        } else {
          skip(tag);
        }
      }
      return name;
    }

    long varint() throws IOException, VerificationException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = read();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new VerificationException("malformed varint at byte " + position + ": not an ONNX file");
    }

    void skip(long tag) throws IOException, VerificationException {
      switch ((int) (tag & 7)) {
        case 0 -> varint();
        case 1 -> skipBytes(8);
        case 2 -> skipBytes(varint());
        case 5 -> skipBytes(4);
        default -> throw new VerificationException("unsupported protobuf wire type " + (tag & 7) + " at byte "
            + position + ": not an ONNX file");
      }
    }

    private byte[] bytes(int length) throws IOException {
      byte[] bytes = in.readNBytes(length);
      if (bytes.length != length) {
        throw new EOFException();
      }
      position += length;
      return bytes;
    }

    private void skipBytes(long length) throws IOException {
      long left = length;
      while (left > 0) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new EOFException();
          }
          skipped = 1;
        }
        left -= skipped;
      }
      position += length;
    }

    private int read() throws IOException {
      int b = in.read();
      if (b < 0) {
        throw new EOFException();
      }
      position++;
      return b;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}

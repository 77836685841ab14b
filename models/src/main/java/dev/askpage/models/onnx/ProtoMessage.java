package dev.askpage.models.onnx;

import java.io.IOException;

/** A protobuf message that knows its encoded size before it is written, so nested messages can be streamed. */
interface ProtoMessage {
  /** The number of bytes {@link #writeTo} writes. */
  long size();

  void writeTo(ProtoOutput out) throws IOException;
}

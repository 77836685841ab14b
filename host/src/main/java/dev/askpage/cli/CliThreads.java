package dev.askpage.cli;

import dev.askpage.infer.ThreadPolicy;

/** The ONNX Runtime thread policy for command-line use and the host. */
final class CliThreads {
  private CliThreads() {}

  static ThreadPolicy policy() {
    return ThreadPolicy.defaults();
  }
}

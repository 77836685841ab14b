package dev.askpage.infer;

/**
 * How ONNX Runtime uses the CPU.
 *
 * @param intraOpThreads threads inside one operator (0: one per available processor)
 * @param spinning whether idle worker threads spin; spinning wins on a quiet machine and loses when the browser keeps a
 *     core busy
 */
public record ThreadPolicy(int intraOpThreads, boolean spinning) {
  /** One thread per available processor, spinning allowed (ONNX Runtime's default). */
  public static ThreadPolicy defaults() {
    return new ThreadPolicy(0, true);
  }

  int resolvedThreads() {
    return intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
  }
}

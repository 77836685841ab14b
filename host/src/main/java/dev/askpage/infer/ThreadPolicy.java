package dev.askpage.infer;

/**
 * How ONNX Runtime uses the CPU.
 *
 * @param intraOpThreads threads inside one operator (0: one per available processor)
 * @param spinning whether idle worker threads spin; spinning wins on a quiet machine and loses when the browser keeps a
 *     core busy
 */
public record ThreadPolicy(int intraOpThreads, boolean spinning) {
  /**
   * One thread per available processor, no spinning. Chosen for p95 under load (BENCHMARKS.md): with another process
   * keeping one of 2 cores busy, as a browser rendering a page does, spinning threads took warm p95 from 400 to 610 ms,
   * while on a quiet machine the two are within noise.
   */
  public static ThreadPolicy defaults() {
    return new ThreadPolicy(0, false);
  }

  int resolvedThreads() {
    return intraOpThreads > 0 ? intraOpThreads : Runtime.getRuntime().availableProcessors();
  }
}

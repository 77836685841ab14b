package dev.askpage.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Runs the benchmark's last step, the latency plot, in whatever Java starts it (TrimmedRuntimeBenchIT). */
public final class PlotStepMain {
  private PlotStepMain() {}

  public static void main(String[] args) throws Exception {
    PrintWriter err = new PrintWriter(System.err, true);
    boolean drawn = BenchCommand.plot(Path.of(args[0]), "test",
        List.of(new LatencyPlot.Series("quiet", new double[] {200, 210, 250}, 0x1e64c8)), err);
    System.out.println(drawn ? "drawn" : "not drawn");
  }
}

package dev.askpage.cli;

import dev.askpage.decode.DecodeOptions;
import dev.askpage.engine.EngineSettings;
import dev.askpage.infer.OrtNative;
import dev.askpage.infer.ThreadPolicy;
import dev.askpage.protocol.Limits;
import dev.askpage.session.HostConfig;
import dev.askpage.session.HostSession;
import dev.askpage.session.ModelService;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code askpage host}: the native messaging host, started by the browser through the host manifest. */
@Command(
    name = "host",
    mixinStandardHelpOptions = true,
    description = {
      "Run the native messaging host: framed JSON on stdin/stdout (see PROTOCOL.md), logs on stderr.",
      "Browsers start it with their own arguments: Chrome the caller's origin (chrome-extension://ID/, plus "
          + "--parent-window=N on Windows), Firefox the manifest path and the add-on id. They are logged, never opened.",
      "The model is --model, else ASKPAGE_MODEL_DIR, else the installed default; without one the host answers in "
          + "lexical mode, and takes up a model installed there while it runs (it looks at most once a second, when "
          + "asked)."
    })
final class HostCommand implements Callable<Integer> {
  private static final String PARENT_WINDOW = "--parent-window";

  @Option(names = "--model", paramLabel = "DIR", description = "Model directory.")
  Path model;

  @Option(names = "--max-text-chars", paramLabel = "N",
      description = "Longest page text accepted, 1 to 67108864 (default 5000000).")
  Integer maxTextChars;

  @Option(names = "--threads", paramLabel = "N", description = "ONNX Runtime intra-op threads (default: one per "
      + "processor).")
  int threads;

  @Option(names = "--spin", negatable = true, defaultValue = "false", fallbackValue = "true",
      description = "Let idle ONNX Runtime threads spin (--spin) or sleep (--no-spin, the default: it keeps the p95 low "
          + "when the browser keeps a core busy).")
  boolean spin;

  @Option(names = "--max-windows", paramLabel = "N", description = "Default window budget (default "
      + EngineSettings.DEFAULT_WINDOWS + ").")
  Integer defaultWindows;

  @Option(names = "--floor", paramLabel = "F", description = "Default answer floor, 0..1: answers less likely than F "
      + "times the best one are left out unless an ask says otherwise (default " + DecodeOptions.DEFAULT_FLOOR + ").")
  Double defaultFloor;

  @Option(names = PARENT_WINDOW, paramLabel = "HANDLE", description = "Passed by Chrome on Windows; ignored.")
  String parentWindow;

  @CommandLine.Unmatched List<String> callerArguments = new ArrayList<>();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The host as a browser starts it ({@code host} and the browser's own arguments, nothing else), ready to run without
   * picocli; empty for any other command line, which picocli parses. Building picocli's model of every command costs
   * half a second of a cold start on a slow laptop core (its classes are too old for the class-data archive), and a
   * browser's start is what the first question waits for.
   */
  static Optional<HostCommand> startedByBrowser(String[] args) {
    if (args.length == 0 || !args[0].equals("host")) {
      return Optional.empty();
    }
    HostCommand command = new HostCommand();
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith(PARENT_WINDOW + "=")) {
        command.parentWindow = args[i].substring(PARENT_WINDOW.length() + 1);
      } else if (args[i].startsWith("-")) {
        return Optional.empty(); // an option of ours (--model, --help, ...): picocli's to parse
      } else {
        command.callerArguments.add(args[i]);
      }
    }
    return Optional.of(command);
  }

  @Override
  public Integer call() {
    // Frames own stdout; anything printed by mistake goes to stderr instead.
    OutputStream frames = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    Logger log = LoggerFactory.getLogger("askpage.host");
    log.info("started by {}", describeCaller(callerArguments));

    Limits limits = Limits.defaults();
    if (maxTextChars != null) {
      // 0 or less would refuse every page (and hello would advertise it); past the frame limit it means nothing.
      if (maxTextChars < 1 || maxTextChars > limits.maxFrameBytes()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--max-text-chars must be from 1 to " + limits.maxFrameBytes());
      }
      limits = limits.withMaxTextChars(maxTextChars);
    }
    EngineSettings settings = EngineSettings.defaults();
    if (defaultWindows != null) {
      if (defaultWindows < 1 || defaultWindows > Limits.MAX_WINDOWS) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--max-windows must be from 1 to " + Limits.MAX_WINDOWS);
      }
      settings = settings.withDefaultWindows(defaultWindows);
    }
    if (defaultFloor != null) {
      if (!DecodeOptions.isValidFloor(defaultFloor)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--floor must be from 0 to 1");
      }
      settings = settings.withDefaultFloor(defaultFloor);
    }
    ThreadPolicy policy = new ThreadPolicy(threads, spin);
    try (ModelService models = ModelService.start(ModelLocator.forHost(model), policy, settings)) {
      HostSession session = new HostSession(models, HostConfig.defaults().withLimits(limits), Main.version());
      installTermHandler(session);
      int status = session.run(new BufferedInputStream(new FileInputStream(FileDescriptor.in), 64 * 1024), frames);
      // Model loading or a running batch may still hold threads: the browser has gone, so leave now.
      OrtNative.deleteLeftovers();
      Runtime.getRuntime().halt(status);
      return status;
    }
  }

  /** Who started us, for the log: the extension's origin or Firefox's add-on id, never file contents. */
  static String describeCaller(List<String> args) {
    for (String a : args) {
      if (a.startsWith("chrome-extension://")) {
        return "Chromium extension " + a;
      }
    }
    if (args.size() >= 2) {
      return "Firefox add-on " + args.get(args.size() - 1);
    }
    return args.isEmpty() ? "a terminal (no browser arguments)" : "an unknown caller " + args;
  }

  /** SIGTERM (the browser ending us) exits cleanly with status 0, after the frame being written (if any) is whole. */
  @SuppressWarnings("restriction")
  private static void installTermHandler(HostSession session) {
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
        session.finishOutput();
        OrtNative.deleteLeftovers();
        Runtime.getRuntime().halt(0);
      });
    } catch (IllegalArgumentException e) {
      // No SIGTERM on this platform (Windows): the browser closes the pipe instead.
    }
  }
}

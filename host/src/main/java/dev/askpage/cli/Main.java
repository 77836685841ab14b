package dev.askpage.cli;

import dev.askpage.infer.OrtNative;
import dev.askpage.models.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code askpage} command line. */
@Command(
    name = "askpage",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Find-in-page by question: a native messaging host and tools around it. Nothing leaves this machine.",
    subcommands = {
      AskCommand.class,
      TokenizeCommand.class,
      ModelCommand.class,
      HostCommand.class,
      dev.askpage.installer.cli.InstallCommand.class,
      dev.askpage.installer.cli.DoctorCommand.class,
      dev.askpage.installer.cli.UninstallCommand.class,
      dev.askpage.eval.EvalCommand.class,
      dev.askpage.bench.BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) throws InterruptedException {
    Optional<Integer> relaunched = TelemetryGuard.relaunchIfNeeded(args);
    if (relaunched.isPresent()) {
      System.exit(relaunched.get());
    }
    TelemetryGuard.followParent();
    configureLogging();
    Optional<HostCommand> browserStart = HostCommand.startedByBrowser(args);
    int status = browserStart.isPresent() ? browserStart.get().call() : commandLine().execute(args);
    OrtNative.deleteLeftovers();
    System.exit(status);
  }

  /** The command line with every subcommand, for tests and for {@code main}. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::reportFailure);
    // UTF-8 whatever the locale: answers and JSON carry page text (Java 17's default follows the locale).
    cli.setOut(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
    cli.setErr(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    return cli;
  }

  /** Where a missing file is in the shared data folder (a clone's ../shared/data), says how to point at it. */
  private static String sharedDataHint(String file) {
    if (file == null || !Path.of(file).toAbsolutePath().normalize()
        .startsWith(SharedData.dir().toAbsolutePath().normalize())) {
      return "";
    }
    return " (the project's shared data, beside a clone of askpage: set ASKPAGE_SHARED_DATA to that folder, or name "
        + "the file with the command's option, see --help)";
  }

  /** A failure the user can act on is one line on stderr, not a stack trace. */
  private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    String message;
    if (e instanceof java.nio.file.NoSuchFileException missing) {
      message = "no such file: " + missing.getFile() + sharedDataHint(missing.getFile());
    } else if (e instanceof java.nio.file.AccessDeniedException denied) {
      message = "permission denied: " + denied.getFile();
    } else if (e instanceof java.io.IOException) {
      message = e.getMessage() != null ? e.getMessage() : e.toString();
    } else {
      cli.getErr().println("askpage: internal error");
      e.printStackTrace(cli.getErr());
      return 70;
    }
    cli.getErr().println("askpage: " + message);
    return 1;
  }

  /** Logs go to stderr, short, without thread names: stdout may be the browser's pipe. */
  static void configureLogging() {
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. askpage ask --help");
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"askpage " + version()};
    }
  }

  /** This build's version. */
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-dev";
  }
}

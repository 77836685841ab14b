package dev.askpage.installer.doctor;

import com.google.gson.JsonObject;
import dev.askpage.installer.browser.Browser;
import dev.askpage.installer.browser.BrowserDetector;
import dev.askpage.installer.browser.Family;
import dev.askpage.installer.browser.HostIdentity;
import dev.askpage.installer.browser.HostManifest;
import dev.askpage.installer.browser.ManifestException;
import dev.askpage.installer.browser.Sandbox;
import dev.askpage.installer.install.FileOps;
import dev.askpage.installer.install.InstallRecord;
import dev.askpage.installer.install.Registrar;
import dev.askpage.installer.platform.Os;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import dev.askpage.installer.registry.Registry;
import dev.askpage.installer.registry.RegistryException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Checks every browser the way it would use the host: the manifest where the browser reads it (and the registry key on
 * Windows), its JSON, the launcher it names, then a real start with the browser's arguments and a framed
 * {@code hello} and {@code ask}.
 */
public final class Doctor {
  private final Platform platform;
  private final Registrar registrar;
  private final Registry registry;

  /** A doctor for {@code platform}, reading the registry through {@code registry} where the table names keys. */
  public Doctor(Platform platform, Registry registry) {
    this.platform = platform;
    this.registry = registry;
    this.registrar = new Registrar(platform, registry);
  }

  /**
   * One row per browser. Browsers that start the host with the same command (the Chromium family) share one
   * {@code hello} and {@code ask} round trip.
   */
  public List<DoctorRow> check() throws InterruptedException {
    BrowserDetector detector = new BrowserDetector(platform);
    Map<List<String>, RoundTrip> trips = new HashMap<>();
    List<DoctorRow> rows = new ArrayList<>();
    for (Browser browser : Browser.values()) {
      rows.add(check(browser, detector.isInstalled(browser), trips));
    }
    return rows;
  }

  /** The row for one browser. */
  public DoctorRow check(Browser browser, boolean installed) throws InterruptedException {
    return check(browser, installed, new HashMap<>());
  }

  /**
   * The row for one browser; {@code trips} holds the round trips already made in this check, by command. A browser
   * installed as a snap or a flatpak gets a note: its sandbox cannot use what the checks found working.
   */
  private DoctorRow check(Browser browser, boolean installed, Map<List<String>, RoundTrip> trips)
      throws InterruptedException {
    DoctorRow row = checkOutsideSandbox(browser, installed, trips);
    Optional<Sandbox> sandbox = new BrowserDetector(platform).sandbox(browser);
    return sandbox.isEmpty() ? row : withSandboxNote(row, sandbox.get());
  }

  /** {@code row} with the note that {@code sandbox} keeps its browser from the host: a ✓ becomes a ⚠. */
  static DoctorRow withSandboxNote(DoctorRow row, Sandbox sandbox) {
    String note = sandbox.note(row.browser());
    return new DoctorRow(row.browser(), row.installed(), row.manifest(), row.launcher(), row.hello(), row.ask(),
        row.ok(), row.fix().isEmpty() ? note : note + "; " + row.fix());
  }

  private DoctorRow checkOutsideSandbox(Browser browser, boolean installed, Map<List<String>, RoundTrip> trips)
      throws InterruptedException {
    Path manifestPath = registrar.manifestPath(browser);
    if (!Files.exists(manifestPath)) {
      return unregistered(browser, installed, "missing");
    }
    try {
      // On Windows the Chromium browsers share one manifest file: what tells them apart is each one's registry key,
      // so a browser counts as registered only when its own key exists.
      Optional<String> key = registrar.registryKey(browser);
      if (key.isPresent()) {
        Optional<String> value = registry.defaultValue(key.get());
        if (value.isEmpty()) {
          return unregistered(browser, installed, "no registry key");
        }
        if (!Path.of(value.get()).equals(manifestPath)) {
          return red(browser, installed, "other registry key", "-", key.get() + " should point at " + manifestPath
              + " but points at " + value.get() + "; " + install());
        }
      }
      HostManifest manifest = HostManifest.parse(Files.readString(manifestPath, StandardCharsets.UTF_8),
          browser.family());
      if (!manifest.problems().isEmpty()) {
        return red(browser, installed, "wrong", "-", String.join("; ", manifest.problems()) + "; " + install());
      }
      Optional<Path> looseManifest = writableByOthers(manifestPath, manifestPath.getParent());
      if (looseManifest.isPresent()) {
        return red(browser, installed, "writable by others", "-", loose(looseManifest.get()));
      }
      Path launcher = Path.of(manifest.path());
      if (!Files.isRegularFile(launcher) || !Files.isExecutable(launcher)) {
        return red(browser, installed, "ok", "missing", manifest.path() + " is not an executable file; " + install());
      }
      Optional<Path> looseLauncher = writableByOthers(launcher, launcher.getParent());
      if (looseLauncher.isPresent()) {
        return red(browser, installed, "ok", "writable by others", loose(looseLauncher.get()));
      }
      List<String> command = new ArrayList<>();
      command.add(launcher.toString());
      command.addAll(browserArguments(browser, manifestPath));
      RoundTrip trip = trips.get(command);
      if (trip == null) {
        trip = roundTrip(command);
        trips.put(List.copyOf(command), trip);
      }
      return trip.row(browser, installed);
    } catch (ManifestException e) {
      return red(browser, installed, "invalid", "-", manifestPath + ": " + e.getMessage() + "; " + install());
    } catch (IOException | RegistryException e) {
      return red(browser, installed, "unreadable", "-", e.getMessage());
    }
  }

  /**
   * The row for a browser whose manifest (or, on Windows, registry key) is not there: nothing when the browser is not
   * installed, a note when the user left it out at install, and {@code missing} (a problem) when the install registered
   * it, or when the record does not say (an older install).
   */
  private DoctorRow unregistered(Browser browser, boolean installed, String missing) {
    if (!installed) {
      return new DoctorRow(browser, false, "not installed", "-", "-", "-", true, "");
    }
    Optional<Set<Browser>> registered = registeredAtInstall();
    String add = install("--browsers " + browser.id());
    return registered.isPresent() && !registered.get().contains(browser)
        ? new DoctorRow(browser, true, "not registered", "-", "-", "-", true, "left out at install; to add it: " + add)
        : new DoctorRow(browser, true, missing, "-", "-", "-", false, add);
  }

  /**
   * The first of {@code paths} another local user could change (group- or world-writable): through it they could
   * make the browser start their program.
   */
  private static Optional<Path> writableByOthers(Path... paths) throws IOException {
    for (Path path : paths) {
      if (path != null && FileOps.writableByOthers(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  private String loose(Path path) {
    return path + " can be changed by other users of this machine; run  chmod go-w '" + path + "'  or " + install();
  }

  /** The arguments {@code browser} passes to the host. */
  public static List<String> browserArguments(Browser browser, Path manifestPath) {
    return browser.family() == Family.CHROMIUM
        ? List.of(HostIdentity.CHROME_ORIGIN)
        : List.of(manifestPath.toString(), HostIdentity.FIREFOX_EXTENSION_ID);
  }

  /** What starting the host with one command gave: the launcher, hello and ask cells, and the verdict. */
  private record RoundTrip(String launcher, String hello, String ask, boolean ok, String fix) {
    DoctorRow row(Browser browser, boolean installed) {
      return new DoctorRow(browser, installed, "ok", launcher, hello, ask, ok, fix);
    }
  }

  private static RoundTrip roundTrip(List<String> command) throws InterruptedException {
    String hello = "-";
    try (HostClient host = HostClient.start(command, Map.of())) {
      try {
        host.send(Probe.hello(1));
        JsonObject helloReply = host.receive(Probe.timeout());
        String wrong = Probe.checkReply(helloReply, 1, "hello");
        if (wrong != null) {
          return new RoundTrip("ok", "wrong", "-", false, wrong);
        }
        String state = Probe.modelState(helloReply);
        hello = "ok (" + state + ")";
        host.send(Probe.ask(2));
        JsonObject answers = host.receive(Probe.timeout());
        wrong = Probe.checkReply(answers, 2, "answers");
        if (wrong != null) {
          return new RoundTrip("ok", hello, "wrong", false, wrong);
        }
        String fix = "missing".equals(state) || "broken".equals(state)
            ? "lexical answers only: run askpage model install" : "";
        if ("broken".equals(state) && Probe.modelMessage(helloReply) != null) {
          fix = "lexical answers only: " + Probe.modelMessage(helloReply); // says why and how to fix it
        }
        return new RoundTrip("ok", hello, "ok (" + Probe.mode(answers) + ")", true, fix);
      } catch (TimeoutException e) {
        return new RoundTrip("ok", hello.equals("-") ? "no reply" : hello,
            hello.equals("-") ? "-" : "no reply", false, "the host did not answer within "
                + Probe.timeout().toSeconds() + " s; stderr: " + tail(host.stderrText()));
      } catch (EOFException | MalformedFrameException e) {
        return new RoundTrip("ok", hello.equals("-") ? "failed" : hello,
            hello.equals("-") ? "-" : "failed", false, e.getMessage() + "; stderr: " + tail(host.stderrText()));
      }
    } catch (IOException e) {
      return new RoundTrip("cannot start", "-", "-", false, e.getMessage());
    }
  }

  private static DoctorRow red(Browser browser, boolean installed, String manifest, String launcher, String fix) {
    return new DoctorRow(browser, installed, manifest, launcher, "-", "-", false, fix);
  }

  private static String tail(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? "(empty)" : trimmed.substring(Math.max(0, trimmed.length() - 300));
  }

  /** The rows as a text table: browser | manifest | launcher | hello | ask | fix; ✗ a problem, ⚠ a warning. */
  public static String render(List<DoctorRow> rows) {
    String[] header = {"browser", "manifest", "launcher", "hello", "ask", "fix"};
    List<String[]> cells = new ArrayList<>();
    cells.add(header);
    for (DoctorRow row : rows) {
      String mark = !row.ok() ? "✗ " : row.fix().isEmpty() ? "  " : "⚠ ";
      cells.add(new String[] {mark + row.browser().displayName(), row.manifest(), row.launcher(), row.hello(),
          row.ask(), row.fix()});
    }
    int[] widths = new int[header.length - 1];
    for (String[] line : cells) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : cells) {
      for (int i = 0; i < widths.length; i++) {
        out.append(String.format("%-" + widths[i] + "s | ", line[i]));
      }
      out.append(line[widths.length].isEmpty() ? "-" : line[widths.length]).append('\n');
    }
    return out.toString();
  }

  /** The browsers the install record says were registered; empty when it does not say. */
  private Optional<Set<Browser>> registeredAtInstall() {
    try {
      return InstallRecord.read(UserDirs.of(platform).installRecord()).registeredBrowsers();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * How to install again: the script beside the release's files (the installer folder in a clone). Not the installed
   * {@code askpage install}: the installed copy refuses to install itself over itself.
   */
  private String install() {
    return install("");
  }

  /** As {@link #install()}, the script given {@code arguments}. */
  private String install(String arguments) {
    String script = platform.os() == Os.WINDOWS ? "install.ps1" : "install.sh";
    String inClone = platform.os() == Os.WINDOWS ? "installer\\" + script : "installer/" + script;
    return "run " + script + (arguments.isEmpty() ? "" : " " + arguments) + " from the release folder (" + inClone
        + " in a clone)";
  }
}

package dev.askpage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A browser's start of the host is read without picocli, exactly as picocli reads it; anything else is picocli's. */
class HostCommandTest {
  private static final String ORIGIN = "chrome-extension://figobfochmfbacgiggdecdnedcidedin/";

  @Test
  void chromiumsStartIsTheBrowsers() {
    HostCommand host = HostCommand.startedByBrowser(new String[] {"host", ORIGIN}).orElseThrow();
    assertEquals(List.of(ORIGIN), host.callerArguments);
    assertNull(host.parentWindow);
    assertSameAsPicocli(host, "host", ORIGIN);
  }

  @Test
  void chromeOnWindowsPassesItsWindow() {
    String[] args = {"host", ORIGIN, "--parent-window=1234"};
    HostCommand host = HostCommand.startedByBrowser(args).orElseThrow();
    assertEquals("1234", host.parentWindow);
    assertEquals(List.of(ORIGIN), host.callerArguments);
    assertSameAsPicocli(host, args);
  }

  @Test
  void firefoxPassesTheManifestAndTheAddOn() {
    String[] args = {"host", "/home/u/.mozilla/native-messaging-hosts/dev.askpage.host.json", "askpage@askpage.dev"};
    HostCommand host = HostCommand.startedByBrowser(args).orElseThrow();
    assertEquals(List.of(args[1], args[2]), host.callerArguments);
    assertSameAsPicocli(host, args);
  }

  @Test
  void optionsAndOtherCommandsGoToPicocli() {
    for (String[] args : new String[][] {
        {"host", "--help"}, {"host", "--model", "/m", ORIGIN}, {"host", ORIGIN, "--threads=1"}, {"host", "-h"},
        {"ask", "q"}, {}, {"--version"}}) {
      assertTrue(HostCommand.startedByBrowser(args).isEmpty(), String.join(" ", args));
    }
  }

  /** The fields picocli sets for the same arguments, with every option at picocli's default. */
  private static void assertSameAsPicocli(HostCommand fast, String... args) {
    CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
    HostCommand viaPicocli = (HostCommand) parsed.subcommand().commandSpec().userObject();
    assertEquals(viaPicocli.callerArguments, fast.callerArguments);
    assertEquals(viaPicocli.parentWindow, fast.parentWindow);
    assertEquals(viaPicocli.model, fast.model);
    assertEquals(viaPicocli.maxTextChars, fast.maxTextChars);
    assertEquals(viaPicocli.threads, fast.threads);
    assertEquals(viaPicocli.spin, fast.spin);
    assertEquals(viaPicocli.defaultWindows, fast.defaultWindows);
    assertEquals(viaPicocli.defaultFloor, fast.defaultFloor);
  }
}

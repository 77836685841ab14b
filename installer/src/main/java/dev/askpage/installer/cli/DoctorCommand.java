package dev.askpage.installer.cli;

import dev.askpage.installer.doctor.Doctor;
import dev.askpage.installer.doctor.DoctorRow;
import dev.askpage.installer.model.InstalledModel;
import dev.askpage.installer.model.ModelSpec;
import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code askpage doctor}: checks each browser's registration and talks to the host as that browser would. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"Check each browser's registration as the browser would use it: the manifest where the browser "
        + "reads it (and its registry key on Windows, where the Chromium browsers share one manifest: a browser "
        + "counts as registered only with its own key), its JSON, the launcher it names; then start the host through "
        + "that launcher with the browser's own arguments and send a framed hello and ask. A manifest or launcher "
        + "(or its folder) that other users can write is a ✗: through it they could make the browser run their "
        + "program.",
        "One row per browser; ✗ marks a problem and the fix column says what to do; ⚠ marks a working host without "
            + "a model (lexical mode: run askpage model install), or a browser found on this machine that the "
            + "install left out (--browsers), which is not a problem, or a browser installed as a snap or flatpak "
            + "(Linux), whose sandbox does not start the host from your home folder (see README). Exit status 1 when "
            + "a row has ✗."})
public final class DoctorCommand implements Callable<Integer> {
  private final Platform platform;

  /** The command for this process's user. */
  public DoctorCommand() {
    this(null); // read at call(): a HOME Java cannot use is then one clear line, not a stack trace
  }

  /** The command for {@code platform} (tests); null: this process's user. */
  public DoctorCommand(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Integer call() throws Exception {
    Platform platform = Commands.platform(this.platform);
    List<DoctorRow> rows = new Doctor(platform, Commands.registry(platform)).check();
    Commands.stdout().print(Doctor.render(rows));
    Commands.stdout().println(InstalledModel.describe(
        UserDirs.of(platform).modelDir(ModelSpec.defaultModel().id())));
    return rows.stream().allMatch(DoctorRow::ok) ? 0 : 1;
  }
}

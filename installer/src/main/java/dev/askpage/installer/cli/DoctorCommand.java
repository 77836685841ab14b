package dev.askpage.installer.cli;

import dev.askpage.installer.doctor.Doctor;
import dev.askpage.installer.doctor.DoctorRow;
import dev.askpage.installer.platform.Platform;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code askpage doctor}: checks each browser's registration and talks to the host as that browser would. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = {"For each browser: is the manifest where the browser reads it, valid, and pointing at an executable "
        + "launcher; then start the host as the browser does and round-trip hello and ask. "
        + "Exit status 1 when something is wrong."})
public final class DoctorCommand implements Callable<Integer> {
  private final Platform platform;

  /** The command for this process's user. */
  public DoctorCommand() {
    this(Platform.current());
  }

  /** The command for {@code platform} (tests). */
  public DoctorCommand(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Integer call() throws Exception {
    List<DoctorRow> rows = new Doctor(platform, Commands.registry(platform)).check();
    System.out.print(Doctor.render(rows));
    return rows.stream().allMatch(DoctorRow::ok) ? 0 : 1;
  }
}

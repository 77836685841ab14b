package dev.askpage.installer.install;

import dev.askpage.installer.browser.Browser;
import java.nio.file.Path;
import java.util.Set;

/**
 * What {@link Installer} does.
 *
 * @param browsers the browsers to register with, or {@code null} for those detected
 * @param image the jlink image to install, or {@code null} to run on {@code javaHome} in place
 * @param javaHome the Java used when there is no image
 * @param appDir the folder of {@code askpage.jar} and {@code lib/}
 * @param model how to install the model
 * @param trainCds whether to make the class-data archive by running the host once
 */
public record InstallOptions(Set<Browser> browsers, Path image, Path javaHome, Path appDir, ModelChoice model,
    boolean trainCds) {
  /** Where the model comes from. */
  public record ModelChoice(Kind kind, Path path, String urlBase) {
    /** The kinds of model source. */
    public enum Kind { DOWNLOAD, LOCAL_DIR, LOCAL_FILE, SKIP }

    /** Download the catalog's default model (from {@code urlBase} when not null). */
    public static ModelChoice download(String urlBase) {
      return new ModelChoice(Kind.DOWNLOAD, null, urlBase);
    }

    /** No model: the host answers in lexical mode. */
    public static ModelChoice skip() {
      return new ModelChoice(Kind.SKIP, null, null);
    }
  }
}

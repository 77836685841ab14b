package dev.askpage.installer.browser;

import java.nio.file.Path;

/**
 * A browser installed as a snap or a flatpak: it runs confined, and its sandbox neither reads the host manifest where
 * askpage puts it nor starts a program from the user's folders (Firefox can through the desktop's WebExtensions
 * portal, where the system has one).
 *
 * @param kind {@code snap} or {@code flatpak}
 * @param evidence what showed it: the sandbox's folder in the home ({@code ~/snap/chromium}) or its command
 */
public record Sandbox(String kind, Path evidence) {
  /** The doctor's note for {@code browser} so packaged. */
  public String note(Browser browser) {
    String what = "installed as a " + kind + " (" + evidence + "): ";
    return what + (browser.family() == Family.FIREFOX
        ? "its sandbox starts native hosts only through the desktop's WebExtensions portal, where the system has one;"
            + " see README"
        : "its sandbox does not run native hosts from ~/.config; see README");
  }
}

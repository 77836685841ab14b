package dev.askpage.installer.platform;

import java.util.Locale;

/** The operating systems askpage installs on. */
public enum Os {
  LINUX,
  MAC,
  WINDOWS;

  /** The OS named by a {@code os.name} system property value. */
  public static Os fromOsName(String osName) {
    String name = osName.toLowerCase(Locale.ROOT);
    if (name.startsWith("windows")) {
      return WINDOWS;
    }
    if (name.startsWith("mac") || name.startsWith("darwin")) {
      return MAC;
    }
    return LINUX;
  }
}

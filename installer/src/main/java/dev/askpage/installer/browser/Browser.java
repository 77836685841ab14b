package dev.askpage.installer.browser;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The browsers askpage registers its host with. */
public enum Browser {
  CHROME("chrome", "Chrome", Family.CHROMIUM),
  CHROMIUM("chromium", "Chromium", Family.CHROMIUM),
  EDGE("edge", "Edge", Family.CHROMIUM),
  BRAVE("brave", "Brave", Family.CHROMIUM),
  VIVALDI("vivaldi", "Vivaldi", Family.CHROMIUM),
  FIREFOX("firefox", "Firefox", Family.FIREFOX);

  private final String id;
  private final String displayName;
  private final Family family;

  Browser(String id, String displayName, Family family) {
    this.id = id;
    this.displayName = displayName;
    this.family = family;
  }

  /** The name used on the command line ({@code --browsers chrome,firefox}). */
  public String id() {
    return id;
  }

  /** The name shown to people. */
  public String displayName() {
    return displayName;
  }

  /** Whose native messaging rules it follows. */
  public Family family() {
    return family;
  }

  /** The browser named {@code id} on the command line. */
  public static Browser fromId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (Browser browser : values()) {
      if (browser.id.equals(wanted)) {
        return browser;
      }
    }
    throw new IllegalArgumentException("unknown browser '" + id + "'; known: " + ids() + ", all");
  }

  /** A comma-separated list ({@code chrome,firefox} or {@code all}) as a set; {@code all} is every browser. */
  public static Set<Browser> parseList(String list) {
    Set<Browser> browsers = EnumSet.noneOf(Browser.class);
    for (String part : list.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      if (part.trim().equalsIgnoreCase("all")) {
        browsers.addAll(EnumSet.allOf(Browser.class));
      } else {
        browsers.add(fromId(part));
      }
    }
    return browsers;
  }

  private static String ids() {
    List<String> ids = new ArrayList<>();
    for (Browser browser : values()) {
      ids.add(browser.id);
    }
    return String.join(", ", ids);
  }
}

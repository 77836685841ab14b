package dev.askpage.installer.browser;

import dev.askpage.installer.platform.Platform;
import dev.askpage.installer.platform.UserDirs;
import java.nio.file.Path;
import java.util.List;

/** A folder named relative to one of the user's base folders, resolved against a {@link Platform}. */
public record Place(Base base, List<String> parts) {
  /** The base folders a place can start from. */
  public enum Base {
    /** The user's home. */
    HOME,
    /** Linux {@code $XDG_CONFIG_HOME} or {@code ~/.config}. */
    XDG_CONFIG,
    /** macOS {@code ~/Library/Application Support}. */
    MAC_APP_SUPPORT,
    /** macOS {@code /Applications}. */
    MAC_APPLICATIONS,
    /** macOS {@code ~/Applications}. */
    MAC_USER_APPLICATIONS,
    /** Windows {@code %LOCALAPPDATA%}. */
    LOCAL_APP_DATA,
    /** Windows {@code %APPDATA%}. */
    ROAMING_APP_DATA,
    /** Windows {@code %ProgramFiles%}. */
    PROGRAM_FILES,
    /** askpage's own manifest folder inside its data folder. */
    ASKPAGE_MANIFESTS
  }

  /** A place with a copy of its parts. */
  public Place {
    parts = List.copyOf(parts);
  }

  /** The place {@code parts} below {@code base}. */
  public static Place of(Base base, String... parts) {
    return new Place(base, List.of(parts));
  }

  /** This place on {@code platform}. */
  public Path resolve(Platform platform) {
    Path path = switch (base) {
      case HOME -> platform.home();
      case XDG_CONFIG -> platform.xdgConfigHome();
      case MAC_APP_SUPPORT -> platform.macAppSupport();
      case MAC_APPLICATIONS -> Path.of("/Applications");
      case MAC_USER_APPLICATIONS -> platform.home().resolve("Applications");
      case LOCAL_APP_DATA -> platform.localAppData();
      case ROAMING_APP_DATA -> platform.roamingAppData();
      case PROGRAM_FILES -> platform.absolutePathEnv("ProgramFiles").orElse(Path.of("C:\\Program Files"));
      case ASKPAGE_MANIFESTS -> UserDirs.of(platform).manifestsDir();
    };
    for (String part : parts) {
      path = path.resolve(part);
    }
    return path;
  }
}

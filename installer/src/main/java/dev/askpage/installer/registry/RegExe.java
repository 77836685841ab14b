package dev.askpage.installer.registry;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link Registry} through Windows' {@code reg.exe}: {@code reg add}, {@code reg query}, {@code reg delete}. */
public final class RegExe implements Registry {
  private static final Pattern DEFAULT_VALUE = Pattern.compile("^\\s*\\(.*?\\)\\s+REG_SZ\\s+(.*)$",
      Pattern.MULTILINE);
  private final CommandRunner runner;

  /** reg.exe run by {@code runner}. */
  public RegExe(CommandRunner runner) {
    this.runner = runner;
  }

  /** {@code reg add KEY /ve /t REG_SZ /d VALUE /f}. */
  static List<String> addCommand(String key, String value) {
    return List.of("reg", "add", key, "/ve", "/t", "REG_SZ", "/d", value, "/f");
  }

  /** {@code reg query KEY /ve}. */
  static List<String> queryCommand(String key) {
    return List.of("reg", "query", key, "/ve");
  }

  /** {@code reg delete KEY /f}. */
  static List<String> deleteCommand(String key) {
    return List.of("reg", "delete", key, "/f");
  }

  @Override
  public void setDefaultValue(String key, String value) throws IOException, RegistryException {
    CommandRunner.Result result = runner.run(addCommand(key, value));
    if (result.exitCode() != 0) {
      throw new RegistryException("reg add " + key + " failed (" + result.exitCode() + "): " + result.output().trim());
    }
  }

  @Override
  public Optional<String> defaultValue(String key) throws IOException, RegistryException {
    CommandRunner.Result result = runner.run(queryCommand(key));
    if (result.exitCode() != 0) {
      return Optional.empty();
    }
    Matcher matcher = DEFAULT_VALUE.matcher(result.output());
    if (!matcher.find()) {
      throw new RegistryException("reg query " + key + " printed no default value: " + result.output().trim());
    }
    return Optional.of(matcher.group(1).trim());
  }

  @Override
  public boolean deleteKey(String key) throws IOException, RegistryException {
    if (runner.run(queryCommand(key)).exitCode() != 0) {
      return false;
    }
    CommandRunner.Result result = runner.run(deleteCommand(key));
    if (result.exitCode() != 0) {
      throw new RegistryException("reg delete " + key + " failed (" + result.exitCode() + "): "
          + result.output().trim());
    }
    return true;
  }
}

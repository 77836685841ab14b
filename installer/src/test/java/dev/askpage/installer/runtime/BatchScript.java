package dev.askpage.installer.runtime;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What cmd.exe makes of the lines {@link Launcher} writes into a batch file, for tests on machines without Windows:
 * {@code %~dp0}, {@code %NAME%} and {@code %%} expanded in one pass (never again on the result), {@code for %%I in
 * ("...") do set "N=%%~fI"}, {@code set "K=V"}, {@code cd /d}, {@code if exist "F" (} blocks and one command, split
 * into words at spaces outside double quotes. Paths come back with {@code /} for {@code \}, as the tests' Windows-like
 * paths ({@code C:/Users/José/...}) are written on this machine.
 */
final class BatchScript {
  private static final Pattern FOR_FULL_PATH =
      Pattern.compile("^for %%I in \\(\"(.*)\"\\) do set \"(\\w+)=%%~fI\"$");
  private static final Pattern SET = Pattern.compile("^set \"(\\w+)=(.*)\"$");
  private static final Pattern CD = Pattern.compile("^cd /d \"(.*)\" \\|\\| exit /b 1$");
  private static final Pattern IF_EXIST = Pattern.compile("^if exist \"(.*)\" \\($");

  /** The environment the script set, the folder it changed to (or null) and the command it ran. */
  record Run(Map<String, String> env, String cwd, List<String> command) {}

  private BatchScript() {}

  /** Runs {@code text} as the file {@code script} with {@code args}; {@code exists} answers {@code if exist}. */
  static Run run(String text, Path script, String args, Predicate<String> exists) {
    Map<String, String> env = new HashMap<>();
    String cwd = null;
    List<String> command = null;
    Deque<Boolean> active = new ArrayDeque<>(); // one entry per open if/else block
    for (String line : text.split("\r\n")) {
      String trimmed = line.strip();
      boolean on = !active.contains(false);
      if (trimmed.equals(") else (")) {
        active.push(!active.pop());
        continue;
      }
      if (trimmed.equals(")")) {
        active.pop();
        continue;
      }
      if (!on || trimmed.isEmpty() || trimmed.equals("@echo off") || trimmed.equals("setlocal")
          || trimmed.startsWith("rem ")) {
        continue;
      }
      Matcher m;
      if ((m = FOR_FULL_PATH.matcher(trimmed)).matches()) {
        env.put(m.group(2), slashes(Path.of(slashes(expand(m.group(1), script, args, env))).normalize().toString()));
      } else if ((m = SET.matcher(trimmed)).matches()) {
        env.put(m.group(1), slashes(expand(m.group(2), script, args, env)));
      } else if ((m = CD.matcher(trimmed)).matches()) {
        cwd = slashes(expand(m.group(1), script, args, env));
      } else if ((m = IF_EXIST.matcher(trimmed)).matches()) {
        active.push(exists.test(slashes(expand(m.group(1), script, args, env))));
      } else if (command == null) {
        command = words(expand(trimmed, script, args, env)).stream().map(BatchScript::slashes).toList();
      } else {
        throw new IllegalStateException("a second command: " + trimmed);
      }
    }
    return new Run(env, cwd, command);
  }

  /** Phase one of cmd's parser: {@code %%}, {@code %~dp0}, {@code %*} and {@code %NAME%}, in one pass. */
  static String expand(String line, Path script, String args, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c != '%') {
        out.append(c);
      } else if (line.startsWith("%%", i)) {
        out.append('%');
        i++;
      } else if (line.startsWith("%~dp0", i)) {
        out.append(script.getParent()).append('\\'); // the drive and folder, with a trailing backslash
        i += 4;
      } else if (line.startsWith("%*", i)) {
        out.append(args);
        i++;
      } else {
        int end = line.indexOf('%', i + 1);
        if (end < 0) {
          throw new IllegalStateException("a lone % in " + line);
        }
        out.append(env.getOrDefault(line.substring(i + 1, end), "")); // undefined: nothing, in a batch file
        i = end;
      }
    }
    return out.toString();
  }

  private static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }

  static String slashes(String path) {
    return path.replace('\\', '/');
  }

  static Map<String, String> slashes(Map<String, String> env) {
    Map<String, String> out = new HashMap<>();
    env.forEach((k, v) -> out.put(k, slashes(v)));
    return out;
  }
}

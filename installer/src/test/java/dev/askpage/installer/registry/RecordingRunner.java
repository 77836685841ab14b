package dev.askpage.installer.registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fake reg.exe: records every command line and keeps the keys it was told to add in a map. */
public final class RecordingRunner implements CommandRunner {
  public final List<List<String>> commands = new ArrayList<>();
  public final Map<String, String> keys = new LinkedHashMap<>();

  @Override
  public Result run(List<String> command) {
    commands.add(command);
    String verb = command.get(1);
    String key = command.get(2);
    switch (verb) {
      case "add":
        keys.put(key, command.get(command.indexOf("/d") + 1));
        return new Result(0, "The operation completed successfully.\r\n");
      case "query":
        return keys.containsKey(key)
            ? new Result(0, "\r\n" + key + "\r\n    (Default)    REG_SZ    " + keys.get(key) + "\r\n\r\n")
            : new Result(1, "ERROR: The system was unable to find the specified registry key or value.\r\n");
      case "delete":
        return keys.remove(key) != null ? new Result(0, "") : new Result(1, "ERROR");
      default:
        return new Result(1, "unknown verb");
    }
  }
}

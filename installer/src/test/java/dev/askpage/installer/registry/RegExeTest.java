package dev.askpage.installer.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegExeTest {
  private static final String KEY = "HKCU\\Software\\Mozilla\\NativeMessagingHosts\\dev.askpage.host";
  private static final String PATH = "C:\\Users\\A B\\AppData\\Local\\askpage\\manifests\\firefox\\dev.askpage.host.json";

  @Test
  void addCommandLine() throws Exception {
    RecordingRunner runner = new RecordingRunner();
    new RegExe(runner).setDefaultValue(KEY, PATH);
    assertEquals(List.of(List.of("reg", "add", KEY, "/ve", "/t", "REG_SZ", "/d", PATH, "/f")), runner.commands);
  }

  @Test
  void queryParsesDefaultValueWithSpaces() throws Exception {
    RecordingRunner runner = new RecordingRunner();
    RegExe reg = new RegExe(runner);
    reg.setDefaultValue(KEY, PATH);
    assertEquals(Optional.of(PATH), reg.defaultValue(KEY));
    assertEquals(List.of("reg", "query", KEY, "/ve"), runner.commands.get(1));
  }

  @Test
  void missingKeyIsEmpty() throws Exception {
    assertEquals(Optional.empty(), new RegExe(new RecordingRunner()).defaultValue(KEY));
  }

  @Test
  void deleteOnlyWhatExists() throws Exception {
    RecordingRunner runner = new RecordingRunner();
    RegExe reg = new RegExe(runner);
    assertFalse(reg.deleteKey(KEY));
    assertEquals(1, runner.commands.size());
    reg.setDefaultValue(KEY, PATH);
    assertTrue(reg.deleteKey(KEY));
    assertEquals(List.of("reg", "delete", KEY, "/f"), runner.commands.get(runner.commands.size() - 1));
  }

  @Test
  void failedAddIsARegistryException() {
    RegExe reg = new RegExe(command -> new CommandRunner.Result(1, "ERROR: Access is denied."));
    RegistryException e = assertThrows(RegistryException.class, () -> reg.setDefaultValue(KEY, PATH));
    assertTrue(e.getMessage().contains("Access is denied"));
  }
}

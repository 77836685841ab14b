package dev.askpage.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOpsTest {
  @TempDir Path temp;

  @Test
  void writeAtomicallyReplacesAndLeavesNoTempFile() throws Exception {
    Path target = temp.resolve("f.json");
    FileOps.writeAtomically(target, "one".getBytes(), FileOps.FILE_MODE);
    FileOps.writeAtomically(target, "two".getBytes(), FileOps.EXEC_MODE);
    assertEquals("two", Files.readString(target));
    assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    try (var files = Files.list(temp)) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void deleteTreeAndDeleteIfEmpty() throws Exception {
    Path dir = Files.createDirectories(temp.resolve("a/b"));
    Files.writeString(dir.resolve("x"), "x");
    assertFalse(FileOps.deleteIfEmpty(temp.resolve("a")));
    FileOps.deleteTree(temp.resolve("a"));
    assertFalse(Files.exists(temp.resolve("a")));
    FileOps.deleteTree(temp.resolve("a"));
    Files.createDirectories(temp.resolve("e"));
    assertTrue(FileOps.deleteIfEmpty(temp.resolve("e")));
  }
}

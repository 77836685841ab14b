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

  @Test
  void replaceDirectorySwapsTheWholeFolderAndLeavesNothingAside() throws Exception {
    Path target = Files.createDirectories(temp.resolve("run time"));
    Files.writeString(target.resolve("stale"), "old");
    Path staging = Files.createDirectories(temp.resolve(".staging"));
    Files.writeString(staging.resolve("new"), "new");
    assertEquals(target, FileOps.replaceDirectory(staging, target));
    assertEquals("new", Files.readString(target.resolve("new")));
    assertFalse(Files.exists(target.resolve("stale")));
    try (var files = Files.list(temp)) {
      assertEquals(1, files.count(), "no staging or old folder is left beside it");
    }
    Path fresh = Files.createDirectories(temp.resolve(".staging2"));
    assertEquals(temp.resolve("absent"), FileOps.replaceDirectory(fresh, temp.resolve("absent")));
    assertTrue(Files.isDirectory(temp.resolve("absent")));
  }

  @Test
  void aSymbolicLinkIsJudgedByItsTargetNotByItsOwnMode() throws Exception {
    Path target = temp.resolve("launcher");
    Files.writeString(target, "#!/bin/sh\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path link = Files.createSymbolicLink(temp.resolve("link"), target);
    assertFalse(FileOps.writableByOthers(link), "a link is 0777 itself, its target is not writable by others");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertTrue(FileOps.writableByOthers(link));
    assertFalse(FileOps.writableByOthers(Files.createSymbolicLink(temp.resolve("dangling"), temp.resolve("none"))));
  }
}

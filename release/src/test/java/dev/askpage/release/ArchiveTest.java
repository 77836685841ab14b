package dev.askpage.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTest {
  private static final Instant TIME = Instant.parse("2026-11-30T00:00:00Z");

  @TempDir Path temp;

  /** A small tree: a script, a text and a nested file, with the given times and permissions. */
  private Path tree(String name, long mtimeSeconds, String scriptMode, String textMode) throws IOException {
    Path dir = Files.createDirectories(temp.resolve(name));
    Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    Files.writeString(dir.resolve("notes.txt"), "notes\n");
    Files.createDirectories(dir.resolve("deep/er"));
    Files.writeString(dir.resolve("deep/er/data.txt"), "x".repeat(5000));
    Files.setPosixFilePermissions(dir.resolve("run.sh"), PosixFilePermissions.fromString(scriptMode));
    Files.setPosixFilePermissions(dir.resolve("notes.txt"), PosixFilePermissions.fromString(textMode));
    for (String file : List.of("run.sh", "notes.txt", "deep/er/data.txt")) {
      Files.setLastModifiedTime(dir.resolve(file), FileTime.from(Instant.ofEpochSecond(mtimeSeconds)));
    }
    return dir;
  }

  private static Archive archiveOf(Path dir, boolean reversed) throws IOException {
    Archive archive = new Archive();
    List<String> names = new ArrayList<>(List.of("run.sh", "notes.txt", "deep/er/data.txt"));
    if (reversed) {
      Collections.reverse(names);
    }
    for (String name : names) {
      archive.addFile("askpage-1/" + name, dir.resolve(name));
    }
    archive.addBytes("askpage-1/generated", new byte[] {1, 2, 3}, Archive.FILE);
    return archive;
  }

  @Test
  void theSameFilesGiveTheSameBytesWhateverTheirTimesUmaskAndOrder() throws IOException {
    Path a = tree("a", 1_000_000, "rwxr-xr-x", "rw-r--r--");
    Path b = tree("b", 1_700_000_000, "rwx------", "rw-------");
    archiveOf(a, false).writeTarGz(temp.resolve("a.tar.gz"), TIME);
    archiveOf(b, true).writeTarGz(temp.resolve("b.tar.gz"), TIME);
    assertArrayEquals(Files.readAllBytes(temp.resolve("a.tar.gz")), Files.readAllBytes(temp.resolve("b.tar.gz")));
    archiveOf(a, false).writeZip(temp.resolve("a.zip"), TIME);
    archiveOf(b, true).writeZip(temp.resolve("b.zip"), TIME);
    assertArrayEquals(Files.readAllBytes(temp.resolve("a.zip")), Files.readAllBytes(temp.resolve("b.zip")));
  }

  @Test
  void tarListsEveryFolderFirstWithFixedModesOwnerAndTime() throws IOException {
    archiveOf(tree("t", 5, "rwxr-----", "rw-rw-rw-"), false).writeTarGz(temp.resolve("t.tar.gz"), TIME);
    List<String> rows = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(
        new GZIPInputStream(Files.newInputStream(temp.resolve("t.tar.gz"))))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        assertEquals(TIME, e.getLastModifiedTime().toInstant(), e.getName());
        assertEquals(0, e.getLongUserId());
        assertEquals("", e.getUserName());
        rows.add(e.getName() + " " + Integer.toOctalString(e.getMode() & 07777) + " " + e.getSize());
      }
    }
    assertEquals(List.of("askpage-1/ 755 0", "askpage-1/deep/ 755 0", "askpage-1/deep/er/ 755 0",
        "askpage-1/deep/er/data.txt 644 5000", "askpage-1/generated 644 3", "askpage-1/notes.txt 644 6",
        "askpage-1/run.sh 755 18"), rows);
  }

  @Test
  void zipKeepsUnixModesAndReadsTheTimeInUtcInEveryTimeZone() throws IOException {
    TimeZone original = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
      archiveOf(tree("z1", 5, "rwxr-xr-x", "rw-r--r--"), false).writeZip(temp.resolve("la.zip"), TIME);
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
      archiveOf(tree("z2", 5, "rwxr-xr-x", "rw-r--r--"), false).writeZip(temp.resolve("tokyo.zip"), TIME);
    } finally {
      TimeZone.setDefault(original);
    }
    assertArrayEquals(Files.readAllBytes(temp.resolve("la.zip")), Files.readAllBytes(temp.resolve("tokyo.zip")));
    try (ZipFile zip = ZipFile.builder().setPath(temp.resolve("la.zip")).get()) {
      ZipArchiveEntry script = zip.getEntry("askpage-1/run.sh");
      assertEquals(0755, script.getUnixMode() & 07777);
      assertEquals(0644, zip.getEntry("askpage-1/notes.txt").getUnixMode() & 07777);
      assertEquals(0755, zip.getEntry("askpage-1/deep/").getUnixMode() & 07777);
      try (InputStream in = zip.getInputStream(zip.getEntry("askpage-1/deep/er/data.txt"))) {
        assertEquals("x".repeat(5000), new String(in.readAllBytes()));
      }
    }
  }

  @Test
  void aNameAddedTwiceIsAnError() {
    Archive archive = new Archive();
    archive.addBytes("a/b", new byte[0], Archive.FILE);
    assertThrows(IllegalArgumentException.class, () -> archive.addBytes("a/b", new byte[1], Archive.FILE));
  }

  @Test
  void aNameTooLongForUstarIsRefusedRatherThanWrittenWithTheBuildersUserName() {
    Archive archive = new Archive();
    archive.addBytes("a/" + "n".repeat(120), new byte[0], Archive.FILE);
    assertThrows(IllegalArgumentException.class, () -> archive.writeTarGz(temp.resolve("long.tar.gz"), TIME));
  }
}

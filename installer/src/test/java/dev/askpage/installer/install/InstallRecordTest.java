package dev.askpage.installer.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallRecordTest {
  @TempDir Path temp;

  @Test
  void writeMergesWithEarlierInstalls() throws Exception {
    Path file = temp.resolve("record.json");
    InstallRecord first = new InstallRecord();
    first.createdDir(temp.resolve("a"));
    first.write(file);
    InstallRecord second = new InstallRecord();
    second.createdDir(temp.resolve("a/b"));
    second.write(file);
    assertEquals(List.of(temp.resolve("a/b"), temp.resolve("a")), InstallRecord.read(file).createdDirsDeepestFirst());
  }

  @Test
  void missingOrBrokenRecordIsEmpty() throws Exception {
    assertEquals(List.of(), InstallRecord.read(temp.resolve("none.json")).createdDirsDeepestFirst());
    Path broken = Files.writeString(temp.resolve("broken.json"), "{\"createdDirs\": [");
    assertEquals(List.of(), InstallRecord.read(broken).createdDirsDeepestFirst());
  }
}

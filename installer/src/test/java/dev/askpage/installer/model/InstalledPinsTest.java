package dev.askpage.installer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstalledPinsTest {
  private static final Map<String, String> FILES = Map.of("model.onnx", "aa", "vocab.txt", "bb");

  @Test
  void theSameFilesFromAnotherCommitAreTheSameModel() {
    // The Hub's commit moves with any edit to the repository (a README); the files are what is installed.
    assertEquals(List.of(), new InstalledPins(FILES, "2222").changesFrom(new InstalledPins(FILES, "1111")));
  }

  @Test
  void differentFilesNameTheFilesAndTheCommits() {
    InstalledPins installed = new InstalledPins(FILES, "1111");
    InstalledPins other = new InstalledPins(Map.of("model.onnx", "cc", "vocab.txt", "bb"), "2222");
    assertEquals(List.of("model.onnx: SHA-256 aa -> cc", "repository commit 1111 -> 2222"),
        other.changesFrom(installed));
    assertEquals(List.of("model.onnx: SHA-256 aa -> cc"),
        new InstalledPins(Map.of("model.onnx", "cc"), null).changesFrom(installed));
  }
}

package dev.askpage.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Only the loader folder this process mapped its libraries from counts as its own to delete. */
class OrtNativeTest {
  private static final Path MINE = Path.of("/tmp/onnxruntime-java111");
  private static final Path OTHERS = Path.of("/tmp/onnxruntime-java222");

  @Test
  void aFolderAnotherProcessMadeMeanwhileIsNotOurs() {
    String maps = "7f00-7f01 r-xp 00000000 fd:00 42 /tmp/onnxruntime-java111/libonnxruntime.so\n";
    assertEquals(Set.of(MINE), OrtNative.ours(Set.of(MINE, OTHERS), Optional.of(maps)));
  }

  @Test
  void withoutAMemoryMapOnlyALoneNewFolderIsOurs() {
    assertEquals(Set.of(MINE), OrtNative.ours(Set.of(MINE), Optional.empty()));
    assertEquals(Set.of(), OrtNative.ours(Set.of(MINE, OTHERS), Optional.empty()));
  }

  @Test
  void aFolderWhosePathOnlyStartsLikeOursIsNotOurs() {
    String maps = "7f00-7f01 r-xp 00000000 fd:00 42 /tmp/onnxruntime-java1112/libonnxruntime.so\n";
    assertEquals(Set.of(), OrtNative.ours(Set.of(MINE), Optional.of(maps)));
  }
}

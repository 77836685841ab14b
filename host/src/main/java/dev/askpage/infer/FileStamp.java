package dev.askpage.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What tells that a file was rewritten or replaced, for one stat: its modification time, size and file key. */
final class FileStamp {
  private FileStamp() {}

  /** A value equal to an earlier one exactly when the file looks unchanged since. */
  static Object of(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return a.lastModifiedTime() + "/" + a.size() + "/" + a.fileKey();
  }
}

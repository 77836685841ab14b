package dev.askpage.installer.model;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the bytes in a {@code .part} file came from, kept beside it so that a resume continues them only from the same
 * source: the address asked for (not a redirect's, which the Hub signs anew each time), and the repository commit and
 * ETag the server gave for them, when it gave them. One {@code key value} line each.
 *
 * @param url the address the download asked for
 * @param commit the {@value Downloader#REPO_COMMIT_HEADER} the bytes came with, or null
 * @param etag the ETag of the response that carried the bytes, or null
 */
record PartSource(String url, String commit, String etag) {
  private static final String URL = "url";
  private static final String COMMIT = "commit";
  private static final String ETAG = "etag";

  /** The note at {@code file}; empty when there is none or it is not one (bytes of unknown origin). */
  static Optional<PartSource> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    String url = null;
    String commit = null;
    String etag = null;
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int space = line.indexOf(' ');
        String key = space < 0 ? line : line.substring(0, space);
        String value = space < 0 ? "" : line.substring(space + 1);
        switch (key) {
          case URL -> url = value;
          case COMMIT -> commit = value;
          case ETAG -> etag = value;
          default -> { } // a key a later version added: the ones read here still decide
        }
      }
    } catch (MalformedInputException e) {
      return Optional.empty();
    }
    return url == null || url.isEmpty() ? Optional.empty() : Optional.of(new PartSource(url, commit, etag));
  }

  /** Writes this note to {@code file}, replacing what was there. */
  void write(Path file) throws IOException {
    StringBuilder text = new StringBuilder(URL + " " + url + "\n");
    if (commit != null) {
      text.append(COMMIT).append(' ').append(oneLine(commit)).append('\n');
    }
    if (etag != null) {
      text.append(ETAG).append(' ').append(oneLine(etag)).append('\n');
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String oneLine(String headerValue) {
    return headerValue.replace('\n', ' ').replace('\r', ' ');
  }
}

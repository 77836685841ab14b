package dev.askpage.release;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * The entries of one archive, written reproducibly: sorted by name, every parent folder listed, one fixed time, modes
 * 0755 (folders and executables) or 0644, owner 0:0 with no names, no extra fields. The same contents give the same
 * bytes whatever the files' times, umask or the order they were added in.
 */
final class Archive {
  static final int FILE = 0644;
  static final int EXECUTABLE = 0755;
  private static final int DIRECTORY = 0755;

  /** One entry: a folder (name ends with '/') or a file whose bytes come from {@code source} or {@code data}. */
  record Entry(String name, int mode, Path source, byte[] data) {
    boolean isDirectory() {
      return name.endsWith("/");
    }

    long size() throws IOException {
      return isDirectory() ? 0 : data != null ? data.length : Files.size(source);
    }

    void copyTo(OutputStream out) throws IOException {
      if (data != null) {
        out.write(data);
      } else if (source != null) {
        try (InputStream in = Files.newInputStream(source)) {
          in.transferTo(out);
        }
      }
    }
  }

  private final SortedMap<String, Entry> entries = new TreeMap<>();

  /** Adds {@code source} as {@code name}, executable when the source is. */
  void addFile(String name, Path source) {
    addFile(name, source, Files.isExecutable(source) ? EXECUTABLE : FILE);
  }

  void addFile(String name, Path source, int mode) {
    put(new Entry(name, mode, source, null));
  }

  void addBytes(String name, byte[] data, int mode) {
    put(new Entry(name, mode, null, data));
  }

  /** Adds every file under {@code dir} (links followed) below {@code name}, keeping whether each is executable. */
  void addTree(String name, Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      addFile(name + "/" + dir.relativize(file).toString().replace('\\', '/'), file);
    }
  }

  /** The entries in writing order (tests). */
  List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  private void put(Entry entry) {
    if (entries.putIfAbsent(entry.name(), entry) != null) {
      throw new IllegalArgumentException("two entries named " + entry.name());
    }
    for (int slash = entry.name().lastIndexOf('/', entry.name().length() - 2); slash > 0;
        slash = entry.name().lastIndexOf('/', slash - 1)) {
      String parent = entry.name().substring(0, slash + 1);
      entries.putIfAbsent(parent, new Entry(parent, DIRECTORY, null, null));
    }
  }

  /** A gzip-compressed POSIX tar; gzip's header carries no time or name (java.util.zip writes zeros). */
  void writeTarGz(Path out, Instant time) throws IOException {
    try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16);
        GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16) {
          {
            def.setLevel(Deflater.BEST_COMPRESSION);
          }
        };
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip, "UTF-8")) {
      // Long names would need PAX headers, which record the builder's user name: refuse them instead.
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_ERROR);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Entry entry : entries.values()) {
        TarArchiveEntry header = new TarArchiveEntry(entry.name());
        header.setMode((entry.isDirectory() ? 040000 : 0100000) | entry.mode());
        header.setSize(entry.size());
        header.setModTime(FileTime.from(time));
        header.setIds(0, 0);
        header.setUserName("");
        header.setGroupName("");
        tar.putArchiveEntry(header);
        entry.copyTo(tar);
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  /** A zip with Unix modes; its DOS times read {@code time} in UTC whatever the build machine's time zone. */
  void writeZip(Path out, Instant time) throws IOException {
    LocalDateTime utc = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    // ZipArchiveEntry turns milliseconds into DOS fields in the default zone: the instant that reads `utc` there.
    long dosMillis = utc.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      for (Entry entry : entries.values()) {
        ZipArchiveEntry header = new ZipArchiveEntry(entry.name());
        header.setUnixMode((entry.isDirectory() ? 040000 : 0100000) | entry.mode());
        header.setTime(dosMillis);
        header.setMethod(entry.isDirectory() ? ZipArchiveEntry.STORED : ZipArchiveEntry.DEFLATED);
        header.setSize(entry.size());
        if (entry.isDirectory()) {
          header.setCrc(0);
          header.setCompressedSize(0);
        }
        zip.putArchiveEntry(header);
        entry.copyTo(zip);
        zip.closeArchiveEntry();
      }
      zip.finish();
    }
  }
}

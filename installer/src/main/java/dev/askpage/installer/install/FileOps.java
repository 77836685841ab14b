package dev.askpage.installer.install;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * File steps every part of the installer shares: atomic writes with modes, recorded folder creation, tree removal.
 *
 * <p>Every folder and file askpage writes gets an explicit mode, whatever the umask: data folders {@link
 * #DATA_DIR_MODE}, folders a browser reads {@link #DIR_MODE}, files {@link #FILE_MODE} or {@link #EXEC_MODE}; nothing
 * is group- or world-writable (another local user could otherwise swap the manifest, the launcher or a jar).
 */
public final class FileOps {
  /** Mode of manifests and data files. */
  public static final String FILE_MODE = "rw-r--r--";
  /** Mode of launchers and other programs. */
  public static final String EXEC_MODE = "rwxr-xr-x";
  /** Mode of folders a browser reads (the manifests' folders, the runtime with the launcher). */
  public static final String DIR_MODE = "rwxr-xr-x";
  /** Mode of askpage's own data folders (the data folder, the models, partial downloads). */
  public static final String DATA_DIR_MODE = "rwx------";

  private FileOps() {}

  /** Creates {@code dir} and its missing parents with mode {@link #DIR_MODE}, recording each one in {@code record}. */
  public static void createDirectories(Path dir, InstallRecord record) throws IOException {
    createDirectories(dir, record, DIR_MODE);
  }

  /** Creates {@code dir} and its missing parents with {@code mode}, recording each one in {@code record}. */
  public static void createDirectories(Path dir, InstallRecord record, String mode) throws IOException {
    for (Path folder : createDirectories(dir, mode)) {
      record.createdDir(folder);
    }
  }

  /** Creates {@code dir} and its missing parents, each with {@code mode}; returns those it created, outermost first. */
  public static List<Path> createDirectories(Path dir, String mode) throws IOException {
    List<Path> missing = new ArrayList<>();
    for (Path at = dir.toAbsolutePath(); at != null && !Files.isDirectory(at); at = at.getParent()) {
      missing.add(0, at);
    }
    for (Path folder : missing) {
      createDirectory(folder, mode);
    }
    return missing;
  }

  /**
   * Creates {@code folder} with {@code mode} already in the create call (the umask can only remove bits from it), so
   * that under a loose umask it is never group- or world-writable, not even until {@link #setMode} runs: another user
   * could otherwise put a folder of theirs inside it first (e.g. {@code chromium/} in a new {@code ~/.config}).
   */
  private static void createDirectory(Path folder, String mode) throws IOException {
    try {
      Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(mode)));
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(folder); // no POSIX modes here (Windows)
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(folder)) {
        throw e;
      }
    }
    setMode(folder, mode);
  }

  /**
   * Gives every folder under {@code root} (itself included) {@code dirMode} and every file {@link #EXEC_MODE} if its
   * owner may run it, else {@link #FILE_MODE}: copies made under any umask end up with the same modes.
   */
  public static void normalizeModes(Path root, String dirMode) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isRegularFile()) {
          setMode(file, Files.isExecutable(file) ? EXEC_MODE : FILE_MODE);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        setMode(dir, dirMode);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Whether {@code path} can be written by its group or by everyone (false where there are no POSIX modes). A symbolic
   * link's own mode means nothing (Linux shows 0777 for every link; only its directory guards it): its target's counts,
   * and a link to nothing is not writable.
   */
  public static boolean writableByOthers(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      Path target;
      try {
        target = path.toRealPath();
      } catch (NoSuchFileException e) {
        return false;
      }
      return writableByOthers(target);
    }
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return false;
    }
    Set<PosixFilePermission> permissions = view.readAttributes().permissions();
    return permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE);
  }

  /** Writes {@code bytes} to a temporary file beside {@code target}, sets {@code mode}, then moves it into place. */
  public static void writeAtomically(Path target, byte[] bytes, String mode) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(temp, bytes);
      setMode(temp, mode);
      moveAtomically(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Moves {@code source} onto {@code target} atomically where the file system can, replacing it. */
  public static void moveAtomically(Path source, Path target) throws IOException {
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Puts the finished folder {@code staging} in place of {@code target} (absent or a folder): the old folder is moved
   * aside, {@code staging} moved in, then the old one deleted, so {@code target} is never half-written.
   */
  public static Path replaceDirectory(Path staging, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-old-");
      Files.delete(old);
      moveAtomically(target, old);
    }
    moveAtomically(staging, target);
    if (old != null) {
      deleteTree(old);
    }
    return target;
  }

  /** Sets a POSIX mode such as {@code rw-r--r--}; a no-op on file systems without POSIX modes (Windows). */
  public static void setMode(Path path, String mode) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (view != null) {
      view.setPermissions(PosixFilePermissions.fromString(mode));
    }
  }

  /** Deletes {@code root} and everything below it (links are removed, not followed); nothing when it is absent. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /**
   * Deletes the entries of {@code dir} whose names start with {@code prefix} and that were last changed more than
   * {@code age} ago: folders an interrupted run left (a running one changes its folder more often than that).
   */
  public static void deleteStale(Path dir, String prefix, Duration age) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    Instant before = Instant.now().minus(age);
    try (Stream<Path> list = Files.list(dir)) {
      for (Path entry : list.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        if (Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before)) {
          deleteTree(entry);
        }
      }
    }
  }

  /** Deletes {@code dir} if it is an empty folder; returns whether it did. */
  public static boolean deleteIfEmpty(Path dir) throws IOException {
    try {
      return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(dir);
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      return false;
    }
  }
}

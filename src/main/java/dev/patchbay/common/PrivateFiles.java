package dev.patchbay.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Files and directories only the service's user may read: every file Patchbay writes is {@code
 * 0600} and every directory {@code 0700}, whatever the process umask. Created with those
 * permissions (no moment at {@code 0644}) and set again afterwards, since a umask can only take
 * bits away. On a file system without POSIX permissions nothing is changed.
 */
public final class PrivateFiles {

  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** Creates {@code directory} and its missing parents, each created one owner-only. */
  public static Path createDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath().normalize();
    List<Path> missing = new ArrayList<>();
    for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.addFirst(p);
    }
    for (Path p : missing) {
      try {
        if (posix(p)) {
          Files.createDirectory(p, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
          Files.createDirectory(p);
        }
      } catch (FileAlreadyExistsException raced) {
        continue;
      }
      restrict(p);
    }
    return directory;
  }

  /**
   * Opens {@code file} for writing as {@link Files#newOutputStream} does ({@code options} empty:
   * create or truncate), creating it owner-only.
   */
  public static OutputStream newOutputStream(Path file, OpenOption... options) throws IOException {
    Set<OpenOption> opened =
        options.length == 0
            ? Set.of(
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)
            : Set.of(options);
    Set<OpenOption> writing = new HashSet<>(opened);
    writing.add(StandardOpenOption.WRITE);
    OutputStream out =
        posix(file)
            ? Channels.newOutputStream(
                Files.newByteChannel(file, writing, PosixFilePermissions.asFileAttribute(FILE)))
            : Files.newOutputStream(file, options);
    restrict(file);
    return out;
  }

  /** Writes {@code bytes} to {@code file} (created or replaced), owner-only. */
  public static void write(Path file, byte[] bytes, OpenOption... options) throws IOException {
    try (OutputStream out = newOutputStream(file, options)) {
      out.write(bytes);
    }
  }

  /** Sets {@code path} to {@code 0600} (a file) or {@code 0700} (a directory) if it is not. */
  public static void restrict(Path path) throws IOException {
    if (!posix(path) || Files.isSymbolicLink(path)) {
      return;
    }
    Set<PosixFilePermission> wanted =
        Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? DIRECTORY : FILE;
    if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(wanted)) {
      Files.setPosixFilePermissions(path, wanted);
    }
  }

  /**
   * {@link #restrict} on {@code root} and everything under it; a missing root is left alone, and so
   * is a file deleted while the tree is walked (a temporary database file, an expired recording).
   */
  public static void restrictTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
                throws IOException {
              return visit(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                throws IOException {
              return visit(file);
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the permissions under " + root, e);
    }
  }

  private static FileVisitResult visit(Path path) throws IOException {
    try {
      restrict(path);
    } catch (NoSuchFileException gone) {
      // deleted meanwhile: nothing left to protect
    }
    return FileVisitResult.CONTINUE;
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}

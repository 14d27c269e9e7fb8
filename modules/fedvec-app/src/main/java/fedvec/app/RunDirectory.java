package fedvec.app;

import fedvec.cluster.settings.InvalidSettingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * A run's output directory. The run writes into a hidden sibling ({@code .NAME.partial}) and only a
 * finished run is renamed to NAME, so a failed or interrupted run never leaves a directory that
 * looks like a result.
 */
final class RunDirectory {
  private final Path target;
  private final Path partial;

  private RunDirectory(Path target, Path partial) {
    this.target = target;
    this.partial = partial;
  }

  /**
   * Checks {@code target} is free (absent or an empty directory) and creates the partial directory.
   */
  static RunDirectory reserve(Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !isEmptyDirectory(absolute)) {
      throw new InvalidSettingException(
          "--out", absolute + " already exists and is not an empty directory; choose another");
    }
    Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
    if (Files.exists(partial)) {
      try (Stream<Path> files = Files.walk(partial)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(partial);
    return new RunDirectory(absolute, partial);
  }

  /**
   * The unfinished run of {@code target} (its partial directory), to resume it. Fails when the run
   * already finished or left no partial directory.
   */
  static RunDirectory unfinished(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    Path partial = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
    if (Files.exists(absolute.resolve("summary.json"))) {
      throw new InvalidSettingException(
          "--resume", absolute + " is a finished run; nothing to resume");
    }
    if (!Files.isDirectory(partial)) {
      throw new InvalidSettingException(
          "--resume", "no unfinished run of " + absolute + " (looked for " + partial + ")");
    }
    return new RunDirectory(absolute, partial);
  }

  /** Where the run writes while it runs. */
  Path work() {
    return partial;
  }

  Path target() {
    return target;
  }

  /** Publishes the finished run under its final name. */
  void commit() throws IOException {
    if (Files.isDirectory(target)) {
      Files.delete(target); // empty, checked by reserve
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}

package fedvec.app.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Opening an output file: new, or continued by a resumed run. */
final class Output {
  private Output() {}

  static BufferedWriter open(Path file, boolean append) throws IOException {
    return append
        ? Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
        : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }
}

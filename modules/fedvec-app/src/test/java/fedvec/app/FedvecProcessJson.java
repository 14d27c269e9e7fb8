package fedvec.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** JSON lines for the end-to-end tests. */
final class FedvecProcessJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FedvecProcessJson() {}

  static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}

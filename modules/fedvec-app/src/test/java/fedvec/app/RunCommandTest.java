package fedvec.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input ends at once with exit code 2, a message naming the key, and no output directory. */
class RunCommandTest {
  @TempDir Path dir;

  static Stream<Arguments> badInput() {
    return Stream.of(
        Arguments.of(
            List.of("--algorithm", "ppo"), "--algorithm: unknown algorithm 'ppo'; allowed:"),
        Arguments.of(List.of("--scenario", "mars"), "--scenario: unknown scenario 'mars'"),
        Arguments.of(List.of("--vehicles", "0"), "--vehicles: must be a positive integer, got 0"),
        Arguments.of(List.of("--rsus", "-2"), "--rsus: must be a positive integer, got -2"),
        Arguments.of(List.of("--episodes", "0"), "--episodes: must be a positive integer"),
        Arguments.of(List.of("--slots", "0"), "--slots: must be a positive integer"),
        Arguments.of(List.of("--vehicles", "ten"), "Invalid value for option '--vehicles'"),
        Arguments.of(
            List.of("--set", "learning.batchsize=3"), "fedvec.learning.batchsize: unknown key"),
        Arguments.of(
            List.of("--set", "run.episodes=abc"), "fedvec.run.episodes: must be an integer"),
        Arguments.of(
            List.of("--set", "scenario.rsus.cpu-hz=-1"), "fedvec.scenario.rsus.cpu-hz: must be"),
        Arguments.of(
            List.of("--set", "fl.temperature=[1"), "fedvec.fl.temperature: malformed value"),
        Arguments.of(List.of("--set", "novalue"), "should be in KEY=VALUE format"),
        Arguments.of(
            List.of("--algorithm", "maddpg", "--checkpoint-every", "2"),
            "fedvec.run.checkpoint-every: maddpg keeps its critic at the base station"),
        Arguments.of(List.of("--config", "/no/such/file.conf"), "--config: cannot read file"),
        Arguments.of(List.of("--frobnicate"), "Unknown option: '--frobnicate'"));
  }

  @ParameterizedTest
  @MethodSource("badInput")
  void badInputExitsWithTwoAndLeavesNothing(List<String> flags, String message) throws Exception {
    // given a run command with one bad input
    List<String> args =
        new ArrayList<>(List.of("run", "--quiet", "--out", dir.resolve("out").toString()));
    args.addAll(flags);
    StringWriter err = new StringWriter();
    // when it runs
    int code =
        Main.execute(
            new PrintWriter(new StringWriter()), new PrintWriter(err), args.toArray(String[]::new));
    // then it exits with 2, says what is wrong, and writes nothing
    assertEquals(2, code, err.toString());
    assertTrue(err.toString().contains(message), err.toString());
    try (Stream<Path> entries = Files.list(dir)) {
      assertEquals(List.of(), entries.toList());
    }
  }

  @Test
  void anExistingNonEmptyOutputDirectoryIsRefused() throws Exception {
    Path out = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(out.resolve("metrics.csv"), "precious");
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            "run",
            "--quiet",
            "--out",
            out.toString());
    assertEquals(2, code);
    assertTrue(err.toString().contains("--out: "), err.toString());
    assertEquals("precious", Files.readString(out.resolve("metrics.csv")));
    try (Stream<Path> entries = Files.list(dir)) {
      assertEquals(List.of(out), entries.toList());
    }
  }
}

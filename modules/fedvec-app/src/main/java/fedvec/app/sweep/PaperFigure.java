package fedvec.app.sweep;

import java.util.List;
import java.util.Map;

/**
 * The experiments behind paper 000's figures (../shared/papers/notes/seed-000.md, "Baselines and
 * results to reproduce"), and the robustness study of its softmax weighting, each as a sweep: which
 * parameter moves, over which values, for which algorithms, and what the figure shows.
 *
 * @param id the name on the command line
 * @param title the figure's title
 * @param param the swept parameter (see {@link SweepPlan#param})
 * @param values its values in the full experiment
 * @param quickValues its values in the small CI version
 * @param curves true: per-episode reward curves at the one value; false: final cost vs the values
 * @param algorithms the algorithms compared
 * @param settings further settings (KEY to VALUE, as --set) of every run
 */
public record PaperFigure(
    String id,
    String title,
    String param,
    List<String> values,
    List<String> quickValues,
    boolean curves,
    List<String> algorithms,
    Map<String, String> settings) {

  /** Paper 000's algorithms: HAFMADDPG and its two baselines. */
  public static final List<String> PAPER = List.of("hafmaddpg", "fedavg-maddpg", "maddpg");

  /** HAFMADDPG, plain FedAvg and a robust aggregation under faulty vehicles. */
  public static final List<String> ROBUST = List.of("hafmaddpg", "fedavg-maddpg", "trimmed-maddpg");

  public static final List<PaperFigure> ALL =
      List.of(
          new PaperFigure(
              "fig1",
              "Fig. 1: average reward per episode, 10 vehicles",
              "vehicles",
              List.of("10"),
              List.of("10"),
              true,
              PAPER,
              Map.of()),
          new PaperFigure(
              "fig2",
              "Fig. 2: average reward per episode, 50 vehicles",
              "vehicles",
              List.of("50"),
              List.of("50"),
              true,
              PAPER,
              Map.of()),
          new PaperFigure(
              "fig3",
              "Fig. 3: total cost vs number of vehicles",
              "vehicles",
              List.of("10", "20", "30", "40", "50"),
              List.of("10", "20"),
              false,
              PAPER,
              Map.of()),
          new PaperFigure(
              "fig4",
              "Fig. 4: total cost vs RSU computing capability (Hz)",
              "scenario.rsus.cpu-hz",
              List.of("6e9", "8e9", "10e9", "12e9", "14e9"),
              List.of("6e9", "14e9"),
              false,
              PAPER,
              Map.of()),
          new PaperFigure(
              "fig5",
              "Fig. 5: total cost vs V2R bandwidth (Hz)",
              "scenario.channel.v2r-bandwidth-hz",
              List.of("15e6", "25e6", "35e6", "45e6", "55e6"),
              List.of("15e6", "55e6"),
              false,
              PAPER,
              Map.of()),
          robustness("noise"),
          robustness("scale"),
          robustness("inflate-perf"));

  private static PaperFigure robustness(String kind) {
    return new PaperFigure(
        "robustness-" + kind,
        "Robustness: total cost vs share of faulty vehicles (" + kind + ")",
        "faults.share",
        List.of("0", "0.1", "0.2"),
        List.of("0", "0.2"),
        false,
        ROBUST,
        Map.of("faults.kind", kind));
  }

  public static List<String> ids() {
    return ALL.stream().map(PaperFigure::id).toList();
  }
}

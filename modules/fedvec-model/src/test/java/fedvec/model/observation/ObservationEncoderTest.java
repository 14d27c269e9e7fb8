package fedvec.model.observation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import fedvec.model.Scenarios;
import fedvec.model.task.Task;
import fedvec.model.twin.ResourceSnapshot;
import fedvec.model.world.Kinematics;
import org.junit.jupiter.api.Test;

class ObservationEncoderTest {
  private final ObservationEncoder encoder = new ObservationEncoder(Scenarios.hafmaddpg(10));

  @Test
  void encodesTheSixteenNormalisedFeatures() {
    VehicleView view =
        new VehicleView(
            new Kinematics(250, 15, 0.5),
            0.75e9,
            new Task(1e6, 0.5e9, 0.8),
            125,
            new ResourceSnapshot(4, 3, 0.9, 0.6),
            new Kinematics(325, 12, 0),
            1.5e9,
            4,
            10);
    float[] s = encoder.encode(view);
    float[] expected = {
      0.25f,
      0.75f,
      0.75f,
      0.5f, // position / L, speed / vmax, accel in [0,1], cpu / cpu max
      1f,
      0.5f,
      0.5f,
      0.8f, // has task, data / max, demand / max, deadline / max
      -125f / 300f,
      0.25f,
      0.4f, // RSU offset / range, 1 / (1 + 3 RSU tasks), 1 - bandwidth used
      0f, // channel quality: filled below
      0.4f,
      1f,
      0.5f,
      1f // cell density, assistant present, its offset / 150 m, its cpu / max
    };
    // SNR(125 m) = 20 - 30 log10(1.25) dB, relative to twice the spectral efficiency at 100 m
    double se = Math.log(1 + Math.pow(10, (20 - 30 * Math.log10(1.25)) / 10)) / Math.log(2);
    double seRef = Math.log(1 + Math.pow(10, 2.0)) / Math.log(2);
    expected[11] = (float) (se / (2 * seRef));
    assertEquals(ObservationEncoder.DIMENSION, s.length);
    for (int i = 0; i < s.length; i++) {
      assertEquals(expected[i], s[i], 1e-6, "feature " + i);
    }
  }

  @Test
  void noTaskAndNoAssistantLeaveTheirFeaturesAtZero() {
    float[] s =
        encoder.encode(
            new VehicleView(
                new Kinematics(0, 10, 0), 1e9, null, 125, ResourceSnapshot.IDLE, null, 0, 1, 10));
    for (int i : new int[] {4, 5, 6, 7, 13, 14, 15}) {
      assertEquals(0f, s[i], "feature " + i);
    }
    assertEquals(1f, s[9]); // an idle RSU: a newcomer expects all of it
  }
}

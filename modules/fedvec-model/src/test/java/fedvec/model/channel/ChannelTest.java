package fedvec.model.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChannelTest {
  private static final ChannelSettings CHANNEL = new ChannelSettings(20e6, 15e6, 20, 20, 100, 3, 1);

  @Test
  void snrFallsByTenTimesTheExponentPerDecadeOfDistance() {
    assertEquals(20.0, Channel.snrDb(20, 100, CHANNEL), 1e-12);
    // 10x farther: 20 - 10 * 3 * log10(10) = -10 dB
    assertEquals(-10.0, Channel.snrDb(20, 1000, CHANNEL), 1e-12);
    // closer than the minimum distance counts as the minimum: 20 - 30 * log10(1 / 100) = 80 dB
    assertEquals(80.0, Channel.snrDb(20, 0.2, CHANNEL), 1e-12);
    // the sign of the offset does not matter
    assertEquals(Channel.snrDb(20, 250, CHANNEL), Channel.snrDb(20, -250, CHANNEL), 1e-12);
  }

  @Test
  void shannonRateOfEqs3And4() {
    // SNR 0 dB: log2(1 + 1) = 1 bit/s/Hz; half of 20 MHz -> 10 Mbit/s
    assertEquals(1.0, Channel.spectralEfficiency(0), 1e-12);
    assertEquals(10e6, Channel.rateBps(0.5, 20e6, 0), 1e-3);
    // SNR 30 dB: log2(1001) = 9.967226258835993
    assertEquals(15e6 * 9.967226258835993, Channel.rateBps(1.0, 15e6, 30), 1e-3);
  }

  @Test
  void linkStaysInRangeUntilTheOffsetReachesTheRange() {
    // eq. (1): offset 100 m growing at 10 m/s leaves a 150 m range after 5 s
    assertEquals(5.0, Channel.secondsInRange(100, 10, 150), 1e-12);
    // closing then passing: -100 m at +10 m/s reaches +150 m after 25 s
    assertEquals(25.0, Channel.secondsInRange(-100, 10, 150), 1e-12);
    // eq. (2): an RSU 50 m ahead of a vehicle at 20 m/s: offset 50 - 20 t reaches -300 after 17.5 s
    assertEquals(17.5, Channel.secondsInRange(50, -20, 300), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, Channel.secondsInRange(100, 0, 150));
    assertEquals(0.0, Channel.secondsInRange(200, -1, 150));
  }
}

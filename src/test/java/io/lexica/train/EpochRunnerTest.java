package io.lexica.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

class EpochRunnerTest {
  private static EpochRunner.Settings settings(int threads, int epochs, long perEpoch) {
    return new EpochRunner.Settings(
        "test", "units", threads, epochs, perEpoch, LearningRate.linear(1.0), false);
  }

  @Test
  void countsWorkSumsLossPerEpochAndDecaysTheRate() {
    ConcurrentLinkedQueue<Float> rates = new ConcurrentLinkedQueue<>();
    EpochRunner.Report report =
        EpochRunner.run(
            settings(3, 4, 3 * 50_000),
            (thread, threads) ->
                (epoch, meter) -> {
                  for (int i = 0; i < 50; i++) {
                    rates.add(meter.learningRate());
                    meter.addLoss(epoch + 1, 1); // loss epoch+1 per term
                    meter.advance(1000);
                  }
                });
    assertEquals(4 * 3 * 50_000, report.units());
    assertArrayEquals(new double[] {1, 2, 3, 4}, report.epochLoss(), 1e-12);
    float min = rates.stream().min(Float::compare).orElseThrow();
    assertTrue(min < 0.2f, "the rate decays towards the end: " + min);
    assertEquals(1f, rates.stream().max(Float::compare).orElseThrow(), 0f);
  }

  @Test
  void theFirstWorkerFailureIsRethrownAndStopsTheOthers() {
    RuntimeException boom = new IllegalStateException("boom");
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                EpochRunner.run(
                    settings(2, 1000, 1_000_000),
                    (thread, threads) ->
                        (epoch, meter) -> {
                          if (thread == 1) {
                            throw boom;
                          }
                          for (int i = 0; i < 1000; i++) {
                            meter.advance(1000); // cancelled here once thread 1 has failed
                          }
                        }));
    assertSame(boom, thrown);
  }

  @Test
  void checkedExceptionsAreWrapped() {
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () ->
                EpochRunner.run(
                    settings(1, 1, 10),
                    (thread, threads) ->
                        (epoch, meter) -> {
                          throw new IOException("disk");
                        }));
    assertEquals("disk", e.getCause().getMessage());
  }
}

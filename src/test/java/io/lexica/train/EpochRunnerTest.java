package io.lexica.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lexica.util.StopSignal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EpochRunnerTest {
  private static EpochRunner.Settings settings(int threads, int epochs, long perEpoch) {
    return settings(threads, epochs, perEpoch, StopSignal.NEVER);
  }

  private static EpochRunner.Settings settings(
      int threads, int epochs, long perEpoch, StopSignal stop) {
    return new EpochRunner.Settings(
        "test", "units", threads, epochs, perEpoch, LearningRate.linear(1.0), false, stop);
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
  void aStopSignalThatFiresEndsTheRunAtTheNextReportWithItsException() {
    RuntimeException stopped = new IllegalStateException("stopped");
    AtomicInteger epochsDone = new AtomicInteger();
    ConcurrentLinkedQueue<Integer> started = new ConcurrentLinkedQueue<>();
    StopSignal afterTheFirstEpoch =
        () -> {
          if (epochsDone.get() > 0) {
            throw stopped;
          }
        };
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () ->
                EpochRunner.run(
                    settings(2, 1000, 2 * 100_000, afterTheFirstEpoch),
                    (thread, threads) ->
                        (epoch, meter) -> {
                          started.add(epoch);
                          for (int i = 0; i < 100; i++) {
                            meter.advance(1000);
                          }
                          epochsDone.incrementAndGet();
                        }));
    assertSame(stopped, thrown);
    // each thread's report at the end of its first epoch sees the signal: no second epoch starts
    assertEquals(List.of(0, 0), List.copyOf(started));
  }

  @Test
  void aStopSignalIsCheckedWithinAnEpoch() {
    RuntimeException stopped = new IllegalStateException("stopped");
    AtomicInteger reports = new AtomicInteger();
    AtomicInteger advanced = new AtomicInteger();
    StopSignal atTheThirdReport =
        () -> {
          if (reports.incrementAndGet() >= 3) {
            throw stopped;
          }
        };
    assertSame(
        stopped,
        assertThrows(
            RuntimeException.class,
            () ->
                EpochRunner.run(
                    settings(1, 1, 1_000_000, atTheThirdReport),
                    (thread, threads) ->
                        (epoch, meter) -> {
                          for (int i = 0; i < 1000; i++) {
                            meter.advance(1000);
                            advanced.incrementAndGet();
                          }
                        })));
    // reports every 1000 units (a thousandth of the run): the third advance is the last
    assertEquals(2, advanced.get());
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

package io.lexica.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Progress is drawn only on a terminal on standard error, and each line fits its width. */
class ProgressTest {
  @Test
  void aLineFitsTheTerminalDroppingExtrasThenTheRate() {
    Progress p = Progress.silent("training skip-gram", 123_456_789, "tokens");
    p.add(45_678_901);
    p.status(() -> "lr 0.011310, loss 2.5623");
    String full = p.line();
    assertTrue(full.length() > 79, full);
    assertTrue(
        full.matches(
            "training skip-gram: +37\\.0% 45\\.7M tokens, .* tokens/s, ETA \\S+,"
                + " lr 0\\.011310, loss 2\\.5623"),
        full);
    for (int width : new int[] {79, 70, 60, 45, 30, 10}) {
      String line = p.line(width);
      assertTrue(line.length() <= width, width + ": " + line);
      assertTrue(full.startsWith(line.substring(0, Math.min(line.length(), 19))), line);
    }
    String narrow = p.line(60);
    assertTrue(narrow.contains("ETA") && !narrow.contains("loss"), narrow);
    String narrower = p.line(45);
    assertTrue(narrower.contains("ETA") && !narrower.contains("tokens/s"), narrower);
    p.close();
  }

  @Test
  void standardErrorDecidesNotTheConsole() {
    Map<String, String> env = new HashMap<>();
    // The launcher's answer wins: it ran [ -t 2 ] before the JVM started.
    assertEquals(0, Terminal.columns(env, name -> "0"));
    assertEquals(132, Terminal.columns(env, name -> "132"));
    // CI and LEXICA_QUIET silence it whatever the terminal.
    env.put("CI", "true");
    assertEquals(0, Terminal.columns(env, name -> "132"));
    env.clear();
    env.put("LEXICA_QUIET", "1");
    assertEquals(0, Terminal.columns(env, name -> "132"));
    // Without the launcher, where descriptor 2 points: "2> log" is a file, "| tee" a pipe.
    assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
    assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
    assertEquals(false, Terminal.isTerminalDevice("/tmp/train.log"));
    assertEquals(false, Terminal.isTerminalDevice("pipe:[15628]"));
    assertEquals(false, Terminal.isTerminalDevice(null));
  }
}

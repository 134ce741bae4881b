package io.lexica.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help cannot drift from what the commands do: every option and argument of every command is
 * described, and every option shows its default, from the value the command really uses.
 */
class CommandHelpTest {
  /** A default written into a description by hand: the text that once said --min-count 1. */
  private static final Pattern HAND_WRITTEN_DEFAULT =
      Pattern.compile("(?i)\\bdefault\\s*:|\\$\\{DEFAULT-VALUE}");

  private static final Pattern MENTIONS_DEFAULT = Pattern.compile("(?i)\\bdefault\\b");

  @Test
  void everyOptionIsDescribedAndShowsItsDefault() {
    List<String> problems = new ArrayList<>();
    int[] options = new int[1];
    walk(Main.commandLine(), problems, options);
    assertEquals(List.of(), problems);
    assertTrue(options[0] > 100, "walked " + options[0] + " options: every command was visited");
  }

  private static void walk(CommandLine cl, List<String> problems, int[] count) {
    CommandSpec spec = cl.getCommandSpec();
    String command = spec.qualifiedName();
    String help = cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (!p.hidden() && String.join(" ", p.description()).isBlank()) {
        problems.add(command + " " + p.paramLabel() + ": no description");
      }
    }
    for (OptionSpec o : spec.options()) {
      if (o.hidden() || o.usageHelp() || o.versionHelp()) {
        continue;
      }
      count[0]++;
      String name = command + " " + o.longestName();
      String description = String.join(" ", o.description());
      if (description.isBlank()) {
        problems.add(name + ": no description");
      }
      boolean flag = o.arity().max() == 0;
      if (flag || o.required()) {
        continue; // a flag is off unless given; a required option has no default
      }
      String value = spec.defaultValueProvider() == null ? null : defaultFromProvider(spec, o);
      value = value != null ? value : o.defaultValue();
      if (value != null) {
        if (HAND_WRITTEN_DEFAULT.matcher(description).find()) {
          problems.add(name + ": writes its default by hand; picocli shows " + value);
        }
        if (!help.contains("Default: " + value)) {
          problems.add(name + ": help does not show 'Default: " + value + "'");
        }
      } else if (!MENTIONS_DEFAULT.matcher(description).find()) {
        problems.add(name + ": no default value and the description does not say what it is");
      }
    }
    cl.getSubcommands().values().stream()
        .filter(sub -> sub.getCommandSpec().parent() == spec) // "help" lists its parent's too
        .forEach(sub -> walk(sub, problems, count));
  }

  private static String defaultFromProvider(CommandSpec spec, OptionSpec o) {
    try {
      return spec.defaultValueProvider().defaultValue(o);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void helpSaysWhatTheReadmeSays() {
    String train = help("train");
    assertTrue(train.contains("fastText"), "fastText is one of the algorithms");
    assertTrue(
        Pattern.compile("--min-count=N\\s+Drop words occurring fewer times\\.\\s+Default: 5")
            .matcher(train)
            .find(),
        train);
    assertTrue(train.contains("Writes a model directory"), "the default output is a model");
    assertTrue(help("corpus", "export").contains("Default: 1"), "--min-count is 1 for exports");
    assertTrue(help("import").contains("fasttext-bin"));
    assertTrue(help("analogy").contains("MODEL [A] [B] [C]"), help("analogy"));
    String similarity = help("similarity");
    assertTrue(similarity.contains("First word") && similarity.contains("Second word"));
  }

  @Test
  void oneNameForTheNumberOfNeighbours() {
    for (String[] command :
        new String[][] {
          {"neighbors"}, {"analogy"}, {"expand"}, {"search"}, {"eval", "retrieval"}
        }) {
      String help = help(command);
      assertTrue(help.contains("-k=N"), String.join(" ", command));
      assertFalse(help.contains("--k=") || help.contains("--count"), String.join(" ", command));
    }
  }

  private static String help(String... command) {
    CommandLine cl = Main.commandLine();
    for (String c : command) {
      cl = cl.getSubcommands().get(c);
    }
    return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }
}

package io.lexica.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A trainer setting's value as users give it: text on the command line, a number, a boolean or text
 * in a REST request. The one reading of such values for every trainer's table of settings ({@code
 * Word2VecOptions.Setting}, {@code GloveSetting}), so that {@code lexica train} and the plugin's
 * {@code _train} take the same values. Stateless.
 */
public final class SettingValue {
  private SettingValue() {}

  /**
   * A value that is not of its setting's kind; the message says what the setting takes and what it
   * got, to follow the setting's name (e.g. {@code is a whole number, got [1.5]}).
   */
  public static final class Malformed extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * A value of the wrong kind.
     *
     * @param takes what the setting takes and what it got
     */
    public Malformed(String takes) {
      super(takes);
    }
  }

  /**
   * The value {@code raw} gives a setting of {@code type}: a number (a whole one for {@code int}
   * and {@code long}), true or false, or the name of one of an enum's constants in any case, as
   * text or as itself.
   *
   * @param type {@code int}, {@code long}, {@code double}, {@code boolean} or an enum
   * @param raw the value, as a user gives it
   * @return the value, boxed, of {@code type}
   * @throws Malformed when {@code raw} is not a value of {@code type}
   */
  public static Object parse(Class<?> type, Object raw) {
    String text = String.valueOf(raw).trim();
    if (type.isEnum()) {
      List<String> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        String n = ((Enum<?>) c).name();
        if (n.equalsIgnoreCase(text)) {
          return c;
        }
        names.add(n.toLowerCase(Locale.ROOT));
      }
      throw new Malformed("is one of " + names + ", got [" + text + "]");
    }
    if (type == boolean.class) {
      if (raw instanceof Boolean || text.equals("true") || text.equals("false")) {
        return Boolean.parseBoolean(text);
      }
      throw new Malformed("is true or false, got [" + raw + "]");
    }
    try {
      if (type == double.class) {
        return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
      }
      long whole = wholeNumber(raw);
      return type == long.class ? (Object) whole : (Object) Math.toIntExact(whole);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Malformed(
          (type == double.class ? "is a number" : "is a whole number") + ", got [" + raw + "]");
    }
  }

  /**
   * {@code raw} as a whole number, as the settings take one: a number without a fraction, or its
   * digits as text. The training's other whole-number settings (the minimum count, fastText's
   * n-grams) are read by it too.
   *
   * @param raw the value, as a user gives it
   * @return the number
   * @throws NumberFormatException when {@code raw} is not a whole number
   */
  public static long wholeNumber(Object raw) {
    if (raw instanceof Number n) {
      if (n.doubleValue() != n.longValue()) {
        throw new NumberFormatException("not a whole number: " + raw);
      }
      return n.longValue();
    }
    return Long.parseLong(String.valueOf(raw).trim());
  }
}

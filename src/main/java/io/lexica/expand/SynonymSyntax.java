package io.lexica.expand;

/**
 * How one word is written in a Solr synonyms file, the format that Lucene's {@code
 * SolrSynonymParser} reads and that Solr, Elasticsearch and OpenSearch use for their {@code
 * synonym} and {@code synonym_graph} filters. The parser's rules, from its source:
 *
 * <ul>
 *   <li>A line is split on {@code =>}, then each side on {@code ,}. A backslash makes the next
 *       character literal for both splits (the two are kept and read again by the second split),
 *       and a final unescape drops every backslash that precedes a character.
 *   <li>A line whose first character is {@code #} is a comment, and an empty line is skipped.
 *   <li>After unescaping, each entry is trimmed of characters up to U+0020 (spaces, tabs, control
 *       characters), so such characters at a word's ends are lost whatever the escaping; inside a
 *       word they are kept, but the analyzer that reads the rules then cuts the word into several
 *       tokens (a multi-word synonym). Line breaks end the rule.
 * </ul>
 *
 * <p>So a word is written with a backslash before each {@code \}, {@code ,} and {@code =} (an
 * escaped {@code =} can never start {@code =>}; escaping every one is simpler than finding the ones
 * before a {@code >} and reads back the same), and before a {@code #} that begins it (only at a
 * line's start would it matter, but a word may start a line). Words with any character up to U+0020
 * or another whitespace character cannot be written as one token and are {@linkplain #writable
 * refused}. Stateless.
 */
final class SynonymSyntax {
  private SynonymSyntax() {}

  /**
   * Whether {@code word} can be written as one entry that reads back as itself: not empty, and
   * without whitespace or control characters (trimmed at its ends, or cutting it into several
   * tokens inside).
   */
  public static boolean writable(String word) {
    if (word.isEmpty()) {
      return false;
    }
    for (int i = 0; i < word.length(); ) {
      int c = word.codePointAt(i);
      if (c <= ' ' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        return false;
      }
      i += Character.charCount(c);
    }
    return true;
  }

  /** Whether {@link #escape} changes {@code word}. */
  public static boolean needsEscaping(String word) {
    return !escape(word).equals(word);
  }

  /**
   * {@code word} as an entry of a synonyms file: a backslash before each {@code \}, {@code ,},
   * {@code =} and a leading {@code #}.
   *
   * @throws IllegalArgumentException when the word is not {@linkplain #writable writable}
   */
  public static String escape(String word) {
    if (!writable(word)) {
      throw new IllegalArgumentException("cannot be written in a synonyms file: '" + word + "'");
    }
    StringBuilder sb = new StringBuilder(word.length() + 4);
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '\\' || c == ',' || c == '=' || (c == '#' && i == 0)) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }
}

package io.lexica.index;

/**
 * One document of an input file, before analysis.
 *
 * @param id the document's identifier (JSONL {@code id}, else its running number, from 1)
 * @param title the title, or empty when the format has none
 * @param text the body text
 */
public record SourceDocument(String id, String title, String text) {}

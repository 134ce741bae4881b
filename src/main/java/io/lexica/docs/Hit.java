package io.lexica.docs;

/** A document found by a search, by its id, with the search's score. */
public record Hit(String id, float score) {}

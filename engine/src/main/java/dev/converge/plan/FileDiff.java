package dev.converge.plan;

/** A file's content before and after, as a unified diff (or a note for binary content). */
public record FileDiff(String path, String unified) {}

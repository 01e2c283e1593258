package dev.converge.model;

import dev.converge.diag.SourceLocation;

/** A variable's value (plain Java: String, Long, Boolean, List, Map…) and where it was set. */
public record Var(Object value, SourceLocation at) {}

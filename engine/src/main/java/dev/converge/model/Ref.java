package dev.converge.model;

import dev.converge.diag.SourceLocation;

/** A resource or handler id named in {@code after:} or {@code notify:}, and where. */
public record Ref(String id, SourceLocation at) {}

package dev.converge.exec;

import dev.converge.plan.ResourceStatus;

/** A node's final status after apply, with the reason for a failure or skip. */
public record NodeOutcome(ResourceStatus status, String message) {}

package dev.converge.report;

import dev.converge.plan.HostPlan;

/** What the engine tells reporters, in order. The engine never prints; reporters do. */
public sealed interface RunEvent {

    /** The run begins: how many hosts and resources, and whether it only checks. */
    record RunStarted(String playbook, int hosts, int resources, boolean check) implements RunEvent {}

    /** A host could not be reached; its resources will not run. */
    record HostUnreachable(String host, String message) implements RunEvent {}

    /** A host's plan is ready (before anything is applied). */
    record HostPlanned(HostPlan plan) implements RunEvent {}

    /** A resource reached its final status on a host. */
    record ResourceFinished(String host, ResourceReport resource) implements RunEvent {}

    /** Something the operator must know. */
    record Warning(String message) implements RunEvent {}

    /** The run is over. */
    record RunFinished(RunReport report) implements RunEvent {}
}

package dev.converge.report;

import dev.converge.plan.ResourceStatus;
import java.util.List;

/**
 * What the engine tells reporters, in order. The engine never prints; reporters do. Every event
 * passes through {@link MaskingReporter} first, so no secret value reaches a reporter.
 */
public sealed interface RunEvent {

    /** The run begins: how many hosts and resources, and whether it only checks. */
    record RunStarted(String playbook, int hosts, int resources, boolean check) implements RunEvent {}

    /** A host could not be reached; its resources will not run. */
    record HostUnreachable(String host, String message) implements RunEvent {}

    /**
     * A host was read and planned (before anything is applied): its resources, how many will change,
     * and how many are deferred (planned again after the apply: they, and what changes because of
     * them, may add to the recap's {@code changed}).
     */
    record HostPlanned(String host, int resources, int changes, int deferred) implements RunEvent {
        public HostPlanned(String host, int resources, int changes) {
            this(host, resources, changes, 0);
        }
    }

    /** A batch of changes is being sent to a host (the resources it applies, in order). */
    record BatchStarted(String host, List<String> ids) implements RunEvent {
        public BatchStarted {
            ids = List.copyOf(ids);
        }
    }

    /** A resource reached its outcome on a host, as the run goes (for progress displays). */
    record ResourceDone(String host, String id, ResourceStatus status) implements RunEvent {}

    /** A resource's final report on a host, emitted once the run is verified. */
    record ResourceFinished(String host, ResourceReport resource) implements RunEvent {}

    /**
     * Detail about a host for {@code -v} (level 1: facts read, operations sent), {@code -vv} (2: the
     * time of each round trip) and {@code -vvv} (3: the scripts, payloads left out); a reporter shows
     * the levels up to its verbosity. Masked like every event.
     */
    record Detail(String host, int level, String title, List<String> lines) implements RunEvent {
        public Detail {
            lines = List.copyOf(lines);
        }
    }

    /** Something the operator must know. */
    record Warning(String message) implements RunEvent {}

    /** A stage of a run with {@code serial:} starts: it is planned, applied and verified before the next. */
    record StageStarted(int number, int of, String label) implements RunEvent {}

    /** The run is over. */
    record RunFinished(RunReport report) implements RunEvent {}
}

package dev.converge.verify;

import dev.converge.exec.HostSession;
import dev.converge.gather.GatherResult;
import dev.converge.plan.HostPlan;
import dev.converge.plan.Planner;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** What verify needs of the run's hosts: their sessions, their latest reads, and a read of those that lack one. */
public interface HostReads {
    /**
     * Reads {@code toRead} in parallel, then plans every host read so far on its latest read.
     *
     * @param deferral see {@link Planner#planAll(Map, Planner.Deferral)}
     */
    Map<String, HostPlan> planAll(List<String> toRead, Planner planner, ExecutorService pool, Planner.Deferral deferral)
            throws InterruptedException;

    /** Facts read back at the end of apply batches: the hosts' latest state. */
    void remember(Map<String, GatherResult> readBack);

    /** The open session of each host contacted so far. */
    Map<String, HostSession> sessions();
}

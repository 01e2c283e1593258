package dev.converge.report;

import java.util.List;

/**
 * A stage of a run with {@code serial:}: one batch of a play (or the plays without serial: between
 * two such plays), brought to completion before the next one started.
 *
 * @param number its position in the run, from 1
 * @param label which play and batch, with its hosts: {@code play 'upgrade' batch 2/3 (c3, c4)}
 * @param status {@code completed}; {@code stopped} (it failed beyond its play's limit, so the run stopped after it); or {@code not_run}
 * @param message why it stopped, or why it was not run; empty when completed
 */
public record BatchReport(int number, String label, List<String> hosts, String status, String message) {
    public static final String COMPLETED = "completed";
    public static final String STOPPED = "stopped";
    public static final String NOT_RUN = "not_run";

    public BatchReport {
        hosts = List.copyOf(hosts);
        message = message == null ? "" : message;
    }
}

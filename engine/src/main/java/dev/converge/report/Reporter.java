package dev.converge.report;

import java.util.List;

/** Receives the run's events; implementations print, write files or collect. */
public interface Reporter {
    void on(RunEvent event);

    /** Sends every event to each reporter in turn. */
    static Reporter all(List<Reporter> reporters) {
        return event -> reporters.forEach(r -> r.on(event));
    }
}

package dev.converge.report;

import dev.converge.plan.FileDiff;
import dev.converge.secret.Secrets;
import dev.converge.spi.Change;

/**
 * The one place secrets are hidden: every event is rewritten with {@link Secrets} before it
 * reaches the reporters (terminal, JSON, JUnit, HTML), so none of them has to remember.
 */
public final class MaskingReporter implements Reporter {
    private final Secrets secrets;
    private final Reporter next;

    public MaskingReporter(Secrets secrets, Reporter next) {
        this.secrets = secrets;
        this.next = next;
    }

    @Override
    public void on(RunEvent event) {
        next.on(mask(event));
    }

    RunEvent mask(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            return new RunEvent.RunStarted(secrets.mask(s.playbook()), s.hosts(), s.resources(), s.check());
        }
        if (event instanceof RunEvent.HostUnreachable u) {
            return new RunEvent.HostUnreachable(u.host(), secrets.mask(u.message()));
        }
        if (event instanceof RunEvent.BatchStarted b) {
            return new RunEvent.BatchStarted(b.host(), b.ids().stream().map(secrets::mask).toList());
        }
        if (event instanceof RunEvent.ResourceDone d) {
            return new RunEvent.ResourceDone(d.host(), secrets.mask(d.id()), d.status());
        }
        if (event instanceof RunEvent.ResourceFinished f) {
            return new RunEvent.ResourceFinished(f.host(), mask(f.resource()));
        }
        if (event instanceof RunEvent.Warning w) {
            return new RunEvent.Warning(secrets.mask(w.message()));
        }
        if (event instanceof RunEvent.RunFinished r) {
            return new RunEvent.RunFinished(mask(r.report()));
        }
        return event;
    }

    /** The whole report, masked. */
    public RunReport mask(RunReport report) {
        return new RunReport(secrets.mask(report.playbook()), report.check(), report.hosts().stream()
                .map(h -> new HostReport(h.host(), h.unreachable(), h.roundTrips(), h.resources().stream().map(this::mask).toList(),
                        secrets.mask(h.message()), h.durationMs()))
                .toList());
    }

    private ResourceReport mask(ResourceReport r) {
        return new ResourceReport(secrets.mask(r.id()), r.module(), r.status(),
                r.fields().stream().map(f -> new Change.FieldChange(f.name(), secrets.maskField(f.name(), f.before()),
                        secrets.maskField(f.name(), f.after()))).toList(),
                r.diffs().stream().map(d -> new FileDiff(secrets.mask(d.path()), secrets.maskContent(d.unified()))).toList(),
                r.warnings().stream().map(secrets::mask).toList(), secrets.mask(r.message()),
                r.dependsOn().stream().map(d -> new ResourceReport.Dependency(d.host(), secrets.mask(d.id()), d.kind())).toList(),
                r.durationMs());
    }
}

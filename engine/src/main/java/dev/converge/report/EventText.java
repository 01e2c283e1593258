package dev.converge.report;

import dev.converge.plan.FileDiff;
import dev.converge.spi.Change;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Rewrites every string of an event or report with the same functions: the one walk over the
 * event types shared by the masking of secrets ({@link MaskingReporter}) and the neutralising of
 * terminal escapes ({@link TerminalText}), so a new field cannot be forgotten by one of them.
 *
 * @param text free text (ids, messages, warnings, paths)
 * @param content file content and unified diffs
 * @param field a field change's value, given the field's name and the value
 */
record EventText(UnaryOperator<String> text, UnaryOperator<String> content, BinaryOperator<String> field) {

    static EventText all(UnaryOperator<String> each) {
        return new EventText(each, each, (name, value) -> each.apply(value));
    }

    RunEvent rewrite(RunEvent event) {
        if (event instanceof RunEvent.RunStarted s) {
            return new RunEvent.RunStarted(t(s.playbook()), s.hosts(), s.resources(), s.check());
        }
        if (event instanceof RunEvent.HostUnreachable u) {
            return new RunEvent.HostUnreachable(t(u.host()), t(u.message()));
        }
        if (event instanceof RunEvent.HostPlanned p) {
            return new RunEvent.HostPlanned(t(p.host()), p.resources(), p.changes(), p.deferred());
        }
        if (event instanceof RunEvent.BatchStarted b) {
            return new RunEvent.BatchStarted(
                    t(b.host()), b.ids().stream().map(this::t).toList());
        }
        if (event instanceof RunEvent.ResourceDone d) {
            return new RunEvent.ResourceDone(t(d.host()), t(d.id()), d.status());
        }
        if (event instanceof RunEvent.ResourceFinished f) {
            return new RunEvent.ResourceFinished(t(f.host()), rewrite(f.resource()));
        }
        if (event instanceof RunEvent.Detail d) {
            return new RunEvent.Detail(
                    t(d.host()),
                    d.level(),
                    t(d.title()),
                    d.lines().stream().map(this::t).toList());
        }
        if (event instanceof RunEvent.Warning w) {
            return new RunEvent.Warning(t(w.message()));
        }
        if (event instanceof RunEvent.StageStarted s) {
            return new RunEvent.StageStarted(s.number(), s.of(), t(s.label()));
        }
        if (event instanceof RunEvent.RunFinished r) {
            return new RunEvent.RunFinished(rewrite(r.report()));
        }
        return event;
    }

    RunReport rewrite(RunReport report) {
        return new RunReport(
                t(report.playbook()),
                report.check(),
                report.hosts().stream()
                        .map(h -> new HostReport(
                                t(h.host()),
                                h.unreachable(),
                                h.roundTrips(),
                                h.resources().stream().map(this::rewrite).toList(),
                                t(h.message()),
                                h.durationMs()))
                        .toList(),
                rewrite(report.metadata()),
                report.batches().stream()
                        .map(b -> new BatchReport(
                                b.number(),
                                t(b.label()),
                                b.hosts().stream().map(this::t).toList(),
                                b.status(),
                                t(b.message())))
                        .toList());
    }

    RunMetadata rewrite(RunMetadata m) {
        return new RunMetadata(
                t(m.startedAt()),
                t(m.convergeVersion()),
                m.commandLine().stream().map(this::t).toList(),
                m.inventories().stream().map(this::t).toList(),
                t(m.limit()),
                m.tags().stream().map(this::t).toList(),
                m.skipTags().stream().map(this::t).toList(),
                t(m.gitCommit()),
                t(m.inputsDigest()));
    }

    ResourceReport rewrite(ResourceReport r) {
        return new ResourceReport(
                t(r.id()),
                r.module(),
                r.status(),
                r.fields().stream()
                        .map(f -> new Change.FieldChange(
                                t(f.name()), field.apply(f.name(), f.before()), field.apply(f.name(), f.after())))
                        .toList(),
                r.diffs().stream()
                        .map(d -> new FileDiff(t(d.path()), d.unified() == null ? null : content.apply(d.unified())))
                        .toList(),
                r.warnings().stream().map(this::t).toList(),
                t(r.message()),
                r.dependsOn().stream()
                        .map(d -> new ResourceReport.Dependency(t(d.host()), t(d.id()), d.kind()))
                        .toList(),
                r.durationMs(),
                t(r.source()));
    }

    private String t(String s) {
        return s == null ? null : text.apply(s);
    }
}

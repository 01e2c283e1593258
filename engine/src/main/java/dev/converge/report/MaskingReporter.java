package dev.converge.report;

import dev.converge.secret.Secrets;

/**
 * The one place secrets are hidden: every event is rewritten with {@link Secrets} before it
 * reaches the reporters (terminal, JSON, JUnit, HTML), so none of them has to remember.
 */
public final class MaskingReporter implements Reporter {
    private final EventText masking;
    private final Reporter next;

    public MaskingReporter(Secrets secrets, Reporter next) {
        this.masking = new EventText(secrets::mask, secrets::maskContent, secrets::maskField);
        this.next = next;
    }

    @Override
    public void on(RunEvent event) {
        next.on(mask(event));
    }

    RunEvent mask(RunEvent event) {
        return masking.rewrite(event);
    }

    /** The whole report, masked. */
    public RunReport mask(RunReport report) {
        return masking.rewrite(report);
    }
}

package dev.converge.exec;

import dev.converge.gather.GatherResult;
import dev.converge.gather.GatherScript;
import dev.converge.spi.Fact;
import dev.converge.transport.ExecResult;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host's one connection for the whole run, and the round trips made on it: one to gather, one
 * per apply batch (the last of which reads the host back at its end), and one to verify only when
 * that read back could not be made.
 */
public final class HostSession implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> SHELL = List.of("sh", "-s");
    private final String host;
    private final Transport transport;
    private final Duration timeout;
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final int lockWaitSeconds;
    private final int stepTimeoutSeconds;
    private final long maxFileBytes;
    private final SessionEnvironment environment;
    private final List<String> removedLeftovers = new CopyOnWriteArrayList<>();
    private volatile String lastApplyRun;
    private volatile String lastSeenLockRun = "";
    private volatile boolean appliedSinceRead;
    private volatile HostTrace.Sink trace = HostTrace.Sink.NONE;
    private final AtomicInteger batches = new AtomicInteger();

    public HostSession(String host, Transport transport, Duration timeout) {
        this(host, transport, timeout, 0);
    }

    /**
     * @param stepTimeoutSeconds a step of an apply batch that runs longer is stopped on the host and
     *     reported as timed out; 0 derives it from {@code timeout} (what is left after the lock wait)
     */
    public HostSession(String host, Transport transport, Duration timeout, int stepTimeoutSeconds) {
        this(host, transport, timeout, stepTimeoutSeconds, GatherScript.DEFAULT_MAX_FILE_BYTES);
    }

    /** @param maxFileBytes a managed file larger than this is not read: the resources that need it fail, the others go on */
    public HostSession(String host, Transport transport, Duration timeout, int stepTimeoutSeconds, long maxFileBytes) {
        this(host, transport, timeout, stepTimeoutSeconds, maxFileBytes, SessionEnvironment.none());
    }

    /** @param environment what the CLI read from the controller's environment (lock wait, script copies) */
    public HostSession(
            String host,
            Transport transport,
            Duration timeout,
            int stepTimeoutSeconds,
            long maxFileBytes,
            SessionEnvironment environment) {
        this.host = host;
        this.environment = environment;
        this.maxFileBytes = maxFileBytes;
        this.transport = transport;
        this.timeout = timeout;
        long total = Math.max(1, timeout.toSeconds());
        this.lockWaitSeconds =
                (int) Math.min(environment.lockWaitSeconds().orElse(Long.MAX_VALUE), Math.max(1, total / 2));
        this.stepTimeoutSeconds =
                stepTimeoutSeconds > 0 ? stepTimeoutSeconds : (int) Math.max(1, total - lockWaitSeconds - 5);
    }

    /**
     * The run id of the apply that last held this host's lock, as the last gather saw it, when it is
     * another run's than our last apply's; else null. Then another converge run wrote to the host
     * after us, and a change seen on verify is not our module's fault.
     */
    public String otherRunSinceApply() {
        String seen = lastSeenLockRun;
        String ours = lastApplyRun;
        return ours == null || seen.isEmpty() || seen.equals(ours) ? null : seen;
    }

    /** Leftover temp files of interrupted earlier runs removed on this host since the last call. */
    public List<String> drainRemovedLeftovers() {
        List<String> out = List.copyOf(removedLeftovers);
        removedLeftovers.removeAll(out);
        return out;
    }

    public String host() {
        return host;
    }

    /** Where this session tells what it reads, sends and how long each round trip takes (-v, -vv, -vvv). */
    public HostSession tracedTo(HostTrace.Sink sink) {
        this.trace = sink;
        return this;
    }

    public int roundTrips() {
        return roundTrips.get();
    }

    /** Reads every fact (and the host facts) in one round trip. */
    public GatherResult gather(List<Fact> facts) throws TransportException {
        return gather(facts, true);
    }

    /** @param removeLeftovers also remove leftover temp files of interrupted runs (not with --check) */
    public GatherResult gather(List<Fact> facts, boolean removeLeftovers) throws TransportException {
        String nonce = nonce();
        long start = System.nanoTime();
        ExecResult result = run(GatherScript.build(facts, nonce, removeLeftovers, maxFileBytes), "gather script");
        trace.trace(
                host, 2, "timing", List.of("gather (" + facts.size() + " facts): " + HostTrace.msSince(start) + " ms"));
        if (result.exitCode() != 0) {
            throw new TransportException(
                    TransportException.Kind.DISCONNECTED,
                    "reading facts failed (exit " + result.exitCode() + "): "
                            + result.stderrText().strip());
        }
        try {
            GatherResult parsed = GatherResult.parse(facts, nonce, result.stdout());
            removedLeftovers.addAll(parsed.removedLeftovers());
            lastSeenLockRun = parsed.lastLockRun();
            appliedSinceRead = false;
            trace.trace(host, 1, "facts read", HostTrace.facts(facts, parsed));
            return parsed;
        } catch (IllegalStateException e) {
            throw new TransportException(
                    TransportException.Kind.DISCONNECTED,
                    e.getMessage() + ": " + result.stderrText().strip());
        }
    }

    /** Runs a batch of steps in one round trip; the result per step index. */
    BatchResult apply(List<ApplyStep> steps) throws TransportException {
        return apply(steps, null);
    }

    /**
     * Runs a batch of steps and then, in the same round trip, reads {@code readBack} (unless null)
     * as a gather would: what verify and the deferred checks are planned on.
     */
    BatchResult apply(List<ApplyStep> steps, List<Fact> readBack) throws TransportException {
        String nonce = nonce();
        ApplyScript.Built built = ApplyScript.build(
                steps, nonce, new ApplyScript.Settings(lockWaitSeconds, stepTimeoutSeconds, environment.controller()));
        lastApplyRun = nonce;
        String readNonce = readBack == null ? null : nonce();
        byte[] script = readBack == null
                ? built.script()
                : ReadBack.append(built.script(), GatherScript.build(readBack, readNonce, false, maxFileBytes));
        int batch = batches.incrementAndGet();
        trace.trace(host, 1, "apply batch " + batch + ": operations", HostTrace.operations(steps));
        long start = System.nanoTime();
        ExecResult result =
                run(script, "apply batch " + batch + " script" + (readBack == null ? "" : " (with the read back)"));
        trace.trace(
                host,
                2,
                "timing",
                List.of("apply batch " + batch + " (" + steps.size() + " step" + (steps.size() == 1 ? "" : "s")
                        + (readBack == null ? "" : ", with the read back") + "): " + HostTrace.msSince(start) + " ms"));
        appliedSinceRead = true;
        ApplyScript.Parsed parsed = ApplyScript.parseAll(result.stdout(), nonce);
        removedLeftovers.addAll(parsed.removedLeftovers());
        String locked = null;
        if (result.exitCode() == ApplyScript.LOCKED && parsed.steps().isEmpty() && parsed.lockRefused() != null) {
            locked = parsed.lockRefused();
        } else if (result.exitCode() == ApplyScript.LOCKED && parsed.steps().isEmpty()) {
            locked = "another converge run holds the host lock ("
                    + (parsed.lockedBy() == null || parsed.lockedBy().isEmpty() ? "holder unknown" : parsed.lockedBy())
                    + "); waited " + lockWaitSeconds
                    + " s (CONVERGE_LOCK_WAIT) and changed nothing; run again when it has finished";
        }
        GatherResult read =
                readBack == null || locked != null ? null : ReadBack.parse(readBack, readNonce, result.stdout());
        if (read != null) {
            lastSeenLockRun = read.lastLockRun();
            appliedSinceRead = false;
        }
        return new BatchResult(parsed.steps(), result.stderrText(), locked, read);
    }

    /** Whether something was applied here since the host was last read. */
    public boolean appliedSinceRead() {
        return appliedSinceRead;
    }

    /**
     * @param locked why the batch did not run at all because another run held the host lock, else null
     * @param readBack the facts read at the end of the batch, null when none were asked for or the read failed
     */
    record BatchResult(Map<Integer, StepResult> steps, String stderr, String locked, GatherResult readBack) {}

    private ExecResult run(byte[] script, String title) throws TransportException {
        int n = roundTrips.incrementAndGet();
        debugCopy(script, n);
        trace.trace(host, 3, title, HostTrace.script(script));
        return transport.exec(SHELL, script, timeout);
    }

    /** A copy of a script sent to the host, when {@link SessionEnvironment#scriptCopies} asks for one. */
    private void debugCopy(byte[] script, int n) {
        if (environment.scriptCopies().isEmpty()) {
            return;
        }
        try {
            Files.write(environment.scriptCopies().get().resolve(host + "-" + n + ".sh"), script);
        } catch (IOException | RuntimeException e) {
            // a debugging aid must never fail the run
        }
    }

    private static String nonce() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        transport.close();
    }
}

package dev.converge.exec;

import dev.converge.gather.GatherResult;
import dev.converge.gather.GatherScript;
import dev.converge.spi.Fact;
import dev.converge.transport.ExecResult;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A host's one connection for the whole run, and the round trips made on it: one to gather,
 * one per apply batch, one to verify.
 */
public final class HostSession implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> SHELL = List.of("sh", "-s");
    private final String host;
    private final Transport transport;
    private final Duration timeout;
    private final AtomicInteger roundTrips = new AtomicInteger();

    public HostSession(String host, Transport transport, Duration timeout) {
        this.host = host;
        this.transport = transport;
        this.timeout = timeout;
    }

    public String host() {
        return host;
    }

    public int roundTrips() {
        return roundTrips.get();
    }

    /** Reads every fact (and the host facts) in one round trip. */
    public GatherResult gather(List<Fact> facts) throws TransportException {
        String nonce = nonce();
        ExecResult result = run(GatherScript.build(facts, nonce));
        if (result.exitCode() != 0) {
            throw new TransportException(TransportException.Kind.DISCONNECTED,
                    "reading facts failed (exit " + result.exitCode() + "): " + result.stderrText().strip());
        }
        try {
            return GatherResult.parse(facts, nonce, result.stdout());
        } catch (IllegalStateException e) {
            throw new TransportException(TransportException.Kind.DISCONNECTED, e.getMessage() + ": " + result.stderrText().strip());
        }
    }

    /** Runs a batch of steps in one round trip; the result per step index, and merged writes. */
    BatchResult apply(List<ApplyStep> steps) throws TransportException {
        String nonce = nonce();
        ApplyScript.Built built = ApplyScript.build(steps, nonce);
        ExecResult result = run(built.script());
        return new BatchResult(ApplyScript.parse(result.stdout(), nonce), built.mergedInto(), result.stderrText());
    }

    record BatchResult(Map<Integer, StepResult> steps, Map<Integer, Integer> mergedInto, String stderr) {}

    private ExecResult run(byte[] script) throws TransportException {
        roundTrips.incrementAndGet();
        return transport.exec(SHELL, script, timeout);
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

package dev.converge.exec;

import dev.converge.gather.GatherResult;
import dev.converge.spi.Fact;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A gather composed onto the end of an apply batch, so the host is read back in the same round
 * trip. It runs in a subshell of its own, after the apply script has finished (and released the
 * host lock); a subshell is parsed whole before it runs, so a read cut short in transit runs
 * nothing, and then verify reads the host in a round trip of its own.
 */
final class ReadBack {
    private ReadBack() {}

    static byte[] append(byte[] applyScript, byte[] gatherScript) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(applyScript.length + gatherScript.length + 8);
        out.writeBytes(applyScript);
        out.writeBytes("\n(\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(gatherScript);
        out.writeBytes("\n)\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The facts read back, or null when the read did not run or its output is incomplete. */
    static GatherResult parse(List<Fact> facts, String nonce, byte[] stdout) {
        try {
            return GatherResult.parse(facts, nonce, stdout);
        } catch (IllegalStateException e) {
            return null;
        }
    }
}

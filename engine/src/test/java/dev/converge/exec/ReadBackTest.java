package dev.converge.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.spi.Fact;
import dev.converge.spi.FileDigest;
import dev.converge.spi.Operation;
import dev.converge.transport.ExecResult;
import dev.converge.transport.LocalTransport;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An apply batch reads the host back at its end, in the same round trip; a read cut short leaves the host to verify's own read. */
class ReadBackTest {
    @TempDir
    Path dir;

    private List<ApplyStep> write(Path file) {
        return List.of(new ApplyStep(
                new NodeKey("localhost", "w"),
                List.of(new Operation.WriteFile(
                        file.toString(),
                        "new\n".getBytes(StandardCharsets.UTF_8),
                        "0600",
                        "",
                        "",
                        FileDigest.ABSENT,
                        false,
                        false)),
                List.of()));
    }

    @Test
    void theBatchReadsBackWhatItWroteInTheSameRoundTrip() throws Exception {
        Path file = dir.resolve("f");
        Fact.FileRead fact = new Fact.FileRead(file.toString());
        HostSession session = new HostSession("localhost", new LocalTransport(), Duration.ofSeconds(30));

        HostSession.BatchResult result = session.apply(write(file), List.of(fact));

        assertThat(result.steps().get(0).succeeded()).isTrue();
        assertThat(result.readBack()).isNotNull();
        assertThat(result.readBack().file(fact).content()).isEqualTo("new\n".getBytes(StandardCharsets.UTF_8));
        assertThat(result.readBack().file(fact).mode()).isEqualTo("0600");
        assertThat(session.roundTrips()).isEqualTo(1);
        assertThat(session.appliedSinceRead())
                .as("the read back counts as a read")
                .isFalse();
    }

    @Test
    void aReadBackCutShortIsNoReadAndTheHostIsLeftToVerify() throws Exception {
        Path file = dir.resolve("f");
        Transport cut = new Transport() {
            private final LocalTransport local = new LocalTransport();

            @Override
            public ExecResult exec(List<String> argv, byte[] stdin, Duration timeout) throws TransportException {
                ExecResult whole = local.exec(argv, stdin, timeout);
                byte[] out = whole.stdout();
                return new ExecResult(whole.exitCode(), Arrays.copyOf(out, out.length - 40), whole.stderr());
            }

            @Override
            public void close() {
                local.close();
            }
        };
        HostSession session = new HostSession("localhost", cut, Duration.ofSeconds(30));

        HostSession.BatchResult result = session.apply(write(file), List.of(new Fact.FileRead(file.toString())));

        assertThat(result.steps().get(0).succeeded())
                .as("the batch's own report came through")
                .isTrue();
        assertThat(result.readBack()).isNull();
        assertThat(session.appliedSinceRead()).isTrue();
    }

    @Test
    void withoutFactsToReadTheBatchIsTheApplyScriptAlone() throws Exception {
        HostSession session = new HostSession("localhost", new LocalTransport(), Duration.ofSeconds(30));
        HostSession.BatchResult result = session.apply(write(dir.resolve("g")), null);
        assertThat(result.readBack()).isNull();
        assertThat(session.appliedSinceRead()).isTrue();
    }
}

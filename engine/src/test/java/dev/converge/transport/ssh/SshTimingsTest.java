package dev.converge.transport.ssh;

import dev.converge.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a test but a measurement (run with {@code -Dconverge.measure=true -Dtest=SshTimingsTest}):
 * connect + auth, one exec and close against a real local sshd, min/median/max in ms. Writes its
 * numbers to {@code target/ssh-timings.txt}.
 */
@EnabledIfSystemProperty(named = "converge.measure", matches = "true")
class SshTimingsTest {
    private static final int RUNS = 15;

    @Test
    void measure() throws Exception {
        Path home = Files.createTempDirectory("converge-timings");
        KeyPair user = TestKeys.ed25519();
        try (RealSshd sshd = RealSshd.start(home, List.of(TestKeys.ed25519()), user.getPublic())) {
            Path key = TestKeys.write(user, home.resolve("id"));
            Path hosts = Files.writeString(
                    home.resolve("known_hosts"),
                    TestKeys.knownHostsLine(sshd.port(), sshd.hostKeys().get(0)) + "\n");
            List<Long> connect = new ArrayList<>();
            List<Long> exec = new ArrayList<>();
            List<Long> close = new ArrayList<>();
            List<Long> secondExec = new ArrayList<>();
            long firstOpen = 0;
            try (DefaultTransports transports = new DefaultTransports(name -> null, home)) {
                for (int i = 0; i < RUNS; i++) {
                    long t0 = System.nanoTime();
                    Transport t = transports.open(Specs.ssh(sshd.port(), key, hosts));
                    long t1 = System.nanoTime();
                    t.exec(List.of("true"), new byte[0], Duration.ofSeconds(10));
                    long t2 = System.nanoTime();
                    t.exec(List.of("true"), new byte[0], Duration.ofSeconds(10));
                    long t3 = System.nanoTime();
                    t.close();
                    long t4 = System.nanoTime();
                    if (i == 0) {
                        firstOpen = (t1 - t0) / 1_000_000;
                        continue;
                    }
                    connect.add((t1 - t0) / 1_000_000);
                    exec.add((t2 - t1) / 1_000_000);
                    secondExec.add((t3 - t2) / 1_000_000);
                    close.add((t4 - t3) / 1_000_000);
                }
            }
            String report =
                    "first open in this JVM (client start, class loading, connect, auth): " + firstOpen + " ms\n"
                            + "warm connect+host key+auth: " + stats(connect) + "\n"
                            + "first exec `true` on the connection: " + stats(exec) + "\n"
                            + "second exec `true`: " + stats(secondExec) + "\n"
                            + "close: " + stats(close) + "\n";
            Files.writeString(Path.of("target", "ssh-timings.txt"), report);
        }
    }

    private static String stats(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(0) + " / " + sorted.get(sorted.size() / 2) + " / " + sorted.get(sorted.size() - 1)
                + " ms (min/median/max, n=" + sorted.size() + ")";
    }
}

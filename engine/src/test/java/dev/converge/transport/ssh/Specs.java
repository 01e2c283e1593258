package dev.converge.transport.ssh;

import dev.converge.transport.ConnectionSpec;
import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Connection specs for tests: loopback only. */
final class Specs {
    private Specs() {}

    static ConnectionSpec ssh(int port, Path key, Path knownHosts) {
        return ssh(port, key, knownHosts, HostKeyChecking.STRICT, List.of(), false);
    }

    static ConnectionSpec ssh(int port, Path key, Path knownHosts, HostKeyChecking checking) {
        return ssh(port, key, knownHosts, checking, List.of(), false);
    }

    static ConnectionSpec ssh(
            int port, Path key, Path knownHosts, HostKeyChecking checking, List<String> jumps, boolean become) {
        return new ConnectionSpec(
                "test",
                "ssh",
                "127.0.0.1",
                port,
                System.getProperty("user.name"),
                key == null ? List.of() : List.of(key),
                knownHosts,
                checking,
                jumps,
                become,
                "root",
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofSeconds(15));
    }

    static ConnectionSpec local() {
        return new ConnectionSpec(
                "local",
                "local",
                "localhost",
                0,
                System.getProperty("user.name"),
                List.of(),
                null,
                HostKeyChecking.STRICT,
                List.of(),
                false,
                null,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                null);
    }
}

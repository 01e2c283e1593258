package dev.converge.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one host, resolved from the inventory ({@code ansible_*} variables) and the CLI.
 *
 * @param name the inventory name
 * @param connection {@code ssh} or {@code local}
 * @param address host name or IP to connect to
 * @param privateKeys key files to offer, in order (empty: the user's default keys)
 * @param knownHosts the known_hosts file to check host keys against
 * @param proxyJump jump hosts, outermost first, each {@code [user@]host[:port]}
 * @param become run commands through {@code sudo -n -u becomeUser}
 */
public record ConnectionSpec(
        String name,
        String connection,
        String address,
        int port,
        String user,
        List<Path> privateKeys,
        Path knownHosts,
        HostKeyChecking hostKeyChecking,
        List<String> proxyJump,
        boolean become,
        String becomeUser,
        Duration connectTimeout,
        Duration commandTimeout,
        Duration keepAlive) {

    public ConnectionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(address, "address");
        privateKeys = List.copyOf(privateKeys);
        proxyJump = List.copyOf(proxyJump);
        Objects.requireNonNull(hostKeyChecking, "hostKeyChecking");
    }

    public boolean isLocal() {
        return connection.equals("local");
    }

    public Optional<Path> knownHostsFile() {
        return Optional.ofNullable(knownHosts);
    }

    /** How strictly host keys are checked. */
    public enum HostKeyChecking {
        /** Unknown and changed keys are refused (the default). */
        STRICT,
        /** Unknown keys are recorded; changed keys are still refused. */
        ACCEPT_NEW,
        /** Keys are not checked at all (named explicitly, warned about). */
        OFF
    }
}

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
 * @param becomePassword sudo's password for the connecting user (-K, {@code ansible_become_password}):
 *     when sudo asks for one, it is written on the command's standard input ({@code sudo -S}), never
 *     in an argument or a script; null: sudo must not ask
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
        Duration keepAlive,
        String becomePassword) {

    public ConnectionSpec(
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
        this(
                name,
                connection,
                address,
                port,
                user,
                privateKeys,
                knownHosts,
                hostKeyChecking,
                proxyJump,
                become,
                becomeUser,
                connectTimeout,
                commandTimeout,
                keepAlive,
                null);
    }

    /** Never the become password: a spec may end up in a message. */
    @Override
    public String toString() {
        return "ConnectionSpec[" + name + " " + connection + " " + user + "@" + address + ":" + port
                + (become ? " become " + becomeUser : "") + (becomePassword == null ? "" : " (become password given)")
                + "]";
    }

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

package dev.converge.transport.ssh;

import dev.converge.transport.ConnectionSpec.HostKeyChecking;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

/**
 * Checks a server's host key against an OpenSSH known_hosts file (plain and hashed entries) under
 * one {@link HostKeyChecking} mode, and explains every refusal in words a user can act on.
 *
 * <p>A host that has entries in the file, but none with the key type the server presented, is
 * treated as changed (not as new): the client offers the recorded types first (see
 * {@link #recordedKeyTypes}), so a genuine server picks one of them.
 */
final class KnownHostsPolicy {
    private static final Object APPEND_LOCK = new Object();

    private final Path file;
    private final HostKeyChecking mode;

    KnownHostsPolicy(Path file, HostKeyChecking mode) {
        this.file = file;
        this.mode = mode;
    }

    /** The outcome of a check: accepted, or refused with a message. */
    record Verdict(boolean accepted, String refusal) {
        static final Verdict ACCEPT = new Verdict(true, null);

        static Verdict refuse(String message) {
            return new Verdict(false, message);
        }
    }

    Path file() {
        return file;
    }

    /** Key types (e.g. {@code ssh-ed25519}) recorded for this host, in file order. */
    Set<String> recordedKeyTypes(String host, int port) {
        Set<String> types = new LinkedHashSet<>();
        for (KnownHostEntry entry : entries(host, port)) {
            if (entry.getMarker() == null) {
                types.add(entry.getKeyEntry().getKeyType());
            }
        }
        return types;
    }

    /** Checks the key {@code host:port} presented; with ACCEPT_NEW, records a new host's key. */
    Verdict check(String host, int port, PublicKey key) {
        if (mode == HostKeyChecking.OFF) {
            return Verdict.ACCEPT;
        }
        String type = KeyUtils.getKeyType(key);
        List<KnownHostEntry> entries = entries(host, port);
        for (KnownHostEntry entry : entries) {
            PublicKey known = resolve(entry);
            if (known != null && isRevoked(entry) && KeyUtils.compareKeys(known, key)) {
                return Verdict.refuse("the host key of " + display(host, port) + " (" + describe(key)
                        + ") is marked @revoked in " + file + "; nothing was run");
            }
        }
        List<PublicKey> recorded = new ArrayList<>();
        for (KnownHostEntry entry : entries) {
            PublicKey known = resolve(entry);
            if (known != null && entry.getMarker() == null) {
                if (KeyUtils.compareKeys(known, key)) {
                    return Verdict.ACCEPT;
                }
                recorded.add(known);
            }
        }
        if (!recorded.isEmpty()) {
            return Verdict.refuse(changedMessage(host, port, key, type, recorded));
        }
        if (mode == HostKeyChecking.ACCEPT_NEW) {
            return record(host, port, key);
        }
        return Verdict.refuse("the host key of " + display(host, port) + " is not known (" + describe(key)
                + " is not in " + file + "); nothing was run. If that fingerprint is right, accept it with"
                + " `ssh-keyscan -H" + (port == 22 ? "" : " -p " + port) + " " + host + " >> " + file
                + "` or run with --host-key-checking accept-new");
    }

    private String changedMessage(String host, int port, PublicKey key, String type, List<PublicKey> recorded) {
        String expected = recorded.stream().map(KnownHostsPolicy::describe).collect(Collectors.joining(", "));
        boolean sameType = recorded.stream().anyMatch(k -> type.equals(KeyUtils.getKeyType(k)));
        return "@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for " + display(host, port) + " @@@ "
                + "expected " + expected + " (from " + file + "), but the host presented " + describe(key)
                + (sameType ? "" : " (a key type not recorded for this host)")
                + ". Someone could be intercepting the connection, or the host was reinstalled. Nothing was run."
                + " If the change is expected, remove the old entry with `ssh-keygen -R '" + pattern(host, port)
                + "' -f " + file + "` and accept the new key";
    }

    private Verdict record(String host, int port, PublicKey key) {
        String line = pattern(host, port) + " " + PublicKeyEntry.toString(key) + "\n";
        synchronized (APPEND_LOCK) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                if (Files.exists(file) && Files.size(file) > 0 && !endsWithNewline()) {
                    line = "\n" + line;
                }
                Files.writeString(
                        file,
                        line,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE);
                return Verdict.ACCEPT;
            } catch (IOException e) {
                return Verdict.refuse("cannot record the new host key of " + display(host, port) + " in " + file + ": "
                        + e.getMessage());
            }
        }
    }

    private boolean endsWithNewline() throws IOException {
        byte[] content = Files.readAllBytes(file);
        return content[content.length - 1] == '\n';
    }

    private static boolean isRevoked(KnownHostEntry entry) {
        String marker = entry.getMarker();
        return marker != null && (marker.equals("revoked") || marker.equals("@revoked"));
    }

    private List<KnownHostEntry> entries(String host, int port) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return KnownHostEntry.readKnownHostEntries(file).stream()
                    .filter(e -> e.getKeyEntry() != null && e.isHostMatch(host, port))
                    .toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static PublicKey resolve(KnownHostEntry entry) {
        try {
            return entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    /** {@code type SHA256:...}. */
    static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }

    /** The host as known_hosts writes it: {@code host} on port 22, else {@code [host]:port}. */
    static String pattern(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    private static String display(String host, int port) {
        return host + ":" + port;
    }
}

package dev.converge.transport.ssh;

import dev.converge.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Loads OpenSSH private keys (ed25519, ECDSA, RSA) for connections. Each file is read and decoded
 * once per run, however many hosts use it (decoding an ed25519 key costs as much CPU as a key
 * exchange); a file that fails is tried again for the next host. The passphrase, if any,
 * comes from the environment variable {@value #PASSPHRASE_ENV} and is never logged or put in a
 * message.
 */
final class PrivateKeys {
    /** The environment variable holding the passphrase of encrypted keys. */
    static final String PASSPHRASE_ENV = "CONVERGE_SSH_PASSPHRASE";

    private static final List<String> DEFAULT_NAMES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final Function<String, String> environment;
    private final Path home;
    private final Map<Path, List<KeyPair>> loaded = new ConcurrentHashMap<>();
    private final Map<Path, Object> loading = new ConcurrentHashMap<>();

    PrivateKeys(Function<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    /** Key files to offer: the listed ones, or else the user's default keys that exist. */
    List<Path> candidates(List<Path> listed) {
        if (!listed.isEmpty()) {
            return listed;
        }
        return DEFAULT_NAMES.stream()
                .map(name -> home.resolve(".ssh").resolve(name))
                .filter(Files::isRegularFile)
                .toList();
    }

    /**
     * Loads every key in {@code files}.
     *
     * @throws TransportException (AUTHENTICATION) naming the file when one cannot be read or decrypted
     */
    List<KeyPair> load(List<Path> files, String target) throws TransportException {
        String passphrase = environment.apply(PASSPHRASE_ENV);
        FilePasswordProvider passwords =
                passphrase == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase);
        List<KeyPair> keys = new ArrayList<>();
        for (Path file : files) {
            try {
                keys.addAll(loadOnce(file.toAbsolutePath(), passwords));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                String hint = passphrase == null
                        ? " (if it is encrypted, put its passphrase in " + PASSPHRASE_ENV + ")"
                        : " (is the passphrase in " + PASSPHRASE_ENV + " right?)";
                throw new TransportException(
                        TransportException.Kind.AUTHENTICATION,
                        "cannot load private key " + file + " for " + target + ": " + safeMessage(e) + hint,
                        e);
            }
        }
        return keys;
    }

    private List<KeyPair> loadOnce(Path file, FilePasswordProvider passwords)
            throws IOException, GeneralSecurityException {
        synchronized (loading.computeIfAbsent(file, f -> new Object())) {
            List<KeyPair> known = loaded.get(file);
            if (known != null) {
                return known;
            }
            List<KeyPair> keys = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file)) {
                Iterable<KeyPair> read =
                        SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, passwords);
                if (read != null) {
                    read.forEach(keys::add);
                }
            }
            loaded.put(file, List.copyOf(keys));
            return keys;
        }
    }

    private static String safeMessage(Exception e) {
        return Stream.of(e.getMessage(), e.getClass().getSimpleName())
                .filter(m -> m != null && !m.isBlank())
                .findFirst()
                .orElse("unreadable");
    }
}

package dev.converge.transport.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/** Key pairs, OpenSSH key files and known_hosts lines for tests. */
final class TestKeys {
    private TestKeys() {}

    static KeyPair ed25519() {
        return generate("ssh-ed25519", 256);
    }

    static KeyPair ecdsa() {
        return generate("ecdsa-sha2-nistp256", 256);
    }

    private static KeyPair rsa;

    /** One RSA key per test JVM: generating 2048-bit keys is slow. */
    static synchronized KeyPair rsa() {
        if (rsa == null) {
            rsa = generate("ssh-rsa", 2048);
        }
        return rsa;
    }

    private static KeyPair generate(String type, int bits) {
        try {
            return KeyUtils.generateKeyPair(type, bits);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes an OpenSSH private key file (mode 600), encrypted when a passphrase is given. */
    static Path write(KeyPair key, Path file, String passphrase) throws IOException {
        OpenSSHKeyEncryptionContext encryption = null;
        if (passphrase != null) {
            encryption = new OpenSSHKeyEncryptionContext();
            encryption.setCipherName("AES");
            encryption.setCipherMode("CTR");
            encryption.setCipherType("256");
            encryption.setPassword(passphrase);
            encryption.setKdfRounds(2);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "converge-test", encryption, out);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    static Path write(KeyPair key, Path file) throws IOException {
        return write(key, file, null);
    }

    static String publicLine(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    /** {@code [127.0.0.1]:port type base64}. */
    static String knownHostsLine(int port, PublicKey key) {
        return "[127.0.0.1]:" + port + " " + publicLine(key);
    }

    /** A hashed entry as {@code ssh-keygen -H} writes it: {@code |1|salt|HMAC-SHA1(salt, host)}. */
    static String hashedKnownHostsLine(int port, PublicKey key) throws GeneralSecurityException {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(("[127.0.0.1]:" + port).getBytes(StandardCharsets.UTF_8));
        Base64.Encoder b64 = Base64.getEncoder();
        return "|1|" + b64.encodeToString(salt) + "|" + b64.encodeToString(hash) + " " + publicLine(key);
    }

    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(key);
    }
}

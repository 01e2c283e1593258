package dev.converge.secret.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultPasswordsTest {
    @TempDir
    Path dir;

    private static String text(VaultPassword p) {
        return p.label() + "=" + new String(p.password(), StandardCharsets.UTF_8);
    }

    @Test
    void filesScriptsVaultIdsAndThePromptInOrder() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "  from-file \n");
        Path script = Files.writeString(dir.resolve("pw.sh"), "#!/bin/sh\necho from-script\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        Path client = Files.writeString(dir.resolve("vault-client.py"), "#!/bin/sh\necho \"asked-$2\"\n");
        Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rwx------"));
        List<VaultPassword> read = VaultPasswords.read(
                List.of(file),
                List.of("prod@" + script, "dev@prompt", "stage@" + client),
                true,
                Optional.of("/ignored/when/options/give/one"),
                q -> Optional.of(("typed-" + q.length()).toCharArray()));
        assertThat(read)
                .extracting(VaultPasswordsTest::text)
                .containsExactly(
                        "prod=from-script",
                        "dev=typed-22",
                        "stage=asked-stage",
                        "default=from-file",
                        "default=typed-16");
    }

    @Test
    void theEnvironmentFileIsUsedWhenNoOptionGivesOne() throws Exception {
        Path file = Files.writeString(dir.resolve("env-pw"), "from-env\n");
        assertThat(VaultPasswords.read(
                        List.of(), List.of(), false, Optional.of(file.toString()), q -> Optional.empty()))
                .extracting(VaultPasswordsTest::text)
                .containsExactly("default=from-env");
    }

    @Test
    void clearErrorsForAMissingFileAnEmptyPasswordAndNoTerminal() throws Exception {
        assertThatThrownBy(() -> VaultPasswords.read(
                        List.of(dir.resolve("missing")), List.of(), false, Optional.empty(), q -> Optional.empty()))
                .hasMessageContaining("vault password file " + dir.resolve("missing") + " not found");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() ->
                        VaultPasswords.read(List.of(empty), List.of(), false, Optional.empty(), q -> Optional.empty()))
                .hasMessageContaining("is empty");
        assertThatThrownBy(
                        () -> VaultPasswords.read(List.of(), List.of(), true, Optional.empty(), q -> Optional.empty()))
                .hasMessageContaining("need a terminal");
    }
}

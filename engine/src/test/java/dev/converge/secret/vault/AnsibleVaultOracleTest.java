package dev.converge.secret.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.config.RunInputs;
import dev.converge.config.YamlReader;
import dev.converge.diag.Problems;
import dev.converge.model.YamlValue;
import dev.converge.testing.AnsibleCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ansible-vault} (ansible-core, installed by bin/prepare) is the oracle: what it
 * encrypts converge decrypts to the same bytes, and what converge encrypts it opens.
 */
class AnsibleVaultOracleTest {
    private static final String PASSWORD = "correct hörse battery";
    private static final String PLAIN = "db_pass: \"s3cr&t Ω\"\nkeys:\n  - |\n    -----BEGIN KEY-----\n    abc\n";

    @TempDir
    Path dir;

    Path passwordFile;

    @BeforeEach
    void setUp() throws IOException {
        passwordFile = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
    }

    private String ansibleVault(String... args) throws Exception {
        return AnsibleCli.vault(dir, args);
    }

    @Test
    void filesEncryptedByAnsibleVaultDecryptToTheSameBytes() throws Exception {
        Path v11 = Files.writeString(dir.resolve("v11.yml"), PLAIN);
        Path v12 = Files.writeString(dir.resolve("v12.yml"), PLAIN);
        ansibleVault("encrypt", "--vault-password-file", passwordFile.toString(), v11.toString());
        ansibleVault("encrypt", "--vault-id", "prod@" + passwordFile, v12.toString());
        String text11 = Files.readString(v11);
        String text12 = Files.readString(v12);
        assertThat(text11).startsWith("$ANSIBLE_VAULT;1.1;AES256\n");
        assertThat(AnsibleVault.header(text12)).isEqualTo(new AnsibleVault.Header("1.2", Optional.of("prod")));
        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
        assertThat(AnsibleVault.decrypt(text11, password)).isEqualTo(PLAIN.getBytes(StandardCharsets.UTF_8));
        assertThat(AnsibleVault.decrypt(text12, password)).isEqualTo(PLAIN.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> AnsibleVault.decrypt(text11, "wrong".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("wrong vault password");
    }

    @Test
    void filesEncryptedByConvergeOpenWithAnsibleVault() throws Exception {
        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
        Path v11 = Files.writeString(
                dir.resolve("c11.yml"),
                AnsibleVault.encrypt(PLAIN.getBytes(StandardCharsets.UTF_8), password, Optional.empty()));
        Path v12 = Files.writeString(
                dir.resolve("c12.yml"),
                AnsibleVault.encrypt(PLAIN.getBytes(StandardCharsets.UTF_8), password, Optional.of("prod")));
        assertThat(ansibleVault("view", "--vault-password-file", passwordFile.toString(), v11.toString()))
                .isEqualTo(PLAIN);
        assertThat(ansibleVault("view", "--vault-id", "prod@" + passwordFile, v12.toString()))
                .isEqualTo(PLAIN);
    }

    @Test
    void inlineVaultValuesFromEncryptStringAreDecryptedByTheYamlReaderAndAreSecrets() throws Exception {
        String inline =
                ansibleVault("encrypt_string", "--vault-id", "prod@" + passwordFile, "--name", "db_pass", "p@ss/w0rd");
        Path vars = Files.writeString(dir.resolve("vars.yml"), "user: nova\n" + inline);
        Problems problems = new Problems();
        RunInputs inputs = RunInputs.of(
                List.of(new VaultPassword("prod", passwordFile.toString(), PASSWORD.getBytes(StandardCharsets.UTF_8))),
                name -> null);
        YamlValue value = YamlReader.read(vars, inputs, problems).orElseThrow();
        assertThat(problems.list()).isEmpty();
        assertThat(value.plain()).isEqualTo(Map.of("user", "nova", "db_pass", "p@ss/w0rd"));
        assertThat(inputs.vault().revealed()).containsExactly("p@ss/w0rd");
    }

    @Test
    void aWholeVaultFileWithAWrongPasswordIsAProblemNamingTheFile() throws Exception {
        Path vars = Files.writeString(dir.resolve("secrets.yml"), PLAIN);
        ansibleVault("encrypt", "--vault-password-file", passwordFile.toString(), vars.toString());
        Problems problems = new Problems();
        RunInputs wrong = RunInputs.of(
                List.of(new VaultPassword("default", "/etc/other-pw", "nope".getBytes(StandardCharsets.UTF_8))),
                name -> null);
        assertThat(YamlReader.read(vars, wrong, problems)).isEmpty();
        assertThat(problems.list())
                .singleElement()
                .satisfies(p -> assertThat(p.render())
                        .contains(
                                vars.toString(),
                                "vault file: cannot decrypt: wrong vault password (tried /etc/other-pw)",
                                "hint:"));
        Problems none = new Problems();
        assertThat(YamlReader.read(vars, RunInputs.none(), none)).isEmpty();
        assertThat(none.list())
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("no vault password was given"));
    }
}

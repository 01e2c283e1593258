package dev.converge.secret.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import dev.converge.testing.AnsibleCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code converge vault}: what it writes, ansible-vault opens, and the other way round. */
class VaultCommandTest {
    @TempDir
    Path dir;

    private record Result(int exit, String out, String err) {}

    private Result converge(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String ansibleVault(String... args) throws Exception {
        return AnsibleCli.vault(dir, args);
    }

    @Test
    void encryptThenAnsibleVaultViewsThenConvergeDecrypts() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "pw-1\n");
        Path file = Files.writeString(dir.resolve("vault.yml"), "db_pass: s3cret\n");
        assertThat(converge("vault", "encrypt", "--vault-id", "prod@" + pw, file.toString())
                        .exit())
                .isZero();
        assertThat(Files.readString(file)).startsWith("$ANSIBLE_VAULT;1.2;AES256;prod\n");
        assertThat(ansibleVault("view", "--vault-id", "prod@" + pw, file.toString()))
                .isEqualTo("db_pass: s3cret\n");
        assertThat(converge("vault", "view", "--vault-password-file", pw.toString(), file.toString())
                        .out())
                .isEqualTo("db_pass: s3cret\n");
        Result again = converge("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString());
        assertThat(again.exit()).isEqualTo(3);
        assertThat(again.err()).contains(file + ": already encrypted");
        assertThat(converge("vault", "decrypt", "--vault-password-file", pw.toString(), file.toString())
                        .exit())
                .isZero();
        assertThat(file).content().isEqualTo("db_pass: s3cret\n");
    }

    @Test
    void encryptStringGivesYamlThatAnsibleReads() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "pw-2\n");
        Result r = converge(
                "vault", "encrypt-string", "--vault-password-file", pw.toString(), "--name", "db_pass", "p@ss w0rd");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("db_pass: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n");
        Path vars = Files.writeString(dir.resolve("vars.yml"), r.out());
        String debug = AnsibleCli.run(
                dir,
                List.of(
                        AnsibleCli.ANSIBLE.toString(),
                        "localhost",
                        "-c",
                        "local",
                        "-m",
                        "debug",
                        "-a",
                        "var=db_pass",
                        "-e",
                        "@" + vars,
                        "--vault-password-file",
                        pw.toString()));
        assertThat(debug).contains("\"db_pass\": \"p@ss w0rd\"");
    }

    @Test
    void aWrongPasswordIsExit3NamingTheFile() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "right\n");
        Path wrong = Files.writeString(dir.resolve("wrong"), "wrong\n");
        Path file = Files.writeString(dir.resolve("v.yml"), "a: b\n");
        ansibleVault("encrypt", "--vault-password-file", pw.toString(), file.toString());
        Result r = converge("vault", "view", "--vault-password-file", wrong.toString(), file.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains(file + ": cannot decrypt: wrong vault password (tried " + wrong + ")");
    }

    @Test
    void askVaultPassWithoutATerminalIsExit3SayingWhatToUseInstead() throws Exception {
        Path playbook = Files.writeString(dir.resolve("p.yml"), "- hosts: all\n  resources: []\n");
        Result r = converge("--ask-vault-pass", "--graph", dir.resolve("g.dot").toString(), playbook.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err())
                .contains(
                        "<command line>:1:1: error: --ask-vault-pass/--vault-id default@prompt need a terminal",
                        "use --vault-password-file FILE");
    }
}

package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import dev.converge.testing.Golden;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code blockinfile} through the CLI on the local transport: {@code --check --diff} shows the
 * unified diff (golden) and touches nothing, a run writes it, a second run changes nothing, and a
 * secret in the block is in the file only.
 */
class BlockInFileRunTest {
    private static final String CANARY = "BLOCK-C4NARY-9d21";
    private static final String SSHD = "Include /etc/ssh/sshd_config.d/*.conf\n"
            + "#PermitRootLogin prohibit-password\n"
            + "PasswordAuthentication yes\n"
            + "Subsystem\tsftp\t/usr/lib/openssh/sftp-server\n";

    @TempDir
    Path dir;

    Path inventory;
    Path playbook;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    h1: {ansible_connection: local}
                  vars:
                    base: %s/host
                """.formatted(dir));
        config = Files.writeString(Files.createDirectories(dir.resolve("host")).resolve("sshd_config"), SSHD);
        playbook = Files.writeString(dir.resolve("site.yml"), """
                secrets: [token]
                vars: {token: %s}
                plays:
                  - hosts: all
                    resources:
                      - id: backup-match
                        blockinfile:
                          path: ${base}/sshd_config
                          insertbefore: '^Subsystem'
                          block: |
                            Match User backup
                                PasswordAuthentication no
                            # token ${token}
                """.formatted(CANARY));
    }

    private record Outputs(int exit, String stdout, String stderr) {}

    private Outputs run(String... flags) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-i", inventory.toString(), "--no-color"));
        args.addAll(List.of(flags));
        args.add(playbook.toString());
        int exit = Main.run(
                new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8),
                args.toArray(String[]::new));
        return new Outputs(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkShowsTheUnifiedDiffThenARunWritesItOnce() throws Exception {
        Outputs check = run("--check", "--diff", "--detailed-exitcode");
        assertThat(check.exit()).as(check.stderr() + check.stdout()).isEqualTo(2);
        assertThat(config).hasContent(SSHD);
        String diff = check.stdout()
                .substring(check.stdout().lastIndexOf('\n', check.stdout().indexOf("--- ")) + 1);
        Golden.assertMatches(
                "output/blockinfile-check-diff.out",
                diff.substring(0, diff.indexOf("\n\n") + 1).replace(dir.toString(), "DIR"));
        assertThat(check.stdout() + check.stderr()).doesNotContain(CANARY);

        Outputs apply = run("--diff", "--detailed-exitcode");
        assertThat(apply.exit()).as(apply.stderr() + apply.stdout()).isEqualTo(2);
        assertThat(apply.stdout() + apply.stderr()).doesNotContain(CANARY);
        assertThat(Files.readString(config))
                .isEqualTo("Include /etc/ssh/sshd_config.d/*.conf\n"
                        + "#PermitRootLogin prohibit-password\n"
                        + "PasswordAuthentication yes\n"
                        + "# BEGIN ANSIBLE MANAGED BLOCK\n"
                        + "Match User backup\n"
                        + "    PasswordAuthentication no\n"
                        + "# token " + CANARY + "\n"
                        + "# END ANSIBLE MANAGED BLOCK\n"
                        + "Subsystem\tsftp\t/usr/lib/openssh/sftp-server\n");
        assertThat(run("--detailed-exitcode").exit())
                .as("the second run changes nothing")
                .isZero();
    }
}

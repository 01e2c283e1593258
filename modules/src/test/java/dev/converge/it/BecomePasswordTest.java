package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * -K reads the become password from standard input (a pipe here) and it is masked in every output:
 * here it also appears, by the operator's mistake, in a file's content (the local transport has no
 * sudo; BecomeTest covers how the password reaches sudo).
 */
class BecomePasswordTest {
    private static final String PASSWORD = "Become-Pw-7731";

    @TempDir
    Path dir;

    @Test
    void theBecomePasswordFromAPipeIsMaskedInTheTerminalAndTheJsonReport() throws Exception {
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, """
                all:
                  vars:
                    base: %s
                  hosts:
                    web1: {ansible_connection: local}
                """.formatted(dir));
        String playbook = """
                - hosts: web1
                  resources:
                    - id: leak
                      file: {path: "${base}/leak.txt", content: "pw=%s\\n"}
                """.formatted(PASSWORD);
        InputStream stdin = System.in;
        CliRun cli = new CliRun(dir, inventory);
        int code;
        try {
            System.setIn(new ByteArrayInputStream((PASSWORD + "\nrest of stdin\n").getBytes(StandardCharsets.UTF_8)));
            code = cli.run(playbook, "-K", "--check", "--diff");
        } finally {
            System.setIn(stdin);
        }
        assertThat(code).as(cli.output()).isZero();
        assertThat(cli.output()).contains("+pw=********").doesNotContain(PASSWORD);
        assertThat(Files.readString(dir.resolve("report.json")))
                .doesNotContain(PASSWORD)
                .contains("********");
    }
}

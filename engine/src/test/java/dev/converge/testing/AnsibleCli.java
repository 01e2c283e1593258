package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs real Ansible commands ({@code ansible-vault}, {@code ansible}: ansible-core, installed by
 * bin/prepare) as test oracles: their standard output, or a failed assertion with the exit code.
 */
public final class AnsibleCli {
    public static final Path ANSIBLE_VAULT = Path.of("/usr/bin/ansible-vault");
    public static final Path ANSIBLE = Path.of("/usr/bin/ansible");

    private AnsibleCli() {}

    /** {@code ansible-vault ARGS} in {@code dir}. */
    public static String vault(Path dir, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(ANSIBLE_VAULT.toString()));
        argv.addAll(List.of(args));
        return run(dir, argv);
    }

    /** Any command in {@code dir}, stdin empty, stderr dropped (Ansible chats there); must exit 0. */
    public static String run(Path dir, List<String> argv) throws Exception {
        assertThat(Path.of(argv.get(0)))
                .as("%s is a test oracle: install ansible-core (bin/prepare)", argv.get(0))
                .isExecutable();
        Process p = new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("%s: %s", argv, out).isZero();
        return out;
    }
}

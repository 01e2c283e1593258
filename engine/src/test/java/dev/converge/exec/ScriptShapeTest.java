package dev.converge.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.gather.GatherScript;
import dev.converge.spi.Fact;
import dev.converge.spi.FileDigest;
import dev.converge.spi.Operation;
import dev.converge.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated scripts as text: golden files make every change to them reviewable, and
 * ShellCheck ({@code -s sh}, POSIX) finds no problem in them.
 */
class ScriptShapeTest {
    private static final String NONCE = "0123456789abcdef";

    @TempDir
    Path dir;

    static String apply() {
        Operation.WriteFile write = new Operation.WriteFile(
                "/etc/x.conf",
                "a = 1\n".getBytes(StandardCharsets.UTF_8),
                "0640",
                "root",
                "adm",
                FileDigest.ABSENT,
                false,
                true);
        List<ApplyStep> steps = List.of(
                new ApplyStep(
                        new NodeKey("h", "conf"),
                        List.of(write, new Operation.RunCommand(List.of("systemctl", "reload", "x"))),
                        List.of()),
                new ApplyStep(
                        new NodeKey("h", "more"),
                        List.of(
                                new Operation.RunCommand(List.of("chpasswd"), "u:p\n"),
                                new Operation.MakeDirectory("/srv/d", "0755", "", ""),
                                new Operation.SetAttributes("/srv/d", "0750", "", "adm"),
                                new Operation.RemovePath("/srv/old")),
                        List.of(0)));
        return new String(ApplyScript.build(steps, NONCE).script(), StandardCharsets.UTF_8);
    }

    /** Two package resources sharing an install, then two units sharing a daemon-reload. */
    static String applyShared() {
        List<String> install = List.of("apt-get", "-q", "-y", "install", "--");
        Operation.MergeableCommand reload =
                new Operation.MergeableCommand(List.of("systemctl", "daemon-reload"), List.of());
        List<ApplyStep> steps = List.of(
                new ApplyStep(
                        new NodeKey("h", "pkg1"),
                        List.of(
                                new Operation.RunCommand(List.of("apt-get", "update")),
                                new Operation.MergeableCommand(install, List.of("nfs-common", "rpcbind"))),
                        List.of()),
                new ApplyStep(
                        new NodeKey("h", "pkg2"),
                        List.of(new Operation.MergeableCommand(install, List.of("rpcbind", "nfs-kernel-server"))),
                        List.of(0)),
                new ApplyStep(
                        new NodeKey("h", "unit1"),
                        List.of(
                                new Operation.WriteFile(
                                        "/etc/systemd/system/a.service",
                                        "[Unit]\n".getBytes(StandardCharsets.UTF_8),
                                        "0644",
                                        "",
                                        "",
                                        FileDigest.ABSENT,
                                        false,
                                        false),
                                reload,
                                new Operation.RunCommand(List.of("systemctl", "start", "--", "a.service"))),
                        List.of(1)),
                new ApplyStep(
                        new NodeKey("h", "unit2"),
                        List.of(reload, new Operation.RunCommand(List.of("systemctl", "restart", "--", "b.service"))),
                        List.of(2)));
        return new String(ApplyScript.build(steps, NONCE).script(), StandardCharsets.UTF_8);
    }

    static String gather() {
        List<Fact> facts = List.of(
                new Fact.FileRead("/etc/x.conf"),
                new Fact.FileRead("/etc/y", true),
                new Fact.CommandRun(List.of("id", "-u")),
                new Fact.CommandRun(List.of("cat"), "in"));
        return new String(GatherScript.build(facts, NONCE), StandardCharsets.UTF_8);
    }

    @Test
    void theScriptsMatchTheirGoldenFiles() throws Exception {
        Golden.assertMatches("scripts/apply.sh", apply());
        Golden.assertMatches("scripts/gather.sh", gather());
        Golden.assertMatches("scripts/apply-shared.sh", applyShared());
    }

    @Test
    void shellCheckFindsNothing() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/shellcheck")))
                .as("shellcheck installed (bin/prepare)")
                .isTrue();
        Path apply = Files.writeString(dir.resolve("apply.sh"), apply());
        Path gather = Files.writeString(dir.resolve("gather.sh"), gather());
        Path shared = Files.writeString(dir.resolve("apply-shared.sh"), applyShared());
        // SC1091: /etc/os-release is the host's; SC2034: fw is set for the apply's callers;
        // SC2209: k=link is a word, not a command
        Process p = new ProcessBuilder(
                        "shellcheck",
                        "-s",
                        "sh",
                        "-f",
                        "gcc",
                        "-e",
                        "SC1091,SC2034,SC2209",
                        apply.toString(),
                        gather.toString(),
                        shared.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }
}

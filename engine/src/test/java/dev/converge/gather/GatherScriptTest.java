package dev.converge.gather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.UnreadableFactException;
import dev.converge.testing.Shells.Shell;
import dev.converge.transport.ExecResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The gather script runs in a real shell and its sections parse back exactly. */
class GatherScriptTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void filesCommandsAndHostFactsInOneScript(Shell shell) throws Exception {
        byte[] binary = {0, (byte) 0xff, '\n', '@', '@', 'x'};
        Files.write(dir.resolve("bin"), binary);
        Files.createDirectories(dir.resolve("sub"));
        Fact.FileRead bin = new Fact.FileRead(dir.resolve("bin").toString());
        Fact.FileRead sub = new Fact.FileRead(dir.resolve("sub").toString());
        Fact.FileRead missing = new Fact.FileRead(dir.resolve("it's missing").toString());
        Fact.CommandRun echo = new Fact.CommandRun(List.of("sh", "-c", "echo out; echo err >&2; cat; exit 3"));
        List<Fact> facts = List.of(bin, sub, missing, echo);
        GatherResult parsed = gather(facts, shell);
        assertThat(parsed.file(bin).content()).isEqualTo(binary);
        assertThat(parsed.file(bin).kind()).isEqualTo(FileInfo.Kind.FILE);
        assertThat(parsed.file(bin).mode()).matches("0[0-7]{3}");
        assertThat(parsed.file(sub).kind()).isEqualTo(FileInfo.Kind.DIRECTORY);
        assertThat(parsed.file(missing).exists()).isFalse();
        assertThat(parsed.command(echo).exitCode()).isEqualTo(3);
        assertThat(parsed.command(echo).stdout())
                .as("the command cannot read the script from stdin")
                .isEqualTo("out\n");
        assertThat(parsed.command(echo).stderr()).isEqualTo("err\n");
        assertThat(parsed.hostFacts().keySet())
                .as("what cf_host prints is what conditions are checked against")
                .containsExactlyInAnyOrderElementsOf(GatherScript.HOST_FACTS);
    }

    /** A command with a host-fact condition runs only where it holds, in the same script; the others read as unreadable. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aCommandVariantRunsOnlyWhereItsHostFactConditionHolds(Shell shell) throws Exception {
        Fact.CommandRun probe = new Fact.CommandRun(List.of("true"));
        String init = gather(List.of(probe), shell).hostFacts().get("init");
        assertThat(init).isIn("systemd", "upstart", "sysv");
        Fact.CommandRun here =
                new Fact.CommandRun(List.of("echo", "ran"), "", null).onlyWhere("init", init, "no-such-init");
        Fact.CommandRun elsewhere = new Fact.CommandRun(List.of("echo", "ran")).onlyWhere("init", "no-such-init");
        Fact.CommandRun withInput = new Fact.CommandRun(List.of("cat"), "piped").onlyWhere("init", init);
        GatherResult parsed = gather(List.of(here, elsewhere, withInput), shell);
        assertThat(parsed.command(here).stdout()).isEqualTo("ran\n");
        assertThat(parsed.command(withInput).stdout()).isEqualTo("piped");
        assertThatThrownBy(() -> parsed.command(elsewhere))
                .isInstanceOf(UnreadableFactException.class)
                .hasMessageContaining("init in [no-such-init]")
                .hasMessageContaining("'" + init + "'");
        assertThat(Fact.When.ALWAYS.holdsFor(parsed.hostFacts())).isTrue();
        assertThat(here.when().holdsFor(parsed.hostFacts())).isTrue();
        assertThat(elsewhere.when().holdsFor(parsed.hostFacts())).isFalse();
    }

    @Test
    void aConditionOnAnUnknownHostFactIsRefusedWhenTheScriptIsBuilt() {
        Fact.CommandRun bad = new Fact.CommandRun(List.of("true")).onlyWhere("no_such_fact", "x");
        assertThatThrownBy(() -> GatherScript.build(List.of(bad), "n0nce"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no_such_fact");
        assertThatThrownBy(() -> new Fact.When("init", Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void attributesAndContentsOfAwkwardNamesAndEmptyFiles(Shell shell) throws Exception {
        Path odd = dir.resolve("a name with  spaces, 'quotes', \\ and $x");
        Files.writeString(odd, "no newline at the end");
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        Files.setPosixFilePermissions(odd, PosixFilePermissions.fromString("rw-r-----"));
        Fact.FileRead oddFact = new Fact.FileRead(odd.toString());
        Fact.FileRead emptyFact = new Fact.FileRead(empty.toString());
        Fact.CommandRun silent = new Fact.CommandRun(List.of("true"));
        List<Fact> facts = List.of(oddFact, silent, emptyFact);
        GatherResult parsed = gather(facts, shell);
        assertThat(parsed.file(oddFact).content()).asString().isEqualTo("no newline at the end");
        assertThat(parsed.file(oddFact).mode()).isEqualTo("0640");
        assertThat(parsed.file(oddFact).owner()).isNotEmpty();
        assertThat(parsed.file(emptyFact).content()).isEmpty();
        assertThat(parsed.command(silent).exitCode()).isZero();
        assertThat(parsed.command(silent).stdout()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void whenReadingEverythingAtOnceFailsEachPartIsReadOnItsOwn(Shell shell) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path cat = bin.resolve("cat");
        // fails on the one cat of everything (many arguments), reads a single file
        Files.writeString(
                cat,
                "#!/bin/sh\n[ \"$#\" -le 2 ] || exit 1\nexec " + (shell.busybox() ? "/usr/bin/busybox cat" : "/bin/cat")
                        + " \"$@\"\n");
        cat.toFile().setExecutable(true);
        Path file = dir.resolve("f");
        Files.writeString(file, "content\n");
        Fact.FileRead fileFact = new Fact.FileRead(file.toString());
        Fact.CommandRun echo = new Fact.CommandRun(List.of("echo", "out"));
        List<Fact> facts = List.of(fileFact, echo);
        GatherResult parsed = gather(facts, new Shell(shell.name(), bin + ":" + shell.path()));
        assertThat(parsed.file(fileFact).content()).asString().isEqualTo("content\n");
        assertThat(parsed.command(echo).stdout()).isEqualTo("out\n");
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aFileThatCannotBeReadFailsOnlyItsOwnFact(Shell shell) throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "content\n");
        Fact.FileRead good = new Fact.FileRead(file.toString());
        Fact.FileRead mem = new Fact.FileRead("/proc/1/mem");
        GatherResult parsed = gather(List.of(good, mem), shell);
        assertThat(parsed.file(good).text()).isEqualTo("content\n");
        assertThatThrownBy(() -> parsed.file(mem))
                .isInstanceOf(UnreadableFactException.class)
                .hasMessageContaining("cannot read /proc/1/mem");
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void leftoversAndTheLockHolderAreReported(Shell shell) throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        Path leftover = dir.resolve(".f.converge-0123abcd.tmp");
        Files.writeString(leftover, "half");
        Path lock = dir.resolve("lock");
        Files.writeString(lock, "pid=1 since=2026 controller=ctl run=00ff12\n");
        List<Fact> facts = List.of(new Fact.FileRead(file.toString()));
        ExecResult result = shell.run(GatherScript.build(facts, "n0nce"), "CONVERGE_LOCK_FILE=" + lock);
        GatherResult parsed = GatherResult.parse(facts, "n0nce", result.stdout());
        assertThat(parsed.removedLeftovers()).containsExactly(leftover.toString());
        assertThat(leftover).doesNotExist();
        assertThat(parsed.lastLockRun()).isEqualTo("00ff12");
    }

    static GatherResult gather(List<Fact> facts, Shell shell) throws Exception {
        ExecResult result = shell.run(GatherScript.build(facts, "n0nce"));
        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        return GatherResult.parse(facts, "n0nce", result.stdout());
    }

    @Test
    void malformedOutputIsAnIllegalStateNotACrash() {
        List<Fact> facts = List.of(new Fact.FileRead("/etc/hosts"), new Fact.CommandRun(List.of("true")));
        byte[] garbled =
                "@@n0nce exits\n1 not-a-number\n@@n0nce blob\n%%%\n@@n0nce end\n".getBytes(StandardCharsets.UTF_8);
        Assertions.assertThatThrownBy(() -> GatherResult.parse(facts, "n0nce", garbled))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("malformed");
    }
}

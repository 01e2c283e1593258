package dev.converge.gather;

import dev.converge.spi.UnreadableFactException;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.transport.ExecResult;
import dev.converge.transport.LocalTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gather script runs in a real shell and its sections parse back exactly. */
class GatherScriptTest {
    @TempDir
    Path dir;

    @Test
    void filesCommandsAndHostFactsInOneScript() throws Exception {
        byte[] binary = {0, (byte) 0xff, '\n', '@', '@', 'x'};
        Files.write(dir.resolve("bin"), binary);
        Files.createDirectories(dir.resolve("sub"));
        Fact.FileRead bin = new Fact.FileRead(dir.resolve("bin").toString());
        Fact.FileRead sub = new Fact.FileRead(dir.resolve("sub").toString());
        Fact.FileRead missing = new Fact.FileRead(dir.resolve("it's missing").toString());
        Fact.CommandRun echo = new Fact.CommandRun(List.of("sh", "-c", "echo out; echo err >&2; cat; exit 3"));
        List<Fact> facts = List.of(bin, sub, missing, echo);
        ExecResult result = new LocalTransport().exec(List.of("sh", "-s"), GatherScript.build(facts, "n0nce"), Duration.ofSeconds(30));
        GatherResult parsed = GatherResult.parse(facts, "n0nce", result.stdout());
        assertThat(parsed.file(bin).content()).isEqualTo(binary);
        assertThat(parsed.file(bin).kind()).isEqualTo(FileInfo.Kind.FILE);
        assertThat(parsed.file(bin).mode()).matches("0[0-7]{3}");
        assertThat(parsed.file(sub).kind()).isEqualTo(FileInfo.Kind.DIRECTORY);
        assertThat(parsed.file(missing).exists()).isFalse();
        assertThat(parsed.command(echo).exitCode()).isEqualTo(3);
        assertThat(parsed.command(echo).stdout()).as("the command cannot read the script from stdin").isEqualTo("out\n");
        assertThat(parsed.command(echo).stderr()).isEqualTo("err\n");
        assertThat(parsed.hostFacts().keySet()).as("what cf_host prints is what conditions are checked against").containsExactlyInAnyOrderElementsOf(GatherScript.HOST_FACTS);
    }

    @Test
    void attributesAndContentsOfAwkwardNamesAndEmptyFiles() throws Exception {
        Path odd = dir.resolve("a name with  spaces, 'quotes', \\ and $x");
        Files.writeString(odd, "no newline at the end");
        Path empty = dir.resolve("empty");
        Files.write(empty, new byte[0]);
        Files.setPosixFilePermissions(odd, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Fact.FileRead oddFact = new Fact.FileRead(odd.toString());
        Fact.FileRead emptyFact = new Fact.FileRead(empty.toString());
        Fact.CommandRun silent = new Fact.CommandRun(List.of("true"));
        List<Fact> facts = List.of(oddFact, silent, emptyFact);
        GatherResult parsed = gather(facts, List.of("sh", "-s"));
        assertThat(parsed.file(oddFact).content()).asString().isEqualTo("no newline at the end");
        assertThat(parsed.file(oddFact).mode()).isEqualTo("0640");
        assertThat(parsed.file(oddFact).owner()).isNotEmpty();
        assertThat(parsed.file(emptyFact).content()).isEmpty();
        assertThat(parsed.command(silent).exitCode()).isZero();
        assertThat(parsed.command(silent).stdout()).isEmpty();
    }

    @Test
    void whenReadingEverythingAtOnceFailsEachPartIsReadOnItsOwn() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path cat = bin.resolve("cat");
        Files.writeString(cat, "#!/bin/sh\nexit 1\n");
        cat.toFile().setExecutable(true);
        Path file = dir.resolve("f");
        Files.writeString(file, "content\n");
        Fact.FileRead fileFact = new Fact.FileRead(file.toString());
        Fact.CommandRun echo = new Fact.CommandRun(List.of("echo", "out"));
        List<Fact> facts = List.of(fileFact, echo);
        GatherResult parsed = gather(facts, List.of("sh", "-c", "PATH=" + bin + ":$PATH; export PATH; exec sh -s"));
        assertThat(parsed.file(fileFact).content()).asString().isEqualTo("content\n");
        assertThat(parsed.command(echo).stdout()).isEqualTo("out\n");
    }

    @Test
    void aFileThatCannotBeReadIsNamedAndTheOthersAreRead() throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "content\n");
        List<Fact> facts = List.of(new Fact.FileRead(file.toString()), new Fact.FileRead("/proc/self/mem"));
        ExecResult result = new LocalTransport().exec(List.of("sh", "-s"), GatherScript.build(facts, "n0nce"), Duration.ofSeconds(30));
        GatherResult parsed = GatherResult.parse(facts, "n0nce", result.stdout());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parsed.file(new Fact.FileRead("/proc/self/mem")))
                .isInstanceOf(UnreadableFactException.class).hasMessageContaining("cannot read /proc/self/mem");
        assertThat(parsed.file(new Fact.FileRead(file.toString())).content()).isEqualTo("content\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void leftoversAndTheLockHolderAreReported() throws Exception {
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        Path leftover = dir.resolve(".f.converge-0123abcd.tmp");
        Files.writeString(leftover, "half");
        Path lock = dir.resolve("lock");
        Files.writeString(lock, "pid=1 since=2026 controller=ctl run=00ff12\n");
        List<Fact> facts = List.of(new Fact.FileRead(file.toString()));
        GatherResult parsed = gather(facts, List.of("sh", "-c", "CONVERGE_LOCK_FILE=" + lock + "; export CONVERGE_LOCK_FILE; exec sh -s"));
        assertThat(parsed.removedLeftovers()).containsExactly(leftover.toString());
        assertThat(leftover).doesNotExist();
        assertThat(parsed.lastLockRun()).isEqualTo("00ff12");
    }

    private static GatherResult gather(List<Fact> facts, List<String> shell) throws Exception {
        ExecResult result = new LocalTransport().exec(shell, GatherScript.build(facts, "n0nce"), Duration.ofSeconds(30));
        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        return GatherResult.parse(facts, "n0nce", result.stdout());
    }

    @Test
    void malformedOutputIsAnIllegalStateNotACrash() {
        List<Fact> facts = List.of(new Fact.FileRead("/etc/hosts"), new Fact.CommandRun(List.of("true")));
        byte[] garbled = "@@n0nce exits\n1 not-a-number\n@@n0nce blob\n%%%\n@@n0nce end\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GatherResult.parse(facts, "n0nce", garbled))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed");
    }
}

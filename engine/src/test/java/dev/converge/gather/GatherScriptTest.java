package dev.converge.gather;

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
        assertThat(parsed.hostFacts()).containsKeys("hostname", "init", "arch", "user");
    }
}

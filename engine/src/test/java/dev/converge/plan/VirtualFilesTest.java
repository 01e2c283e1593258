package dev.converge.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.gather.GatherResult;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileDigest;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The predicted host: gathered facts with the planned operations and predictions laid over them. */
class VirtualFilesTest {
    private static final Fact.CommandRun ID = new Fact.CommandRun(List.of("id", "-u", "nova"));

    private static FileInfo file(String path, String content, String mode) {
        return new FileInfo(path, FileInfo.Kind.FILE, mode, "root", "adm", content.getBytes(StandardCharsets.UTF_8));
    }

    private final VirtualFiles host = new VirtualFiles(new GatherResult(
            Map.of(
                    new Fact.FileRead("/etc/a"),
                    file("/etc/a", "old\n", "0640"),
                    new Fact.FileRead("/etc/d"),
                    new FileInfo("/etc/d", FileInfo.Kind.DIRECTORY, "0755", "root", "root", null),
                    new Fact.FileRead("/etc/d/inner"),
                    file("/etc/d/inner", "x", "0644"),
                    ID,
                    new CommandOutput(1, "", "no such user")),
            Map.of()));

    @Test
    void aWriteKeepsTheAttributesItDoesNotSet() {
        host.apply(new Operation.WriteFile(
                "/etc/a",
                "new\n".getBytes(StandardCharsets.UTF_8),
                "",
                "",
                "",
                FileDigest.of("old\n".getBytes(StandardCharsets.UTF_8)),
                false,
                false));
        FileInfo a = host.get("/etc/a");
        assertThat(new String(a.content(), StandardCharsets.UTF_8)).isEqualTo("new\n");
        assertThat(a.mode()).isEqualTo("0640");
        assertThat(a.group()).isEqualTo("adm");
    }

    @Test
    void aNewFileGetsTheDefaultModeAndAnAttributeChangeKeepsTheContent() {
        host.apply(new Operation.WriteFile(
                "/etc/new", "n".getBytes(StandardCharsets.UTF_8), "", "", "", FileDigest.ABSENT, false, false));
        assertThat(host.get("/etc/new").mode()).isEqualTo("0644");
        host.apply(new Operation.SetAttributes("/etc/a", "0600", "nova", ""));
        assertThat(host.get("/etc/a").mode()).isEqualTo("0600");
        assertThat(host.get("/etc/a").owner()).isEqualTo("nova");
        assertThat(host.get("/etc/a").content()).isEqualTo("old\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void removingADirectoryRemovesWhatWasGatheredUnderIt() {
        host.apply(new Operation.RemovePath("/etc/d"));
        assertThat(host.get("/etc/d").exists()).isFalse();
        assertThat(host.get("/etc/d/inner").exists()).isFalse();
        host.apply(new Operation.MakeDirectory("/etc/d", "", "", ""));
        assertThat(host.get("/etc/d").kind()).isEqualTo(FileInfo.Kind.DIRECTORY);
        assertThat(host.get("/etc/d").mode()).as("kept from what was there").isEqualTo("0755");
    }

    @Test
    void aPathThatWasNotGatheredIsUnknown() {
        assertThat(host.get("/nowhere")).isNull();
    }

    @Test
    void aCommandReadsAsPredictedOnceAChangeSaysSoElseAsGathered() {
        assertThat(host.command(ID).exitCode()).isEqualTo(1);
        host.apply(new Operation.RunCommand(List.of("useradd", "nova")));
        assertThat(host.command(ID).exitCode())
                .as("a command's effect is not guessed")
                .isEqualTo(1);
        host.predict(ID, new CommandOutput(0, "162\n", ""));
        assertThat(host.command(ID)).isEqualTo(new CommandOutput(0, "162\n", ""));
    }
}

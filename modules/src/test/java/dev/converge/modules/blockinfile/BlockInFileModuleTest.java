package dev.converge.modules.blockinfile;

import static dev.converge.modules.testing.Texts.bind;
import static dev.converge.modules.testing.Texts.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.Change;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockInFileModuleTest {
    private final BlockInFileModule module = new BlockInFileModule();

    @Test
    void bindsAnsibleSpellings() {
        BlockParams p = bind(
                BlockParams.class,
                "{'dest':'/etc/ssh/sshd_config','content':'Match User x','insertbefore':'^Match','marker':'# {mark} x',"
                        + "'marker_begin':'start','marker_end':'stop','create':true,'backup':true,'mode':'0600'}");
        assertThat(p.path()).isEqualTo("/etc/ssh/sshd_config");
        assertThat(p.block()).isEqualTo("Match User x");
        assertThat(p.insertBefore()).isEqualTo("^Match");
        assertThat(p.beginLine()).isEqualTo("# start x");
        assertThat(p.endLine()).isEqualTo("# stop x");
        assertThat(module.validate(p, null)).isEmpty();
        assertThat(List.copyOf(module.paths(p))).containsExactly("/etc/ssh/sshd_config");
    }

    @Test
    void invalidParametersAreProblemsWithAFix() {
        BlockParams p = new BlockParams(
                "etc/x", "a\0", "# managed\n", null, null, "([", "^x", "gone", null, "rw", null, null, List.of(), null);
        assertThat(module.validate(p, null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("path", "block", "marker", "insert_before", "state", "mode", "validate");
        assertThat(module.validate(p, null))
                .allSatisfy(pp -> assertThat(pp.hint()).isNotBlank());
        assertThat(module.validate(BlockParams.of(null, "x", null), null))
                .extracting(ParamProblem::parameter)
                .containsExactly("path");
    }

    @Test
    void markersMustDifferAndStayOutOfTheBlock() {
        BlockParams same =
                new BlockParams("/etc/x", "x", null, "M", "M", null, null, null, null, null, null, null, null, null);
        assertThat(module.validate(same, null))
                .extracting(ParamProblem::parameter)
                .containsExactly("marker_end");
        BlockParams noMark = new BlockParams(
                "/etc/x", "x", "# managed", null, null, null, null, null, null, null, null, null, null, null);
        assertThat(module.validate(noMark, null))
                .singleElement()
                .satisfies(pp -> assertThat(pp.hint())
                        .isEqualTo("put {mark} where BEGIN and END go, e.g. marker: '# {mark} managed'"));
        BlockParams holdsMarker = BlockParams.of("/etc/x", "a\n# END ANSIBLE MANAGED BLOCK\nb", null);
        assertThat(module.validate(holdsMarker, null))
                .extracting(ParamProblem::parameter)
                .containsExactly("block");
    }

    @Test
    void badRegexIsAProblem() {
        BlockParams p =
                new BlockParams("/etc/x", "x", null, null, null, "([", null, null, null, null, null, null, null, null);
        assertThat(module.validate(p, null))
                .singleElement()
                .satisfies(pp -> assertThat(pp.parameter()).isEqualTo("insert_after"));
    }

    @Test
    void attributesOfAnExistingFileAreSetAsAnsibleDoes() {
        BlockParams p = new BlockParams(
                "/etc/x", "a", null, null, null, null, null, null, null, "600", "root", "ssh", null, null);
        String content = "# BEGIN ANSIBLE MANAGED BLOCK\na\n# END ANSIBLE MANAGED BLOCK\n";
        var facts = dev.converge.testing.FakeFacts.forModule(module, p)
                .fileInfo(new FileInfo(
                        "/etc/x",
                        FileInfo.Kind.FILE,
                        "0644",
                        "root",
                        "root",
                        content.getBytes(StandardCharsets.UTF_8)));
        Change change = module.plan(p, facts);
        assertThat(change.operations()).containsExactly(new Operation.SetAttributes("/etc/x", "0600", "", "ssh"));
        assertThat(change.fields()).extracting(Change.FieldChange::name).containsExactly("mode", "group");
    }

    @Test
    void validateAndBackupGuardTheWrite() {
        BlockParams p = new BlockParams(
                "/etc/ssh/sshd_config",
                "Match User backup\n  X11Forwarding no",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("sshd", "-t", "-f", "%s"),
                true);
        var facts = dev.converge.testing.FakeFacts.forModule(module, p).file("/etc/ssh/sshd_config", "Port 22\n");
        Change change = module.plan(p, facts);
        assertThat(change.operations()).hasSize(2);
        assertThat(change.operations().get(0)).isInstanceOf(Operation.RunCommand.class);
        Operation.WriteFile write = (Operation.WriteFile) change.operations().get(1);
        assertThat(write.backup()).isTrue();
        assertThat(written(change.operations()))
                .isEqualTo("Port 22\n# BEGIN ANSIBLE MANAGED BLOCK\nMatch User backup\n  X11Forwarding no\n"
                        + "# END ANSIBLE MANAGED BLOCK\n");
        assertThat(change.fields())
                .containsExactly(new Change.FieldChange("block # BEGIN ANSIBLE MANAGED BLOCK", "absent", "2 lines"));
    }

    @Test
    void aMultilineRegexIsSearchedInTheWholeText() {
        String text = "a\nb\nc\n";
        BlockInFile.Block after = new BlockInFile.Block("B", "E", "x", BlockInFile.Anchor.of("(?m)^b\\nc", null));
        assertThat(BlockInFile.apply(text, after)).isEqualTo("a\nb\nc\nB\nx\nE\n");
        BlockInFile.Block before = new BlockInFile.Block("B", "E", "x", BlockInFile.Anchor.of(null, "(?m)^b$"));
        assertThat(BlockInFile.apply(text, before)).isEqualTo("a\nB\nx\nE\nb\nc\n");
    }
}

package dev.converge.modules.line;

import static dev.converge.modules.testing.Texts.bind;
import static dev.converge.modules.testing.Texts.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.UndeclaredFactException;
import dev.converge.testing.FakeFacts;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class LineModuleTest {
    private final LineModule module = new LineModule();

    @Test
    void bindsAnsibleSpellings() {
        LineParams p = bind(
                LineParams.class,
                "{'path':'/etc/x','line':'a','insertafter':'^b','regexp':'^a','create':true,'mode':'0600'}");
        assertThat(p.insertAfter()).isEqualTo("^b");
        assertThat(module.validate(p, null)).isEmpty();
    }

    @Test
    void planWritesThenConverges() {
        LineParams p = new LineParams(
                "/etc/default/libvirtd",
                "LIBVIRTD_ARGS=\"\"",
                "^#?LIBVIRTD_ARGS=",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        FakeFacts facts = FakeFacts.forModule(module, p).file("/etc/default/libvirtd", "#LIBVIRTD_ARGS=\"--listen\"\n");
        Change change = module.plan(p, facts);
        assertThat(change.operations()).hasSize(1);
        Operation.WriteFile write = (Operation.WriteFile) change.operations().get(0);
        assertThat(write.mode()).isEmpty(); // keep owner/mode of an existing file
        assertThat(written(change.operations())).isEqualTo("LIBVIRTD_ARGS=\"\"\n");
        assertThat(module.plan(p, facts.afterWrites(change.operations()))).isEqualTo(Change.none());
    }

    @Test
    void missingFileFailsLoudlyUnlessCreate() {
        LineParams p = new LineParams("/etc/x.conf", "a", null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> module.plan(p, FakeFacts.forModule(module, p)))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("/etc/x.conf: no such file");

        LineParams create = new LineParams("/etc/x.conf", "a", null, null, null, null, true, "600", "root", "nova");
        Change created = module.plan(create, FakeFacts.forModule(module, create));
        assertThat(created.operations())
                .containsExactly(new Operation.WriteFile(
                        "/etc/x.conf", "a\n".getBytes(), "0600", "root", "nova", "absent", false, false));
    }

    @Test
    void absentOnAMissingFileIsANoOp() {
        LineParams p = new LineParams("/etc/x.conf", "a", null, null, null, "absent", null, null, null, null);
        assertThat(module.plan(p, FakeFacts.forModule(module, p))).isEqualTo(Change.none());
    }

    @Test
    void invalidParamsAreProblemsNotExceptions() {
        LineParams p = new LineParams("etc/x", "a\nb", "([", "^x", "^y", "gone", null, "rw", null, null);
        assertThat(module.validate(p, null))
                .extracting(pp -> pp.parameter())
                .containsExactlyInAnyOrder("path", "state", "line", "regexp", "insert_before", "mode");
        assertThat(module.validate(new LineParams(null, null, null, null, null, null, null, null, null, null), null))
                .extracting(pp -> pp.parameter())
                .containsExactlyInAnyOrder("path", "line");
    }

    @Test
    void readingAnUndeclaredFactFails() {
        LineParams p = new LineParams("/etc/x.conf", "a", null, null, null, null, null, null, null, null);
        Assertions.assertThatThrownBy(() -> FakeFacts.forModule(module, p).file("/etc/other"))
                .isInstanceOf(UndeclaredFactException.class);
        assertThat(module.facts(p)).hasSize(1);
        assertThat(List.copyOf(module.paths(p))).containsExactly("/etc/x.conf");
    }
}

package dev.converge.modules.exports;

import static dev.converge.modules.testing.Golden.fixture;
import static dev.converge.modules.testing.Texts.bind;
import static dev.converge.modules.testing.Texts.written;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import dev.converge.testing.FakeFacts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportsModuleTest {
    private final ExportsModule module = new ExportsModule();

    @Test
    void listFormPlansThenConvergesWithAWarning() {
        ExportsParams p = bind(
                ExportsParams.class,
                "{'path':'/var/lib/nova/instances','clients':"
                        + "[{'host':'10.77.0.0/16','options':['rw','sync','fsid=0','no_root_squash']}]}");
        assertThat(module.validate(p, null)).isEmpty();
        FakeFacts facts = FakeFacts.forModule(module, p).file("/etc/exports", fixture("exports"));
        Change change = module.plan(p, facts);
        assertThat(written(change.operations()))
                .endsWith("/var/lib/nova/instances 10.77.0.0/16(rw,sync,fsid=0,no_root_squash)\n");
        assertThat(change.fields())
                .containsExactly(new Change.FieldChange("10.77.0.0/16", "", "(rw,sync,fsid=0,no_root_squash)"));
        assertThat(change.warnings()).singleElement().asString().contains("no_root_squash");
        assertThat(module.plan(p, facts.afterWrites(change.operations())).changed())
                .isFalse();
    }

    @Test
    void mapFormAndDropInFileIsCreated() {
        ExportsParams p = new ExportsParams(
                "/var/lib/nova/instances", Map.of("hostb.example.org", "rw,sync"), "/etc/exports.d/nova.exports", null);
        Change change = module.plan(p, FakeFacts.forModule(module, p));
        assertThat(change.operations())
                .containsExactly(new Operation.WriteFile(
                        "/etc/exports.d/nova.exports",
                        "/var/lib/nova/instances hostb.example.org(rw,sync)\n".getBytes(),
                        "0644",
                        "root",
                        "root",
                        "absent",
                        false,
                        false));
    }

    @Test
    void aMissingExportsFileSaysWhatToDoInsteadOfOfferingAParameterItDoesNotHave() {
        ExportsParams p = new ExportsParams("/var/lib/nova/instances", Map.of("h", List.of("rw")), null, null);
        assertThatThrownBy(() -> module.plan(p, FakeFacts.forModule(module, p)))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("no NFS server seems installed")
                .hasMessageContaining("file resource")
                .hasMessageNotContaining("create: true");
    }

    @Test
    void refusesASecondNfsv4Root() {
        ExportsParams p =
                new ExportsParams("/var/lib/nova/instances", Map.of("h", List.of("rw", "fsid=0")), null, null);
        assertThatThrownBy(() ->
                        module.plan(p, FakeFacts.forModule(module, p).file("/etc/exports", "/srv h(ro,fsid=root)\n")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("already the NFSv4 root");
    }

    @Test
    void invalidParams() {
        ExportsParams p = new ExportsParams(
                "relative",
                List.of(
                        Map.of("host", "a b"),
                        Map.of("hots", "x"),
                        Map.of("host", "c", "options", List.of("rw", "no space"))),
                "exports",
                "gone");
        assertThat(module.validate(p, null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("path", "file", "state", "clients", "clients", "clients");
        assertThat(module.validate(new ExportsParams(null, null, null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("path", "clients");
    }
}

package dev.converge.modules.ini;

import static dev.converge.modules.testing.Golden.fixture;
import static dev.converge.modules.testing.Texts.bind;
import static dev.converge.modules.testing.Texts.written;
import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.spi.Change;
import dev.converge.spi.ParamProblem;
import dev.converge.testing.FakeFacts;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IniModuleTest {
    private static final String PATH = "/etc/nova/nova.conf";
    private final IniModule module = new IniModule();

    @Test
    void planThenConverge() {
        IniParams p = bind(
                IniParams.class,
                "{'path':'" + PATH + "','section':'libvirt',"
                        + "'set':{'live_migration_bandwidth':0,'live_migration_permit_auto_converge':true},"
                        + "'unset':['cpu_mode']}");
        assertThat(module.validate(p, null)).isEmpty();
        FakeFacts facts = FakeFacts.forModule(module, p).file(PATH, fixture("nova.conf"));
        Change change = module.plan(p, facts);
        String out = written(change.operations());
        assertThat(out)
                .contains("\nlive_migration_bandwidth = 0\n", "live_migration_permit_auto_converge = true\n")
                .doesNotContain("cpu_mode");
        assertThat(change.fields())
                .extracting(Change.FieldChange::name)
                .containsExactly(
                        "[libvirt] live_migration_bandwidth",
                        "[libvirt] live_migration_permit_auto_converge",
                        "[libvirt] cpu_mode");
        assertThat(module.plan(p, facts.afterWrites(change.operations()))).isEqualTo(Change.none());
    }

    /** section: null (written out) binds to the options before the first section; a missing section stays an error. */
    @Test
    void sectionNullIsTheTopOfTheFile() {
        IniParams p = bind(IniParams.class, "{'path':'/etc/x.ini','section':null,'set':{'a':1}}");
        assertThat(p.section()).isEqualTo(IniParams.NO_SECTION);
        assertThat(module.validate(p, null)).isEmpty();
        FakeFacts facts = FakeFacts.forModule(module, p).file("/etc/x.ini", "[s]\na = 2\n");
        Change change = module.plan(p, facts);
        assertThat(written(change.operations())).isEqualTo("a = 1\n[s]\na = 2\n");
        assertThat(change.fields()).containsExactly(new Change.FieldChange("a", "", "1"));
        assertThat(module.plan(p, facts.afterWrites(change.operations()))).isEqualTo(Change.none());
        IniParams missing = bind(IniParams.class, "{'path':'/etc/x.ini','set':{'a':1}}");
        assertThat(missing.section()).isNull();
        assertThat(module.validate(missing, null))
                .extracting(ParamProblem::parameter)
                .containsExactly("section");
    }

    @Test
    void urlCredentialsAreMaskedAndTheRestOfTheUrlShown() {
        IniParams p = new IniParams(
                PATH,
                "api_database",
                Map.of("connection", "mysql+pymysql://nova:NEW@db/nova_api"),
                null,
                null,
                null,
                null,
                null,
                null);
        Change change = module.plan(p, FakeFacts.forModule(module, p).file(PATH, fixture("nova.conf")));
        assertThat(change.fields())
                .containsExactly(new Change.FieldChange(
                        "[api_database] connection",
                        "mysql+pymysql://nova:********@controller/nova_api",
                        "mysql+pymysql://nova:********@db/nova_api"));
    }

    @Test
    void stateAbsentRemovesTheOption() {
        IniParams p = new IniParams(
                PATH,
                "DEFAULT",
                Collections.singletonMap("transport_url", null),
                null,
                "absent",
                null,
                null,
                null,
                null);
        assertThat(module.validate(p, null)).isEmpty();
        Change change = module.plan(p, FakeFacts.forModule(module, p).file(PATH, fixture("nova.conf")));
        assertThat(written(change.operations())).doesNotContain("transport_url");
    }

    @Test
    void invalidParams() {
        IniParams p = new IniParams(
                "nova.conf", "bad]", Map.of("a=b", Map.of(), "x", "1\n2"), null, "gone", null, null, null, null);
        assertThat(module.validate(p, null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("path", "section", "state", "set", "set", "set");
        assertThat(module.validate(new IniParams(null, null, null, null, null, null, null, null, null), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("path", "section", "set");
    }

    @Test
    void missingFileFailsUnlessCreate() {
        IniParams p = new IniParams(PATH, "DEFAULT", Map.of("x", 1), List.of(), null, true, "0640", "root", "nova");
        Change change = module.plan(p, FakeFacts.forModule(module, p));
        assertThat(written(change.operations())).isEqualTo("[DEFAULT]\nx = 1\n");
    }
}

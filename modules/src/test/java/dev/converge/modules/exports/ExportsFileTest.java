package dev.converge.modules.exports;

import static dev.converge.modules.testing.Golden.assertGolden;
import static dev.converge.modules.testing.Golden.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExportsFileTest {
    private static final String STOCK = fixture("exports");
    private static final List<String> SEED = List.of("rw", "sync", "fsid=0", "no_root_squash");

    @Test
    void seedStep4AppendsOneEntryWithNoSpaceBeforeTheParenthesis() {
        String out = ExportsFile.present(STOCK, "/var/lib/nova/instances", Map.of("10.77.0.0/24", SEED));
        assertGolden("exports", "debian-seed-step4", out);
        assertThat(out).isEqualTo(STOCK + "/var/lib/nova/instances 10.77.0.0/24(rw,sync,fsid=0,no_root_squash)\n");
        assertThat(ExportsFile.present(out, "/var/lib/nova/instances", Map.of("10.77.0.0/24", SEED)))
                .isEqualTo(out);
    }

    @Test
    void mergesClientsIntoAnExistingContinuedEntryAndKeepsComments() {
        String content = "/srv/a  hosta(ro) \\\n\thostb(ro,sync)   # old\n/var/lib/nova/instances/ hostc(rw)\n";
        Map<String, List<String>> clients = new LinkedHashMap<>();
        clients.put("hostb", List.of("rw", "sync"));
        clients.put("hostd", List.of("rw"));
        String out = ExportsFile.present(content, "/srv/a", clients);
        assertThat(out)
                .isEqualTo("/srv/a  hosta(ro) \\\n\thostb(rw,sync) hostd(rw)   # old\n"
                        + "/var/lib/nova/instances/ hostc(rw)\n");
        assertThat(ExportsFile.present(out, "/srv/a", clients)).isEqualTo(out);
        // trailing slash: same export
        assertThat(ExportsFile.options(content, "/var/lib/nova/instances", "hostc"))
                .contains(List.of("rw"));
    }

    @Test
    void optionOrderDoesNotMatter() {
        String content = "/x h(sync,rw)\n";
        assertThat(ExportsFile.present(content, "/x", Map.of("h", List.of("rw", "sync"))))
                .isEqualTo(content);
    }

    @Test
    void pathsWithBlanksAreOctalEscaped() {
        String out = ExportsFile.present("", "/srv/my share", Map.of("*", List.of("ro")));
        assertThat(out).isEqualTo("/srv/my\\040share *(ro)\n");
        assertThat(ExportsFile.present(out, "/srv/my share", Map.of("*", List.of("ro"))))
                .isEqualTo(out);
        assertThat(ExportsFile.present("\"/srv/my share\" *(ro)\n", "/srv/my share", Map.of("*", List.of("ro"))))
                .isEqualTo("\"/srv/my share\" *(ro)\n");
    }

    @Test
    void absentRemovesClientsThenTheEntry() {
        String content = "# keep\n/x a(rw) b(ro)\n/y c\n";
        assertThat(ExportsFile.absent(content, "/x", List.of("a"))).isEqualTo("# keep\n/x b(ro)\n/y c\n");
        assertThat(ExportsFile.absent(content, "/x", List.of("a", "b"))).isEqualTo("# keep\n/y c\n");
        assertThat(ExportsFile.absent(content, "/x", List.of())).isEqualTo("# keep\n/y c\n");
    }

    @Test
    void findsAnotherNfsv4Root() {
        assertThat(ExportsFile.otherFsidRoot("/srv/nfs4 gss/krb5i(rw,fsid=0)\n", "/var/lib/nova/instances"))
                .contains("/srv/nfs4");
        assertThat(ExportsFile.otherFsidRoot(STOCK, "/var/lib/nova/instances")).isEmpty();
    }
}

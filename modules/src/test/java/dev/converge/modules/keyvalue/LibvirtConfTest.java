package dev.converge.modules.keyvalue;

import static dev.converge.modules.testing.Golden.assertGolden;
import static dev.converge.modules.testing.Golden.fixture;
import static dev.converge.modules.testing.Texts.assertOtherLinesKept;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LibvirtConfTest {
    private static final String STOCK = fixture("libvirtd.conf");

    private static Map<String, LibvirtValue> seedStep7() {
        Map<String, LibvirtValue> set = new LinkedHashMap<>();
        set.put("listen_tls", new LibvirtValue.Int(0));
        set.put("listen_tcp", new LibvirtValue.Int(1));
        set.put("auth_tcp", new LibvirtValue.Str("none"));
        return set;
    }

    @Test
    void seedStep7UncommentsTheStockDefaultsInPlace() {
        String out = LibvirtConf.apply(STOCK, seedStep7(), List.of());
        assertGolden("keyvalue", "libvirtd-seed-step7", out);
        assertThat(out.lines().count()).isEqualTo(STOCK.lines().count());
        assertThat(out)
                .contains("\nlisten_tls = 0\n", "\nlisten_tcp = 1\n", "\nauth_tcp = \"none\"\n")
                .doesNotContain("#listen_tls = 0", "#listen_tcp = 1", "#auth_tcp = \"sasl\"");
        assertOtherLinesKept(STOCK, out, List.of("#listen_tls = 0", "#listen_tcp = 1", "#auth_tcp = \"sasl\""));
        assertThat(LibvirtConf.apply(out, seedStep7(), List.of())).isEqualTo(out);
        assertThat(LibvirtConf.effective(out, "auth_tcp")).contains(new LibvirtValue.Str("none"));
    }

    @Test
    void proseMentionsInCommentsAreNotTheCommentedDefault() {
        // libvirtd.conf line 465: "#   audit_level == 0  -> disable all auditing"; the default is line 469
        String out = LibvirtConf.apply(STOCK, Map.of("audit_level", new LibvirtValue.Int(1)), List.of());
        assertThat(out)
                .contains("#   audit_level == 0  -> disable all auditing\n")
                .contains("\naudit_level = 1\n")
                .doesNotContain("#audit_level = 2");
        // qemu.conf: "#       user = \"qemu\"   # A user named \"qemu\"" is an example; "#user = ..." the default
        String qemu = fixture("qemu.conf");
        Map<String, LibvirtValue> set = new LinkedHashMap<>();
        set.put("user", new LibvirtValue.Str("nova"));
        set.put("migration_port_max", new LibvirtValue.Int(49261));
        String qemuOut = LibvirtConf.apply(qemu, set, List.of());
        assertGolden("keyvalue", "qemu-user-ports", qemuOut);
        assertThat(qemuOut)
                .contains(
                        "#       user = \"qemu\"   # A user named \"qemu\"\n",
                        "\nuser = \"nova\"\n",
                        "\nmigration_port_max = 49261\n")
                .doesNotContain("#user = \"libvirt-qemu\"");
        assertThat(LibvirtConf.apply(qemuOut, set, List.of())).isEqualTo(qemuOut);
    }

    @Test
    void firstOccurrenceWinsSoTheFirstActiveLineIsEdited() {
        String content = "listen_tcp = 0   # off for now\n#listen_tcp = 1\nlisten_tcp = 1\n";
        String out = LibvirtConf.apply(content, Map.of("listen_tcp", new LibvirtValue.Int(1)), List.of());
        assertThat(out).isEqualTo("listen_tcp = 1   # off for now\n#listen_tcp = 1\nlisten_tcp = 1\n");
        assertThat(LibvirtConf.effective(out, "listen_tcp")).contains(new LibvirtValue.Int(1));
    }

    @Test
    void keepsSpacingQuoteStyleAndEquivalentValues() {
        String content = "tls_priority='NORMAL'\n";
        assertThat(LibvirtConf.apply(content, Map.of("tls_priority", new LibvirtValue.Str("NORMAL")), List.of()))
                .isEqualTo(content);
        assertThat(LibvirtConf.apply(
                        "#tls_priority=\"NORMAL\"\n",
                        Map.of("tls_priority", new LibvirtValue.Str("SECURE256")),
                        List.of()))
                .isEqualTo("tls_priority=\"SECURE256\"\n");
    }

    @Test
    void multiLineListsAreOneStatement() {
        String content = "access_drivers = [\n  \"polkit\",  # the default\n  \"nop\"\n]  # end\nmax_clients = 10\n";
        String out = LibvirtConf.apply(
                content, Map.of("access_drivers", new LibvirtValue.StrList(List.of("polkit"))), List.of());
        assertThat(out).isEqualTo("access_drivers = [ \"polkit\" ]  # end\nmax_clients = 10\n");
        assertThat(LibvirtConf.apply(content, Map.of(), List.of("access_drivers")))
                .isEqualTo("max_clients = 10\n");
    }

    @Test
    void listsAndStringsWithQuotesRender() {
        assertThat(new LibvirtValue.StrList(List.of("DN1", "DN2")).render()).isEqualTo("[ \"DN1\", \"DN2\" ]");
        assertThat(new LibvirtValue.Str("say \"hi\"").render()).isEqualTo("'say \"hi\"'");
        assertThat(LibvirtValue.parse("[\"joe@EXAMPLE.COM\", \"fred@EXAMPLE.COM\" ]"))
                .isEqualTo(new LibvirtValue.StrList(List.of("joe@EXAMPLE.COM", "fred@EXAMPLE.COM")));
    }

    @Test
    void unknownKeysAreAppendedAndTerminateAnUnterminatedLastLine() {
        String out = LibvirtConf.apply("#max_clients = 5000", Map.of("mdns_adv", new LibvirtValue.Int(0)), List.of());
        assertThat(out).isEqualTo("#max_clients = 5000\nmdns_adv = 0");
    }

    @Test
    void unsetRemovesEveryActiveLineButNotComments() {
        String out = LibvirtConf.apply(
                "#auth_tcp = \"sasl\"\nauth_tcp = \"none\"\nx = 1\nauth_tcp = \"sasl\"\n",
                Map.of(),
                List.of("auth_tcp"));
        assertThat(out).isEqualTo("#auth_tcp = \"sasl\"\nx = 1\n");
    }
}

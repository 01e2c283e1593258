package dev.converge.modules.ini;

import static dev.converge.modules.testing.Golden.assertGolden;
import static dev.converge.modules.testing.Golden.fixture;
import static dev.converge.modules.testing.Texts.assertOtherLinesKept;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OsloIniTest {
    private static final String NOVA = fixture("nova.conf");

    @Test
    void replacesTheCommentedDefaultInPlaceInsideItsSection() {
        String out = OsloIni.set(NOVA, "libvirt", "live_migration_bandwidth", List.of("0"));
        out = OsloIni.set(out, "libvirt", "live_migration_scheme", List.of("tls"));
        assertGolden("ini", "nova-libvirt-migration", out);
        assertThat(out)
                .contains("#\n# Maximum bandwidth(in MiB/s) to be used during migration.\n#  (integer value)\n"
                        + "live_migration_bandwidth = 0\n");
        assertOtherLinesKept(NOVA, out, List.of("#live_migration_bandwidth = 0", "#live_migration_scheme = <None>"));
        assertThat(OsloIni.set(out, "libvirt", "live_migration_scheme", List.of("tls")))
                .isEqualTo(out);
    }

    @Test
    void theSampleFormOfTheCommentedDefaultWinsOverProse() {
        String content = "[libvirt]\n# e.g.\n# live_migration_scheme = ssh\n#live_migration_scheme = <None>\n";
        assertThat(OsloIni.set(content, "libvirt", "live_migration_scheme", List.of("tls")))
                .isEqualTo("[libvirt]\n# e.g.\n# live_migration_scheme = ssh\nlive_migration_scheme = tls\n");
    }

    @Test
    void defaultIsNotLowerCaseDefault() {
        String out = OsloIni.set(NOVA, "DEFAULT", "debug", List.of("false"));
        assertThat(OsloIni.values(out, "DEFAULT", "debug")).containsExactly("false");
        assertThat(OsloIni.values(out, "default", "debug")).containsExactly("true");
        // DEFAULT has no debug line: it goes at the end of [DEFAULT], before the blank line
        assertThat(out).contains("#reserved_huge_pages =\ndebug = false\n\n[api_database]");
        // other group names are case-insensitive in oslo.config
        assertThat(OsloIni.values(NOVA, "LIBVIRT", "virt_type")).containsExactly("kvm");
    }

    @Test
    void editsTheLastOccurrenceInPlaceAndDropsTheOthers() {
        String content = "[DEFAULT]\nmy_ip=10.0.0.1\nhost = a\nmy_ip=10.0.0.2\n";
        String out = OsloIni.set(content, "DEFAULT", "my_ip", List.of("10.77.0.12"));
        assertThat(out).isEqualTo("[DEFAULT]\nhost = a\nmy_ip=10.77.0.12\n");
    }

    @Test
    void inlineHashIsPartOfTheValue() {
        String content = "[libvirt]\nlive_migration_bandwidth = 0 # MiB/s\n";
        assertThat(OsloIni.values(content, "libvirt", "live_migration_bandwidth"))
                .containsExactly("0 # MiB/s");
        assertThat(OsloIni.set(content, "libvirt", "live_migration_bandwidth", List.of("0")))
                .isEqualTo("[libvirt]\nlive_migration_bandwidth = 0\n");
    }

    @Test
    void repeatedKeysAndContinuationLinesAreOneUnit() {
        assertThat(OsloIni.values(NOVA, "pci", "device_spec"))
                .containsExactly(
                        "{\"vendor_id\": \"8086\", \"product_id\": \"10fb\"}",
                        "{\"vendor_id\": \"8086\",\n\"product_id\": \"1520\"}");
        String out = OsloIni.set(NOVA, "pci", "device_spec", List.of("{\"vendor_id\": \"8086\"}", "{\"a\": \"b\"}"));
        assertThat(out)
                .contains("[pci]\ndevice_spec = {\"vendor_id\": \"8086\"}\ndevice_spec = {\"a\": \"b\"}\n\n[vnc]");
        assertThat(out).doesNotContain("\"product_id\": \"1520\"");
        assertThat(OsloIni.remove(NOVA, "pci", List.of("device_spec"))).contains("[pci]\n\n[vnc]");
    }

    @Test
    void appendsAMissingSectionAndKeepsNoFinalNewline() {
        assertThat(OsloIni.set("[DEFAULT]\nx = 1", "vnc", "server_listen", List.of("0.0.0.0")))
                .isEqualTo("[DEFAULT]\nx = 1\n\n[vnc]\nserver_listen = 0.0.0.0");
        assertThat(OsloIni.set("", "DEFAULT", "x", List.of("1"))).isEqualTo("[DEFAULT]\nx = 1\n");
    }

    @Test
    void removeValuesKeepsTheOthers() {
        String content = "[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64\nreserved_huge_pages = node:1\n";
        assertThat(OsloIni.removeValues(content, "DEFAULT", "reserved_huge_pages", List.of("node:1")))
                .isEqualTo("[DEFAULT]\nreserved_huge_pages = node:0,size:2048,count:64\n");
    }

    @Test
    void aByteOrderMarkIsSeenThroughAndKept() {
        String bom = "\uFEFF[DEFAULT]\nstate_path = /var/lib/nova\n";
        String out = OsloIni.set(bom, "DEFAULT", "my_ip", List.of("10.0.0.1"));
        assertThat(out).isEqualTo("\uFEFF[DEFAULT]\nstate_path = /var/lib/nova\nmy_ip = 10.0.0.1\n");
        assertThat(OsloIni.values(out, "DEFAULT", "state_path")).containsExactly("/var/lib/nova");
        assertThat(OsloIni.set(out, "DEFAULT", "my_ip", List.of("10.0.0.1"))).isEqualTo(out);
        String keyFirst = "\uFEFFdebug = true\n[DEFAULT]\n";
        assertThat(OsloIni.set(keyFirst, null, "debug", List.of("false")))
                .isEqualTo("\uFEFFdebug = false\n[DEFAULT]\n");
    }

    @Test
    void aValueOnAContinuationLineIsReplacedAsKeySpaceEqualsSpaceValue() {
        String content = "[DEFAULT]\ntransport_url =\n    rabbit://a\ndebug=\n  true\n";
        assertThat(OsloIni.values(content, "DEFAULT", "transport_url")).containsExactly("\nrabbit://a");
        assertThat(OsloIni.set(content, "DEFAULT", "transport_url", List.of("rabbit://b")))
                .isEqualTo("[DEFAULT]\ntransport_url = rabbit://b\ndebug=\n  true\n");
        assertThat(OsloIni.set(content, "DEFAULT", "debug", List.of("false")))
                .as("no space before '=': none after")
                .isEqualTo("[DEFAULT]\ntransport_url =\n    rabbit://a\ndebug=false\n");
    }

    /** Ansible's ini_file with section: null: set, change, unset and create keys before the first section. */
    @Test
    void optionsBeforeTheFirstSection() {
        assertThat(OsloIni.set("", null, "a", List.of("1"))).isEqualTo("a = 1\n");
        assertThat(OsloIni.set("[s]\nb = 2\n", null, "a", List.of("1"))).isEqualTo("a = 1\n[s]\nb = 2\n");
        assertThat(OsloIni.set("# top\na = 0\n\n[s]\na = 9\n", null, "a", List.of("1")))
                .isEqualTo("# top\na = 1\n\n[s]\na = 9\n");
        assertThat(OsloIni.set("x = 1\n\n[s]\n", null, "a", List.of("1"))).isEqualTo("x = 1\na = 1\n\n[s]\n");
        assertThat(OsloIni.remove("a = 1\n[s]\na = 2\n", null, List.of("a"))).isEqualTo("[s]\na = 2\n");
        assertThat(OsloIni.values("a = 1\n[s]\na = 2\n", null, "a")).containsExactly("1");
        assertThat(OsloIni.values("a = 1\n[s]\na = 2\n", "s", "a")).containsExactly("2");
    }
}

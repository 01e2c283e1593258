package dev.converge.modules.hosts;

import static dev.converge.modules.testing.Golden.assertGolden;
import static dev.converge.modules.testing.Golden.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostsFileTest {
    private static final String STOCK = fixture("hosts");

    @Test
    void addsAfterTheLastIpv4LineAndMovesTheNameOffTheLoopbackLine() {
        String out = HostsFile.present(STOCK, "10.77.0.12", List.of("hostb.example.org", "hostb"));
        assertGolden("hosts_entry", "debian-hostb", out);
        // 127.0.1.1 held only these names: the line is gone (libvirt refuses a name resolving to loopback)
        assertThat(out).startsWith("127.0.0.1\tlocalhost\n10.77.0.12\thostb.example.org hostb\n\n# The following");
        assertThat(out).contains("::1     localhost ip6-localhost ip6-loopback\n");
        assertThat(HostsFile.present(out, "10.77.0.12", List.of("hostb.example.org", "hostb")))
                .isEqualTo(out);
    }

    @Test
    void oneLinePerAddressRewrittenKeepingSeparatorsAndComment() {
        String content = "10.77.0.11   hosta.example.org   hosta # controller\n10.77.0.99 hostc\n";
        String out = HostsFile.present(content, "10.77.0.11", List.of("hosta.example.org", "hosta", "nfs"));
        assertThat(out).isEqualTo("10.77.0.11   hosta.example.org   hosta   nfs # controller\n10.77.0.99 hostc\n");
    }

    @Test
    void removesTheNameFromAnotherAddressButKeepsItsOtherNames() {
        String content = "10.0.0.5\thostc old-hostc\t# stale\n10.77.0.13 unrelated\n";
        String out = HostsFile.present(content, "10.77.0.13", List.of("hostc.example.org", "hostc"));
        assertThat(out).isEqualTo("10.0.0.5\told-hostc\t# stale\n10.77.0.13 hostc.example.org hostc\n");
        assertThat(HostsFile.present(out, "10.77.0.13", List.of("hostc.example.org", "hostc")))
                .isEqualTo(out);
    }

    @Test
    void ipv6GoesWithIpv6AndNoFinalNewlineIsKept() {
        String out =
                HostsFile.present("127.0.0.1 localhost\n::1 localhost ip6-localhost", "fd00::12", List.of("hostb"));
        assertThat(out).isEqualTo("127.0.0.1 localhost\n::1 localhost ip6-localhost\nfd00::12 hostb");
    }

    @Test
    void absentRemovesNamesOrTheWholeAddress() {
        String content = "10.0.0.1 a b\n10.0.0.2 c\n";
        assertThat(HostsFile.absent(content, "10.0.0.1", List.of("b"))).isEqualTo("10.0.0.1 a\n10.0.0.2 c\n");
        assertThat(HostsFile.absent(content, "10.0.0.1", List.of())).isEqualTo("10.0.0.2 c\n");
        assertThat(HostsFile.absent(content, "10.0.0.1", List.of("a", "b"))).isEqualTo("10.0.0.2 c\n");
    }
}

package dev.converge.modules.mount;

import static dev.converge.modules.testing.Golden.assertGolden;
import static dev.converge.modules.testing.Golden.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FstabTest {
    private static final String STOCK = fixture("fstab");
    private static final Fstab.Entry SEED =
            new Fstab.Entry("hosta:/", "/var/lib/nova/instances", "nfs4", "defaults,_netdev", 0, 0);

    @Test
    void seedStep6AppendsAfterEverythingWithTheFileSeparatorStyle() {
        String out = Fstab.present(STOCK, SEED);
        assertGolden("mount", "debian-seed-step6", out);
        assertThat(out).isEqualTo(STOCK + "hosta:/ /var/lib/nova/instances nfs4 defaults,_netdev 0 0\n");
        assertThat(Fstab.present(out, SEED)).isEqualTo(out);
    }

    @Test
    void rewritesOnlyTheEntryOfTheMountPointKeepingItsColumns() {
        String content = STOCK + "hosta:/\t/var/lib/nova/instances/\tnfs4\tdefaults\t0\t0\n";
        String out = Fstab.present(content, SEED);
        assertThat(out).isEqualTo(STOCK + "hosta:/\t/var/lib/nova/instances\tnfs4\tdefaults,_netdev\t0\t0\n");
    }

    @Test
    void missingDumpAndPassnoMeanZero() {
        String content = "hosta:/ /var/lib/nova/instances nfs4 defaults,_netdev\n";
        assertThat(Fstab.present(content, SEED)).isEqualTo(content);
    }

    @Test
    void spacesInMountPointsAreOctalEscaped() {
        Fstab.Entry entry = new Fstab.Entry("//nas/share", "/mnt/my share", "cifs", "credentials=/root/.c", 0, 0);
        String out = Fstab.present("", entry);
        assertThat(out).isEqualTo("//nas/share /mnt/my\\040share cifs credentials=/root/.c 0 0\n");
        assertThat(Fstab.find(out, "/mnt/my share")).contains(entry);
        assertThat(Fstab.present(out, entry)).isEqualTo(out);
    }

    @Test
    void absentRemovesEveryEntryOfTheMountPointAndKeepsNoFinalNewline() {
        String content = "a /x ext4 defaults 0 0\nb /y ext4 defaults 0 0\nc /x ext4 defaults 0 0";
        assertThat(Fstab.absent(content, "/x")).isEqualTo("b /y ext4 defaults 0 0");
        assertThat(Fstab.present(content, new Fstab.Entry("a", "/x", "ext4", "defaults", 0, 0)))
                .isEqualTo("a /x ext4 defaults 0 0\nb /y ext4 defaults 0 0");
    }
}

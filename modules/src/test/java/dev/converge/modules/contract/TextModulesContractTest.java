package dev.converge.modules.contract;

import dev.converge.modules.blockinfile.BlockInFileModule;
import dev.converge.modules.blockinfile.BlockParams;
import dev.converge.modules.exports.ExportsModule;
import dev.converge.modules.exports.ExportsParams;
import dev.converge.modules.hosts.HostsEntryModule;
import dev.converge.modules.hosts.HostsEntryParams;
import dev.converge.modules.ini.IniModule;
import dev.converge.modules.ini.IniParams;
import dev.converge.modules.keyvalue.KeyValueModule;
import dev.converge.modules.keyvalue.KeyValueParams;
import dev.converge.modules.line.LineModule;
import dev.converge.modules.line.LineParams;
import dev.converge.modules.mount.MountModule;
import dev.converge.modules.mount.MountParams;
import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import dev.converge.testing.Shells;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The file-editing modules through the one contract suite, on real files in a temp directory via
 * the engine's real gather and apply scripts.
 */
class TextModulesContractTest {

    @Nested
    class Line extends ModuleContractTest<LineParams> {
        @Override
        protected Module<LineParams> module() {
            return new LineModule();
        }

        @Override
        protected void prepare() throws Exception {
            Files.writeString(
                    dir.resolve("libvirt-bin.conf"), "start on runlevel [2345]\nexec /usr/sbin/libvirtd -d\n");
        }

        @Override
        protected List<LineParams> convergingCases() {
            String f = dir.resolve("libvirt-bin.conf").toString();
            return List.of(
                    new LineParams(
                            f,
                            "exec /usr/sbin/libvirtd -d -l",
                            "^exec /usr/sbin/libvirtd",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null),
                    new LineParams(f, "env LANG=C", null, "^start on", null, null, null, null, null, null),
                    new LineParams(f, null, "^start on", null, null, "absent", null, null, null, null),
                    new LineParams(
                            dir.resolve("new.conf").toString(),
                            "a = 1",
                            null,
                            null,
                            null,
                            null,
                            true,
                            "0600",
                            null,
                            null));
        }

        @Override
        protected List<LineParams> invalidCases() {
            return List.of(
                    new LineParams("relative", "x", null, null, null, null, null, null, null, null),
                    new LineParams("/etc/x", "x", "([", null, null, null, null, null, null, null));
        }
    }

    @Nested
    class BlockInFile extends ModuleContractTest<BlockParams> {
        @Override
        protected Module<BlockParams> module() {
            return new BlockInFileModule();
        }

        @Override
        protected void prepare() throws Exception {
            Files.writeString(
                    dir.resolve("sshd_config"),
                    "Include /etc/ssh/sshd_config.d/*.conf\n#PermitRootLogin prohibit-password\n"
                            + "# BEGIN ANSIBLE MANAGED BLOCK\nUseDNS yes\n# END ANSIBLE MANAGED BLOCK\n"
                            + "Subsystem\tsftp\t/usr/lib/openssh/sftp-server");
        }

        @Override
        protected List<BlockParams> convergingCases() {
            String f = dir.resolve("sshd_config").toString();
            return List.of(
                    BlockParams.of(f, "Match User backup\n    PasswordAuthentication no", null),
                    new BlockParams(
                            f,
                            "PermitRootLogin no\n",
                            "# {mark} root login",
                            null,
                            null,
                            "^#PermitRootLogin",
                            null,
                            null,
                            null,
                            "0600",
                            null,
                            null,
                            null,
                            true),
                    BlockParams.of(f, null, "absent"),
                    new BlockParams(
                            dir.resolve("new.conf").toString(),
                            "a = 1",
                            null,
                            null,
                            null,
                            null,
                            "BOF",
                            null,
                            true,
                            "0640",
                            null,
                            null,
                            null,
                            null));
        }

        @Override
        protected List<BlockParams> invalidCases() {
            return List.of(
                    BlockParams.of("relative", "x", null),
                    new BlockParams(
                            "/etc/x",
                            "x",
                            "# managed",
                            null,
                            null,
                            "([",
                            null,
                            "gone",
                            null,
                            "rw",
                            null,
                            null,
                            null,
                            null));
        }
    }

    @Nested
    class KeyValue extends ModuleContractTest<KeyValueParams> {
        @Override
        protected Module<KeyValueParams> module() {
            return new KeyValueModule();
        }

        @Override
        protected void prepare() throws Exception {
            Files.writeString(
                    dir.resolve("libvirtd.conf"),
                    "# Listen for TLS\n#listen_tls = 0\n\n#listen_tcp = 1\n#auth_tcp = \"sasl\"\n");
            Files.writeString(dir.resolve("libvirtd"), "# options\n#LIBVIRTD_ARGS=\"--listen\"\n");
        }

        @Override
        protected List<KeyValueParams> convergingCases() {
            return List.of(
                    new KeyValueParams(
                            dir.resolve("libvirtd.conf").toString(),
                            "libvirt",
                            Map.of("listen_tls", 0, "listen_tcp", 1, "auth_tcp", "none"),
                            null,
                            null,
                            null,
                            null,
                            null),
                    new KeyValueParams(
                            dir.resolve("libvirtd").toString(),
                            "shell",
                            Map.of("LIBVIRTD_ARGS", "--listen"),
                            null,
                            null,
                            null,
                            null,
                            null));
        }

        @Override
        protected List<KeyValueParams> invalidCases() {
            return List.of(
                    new KeyValueParams(
                            "/etc/libvirt/libvirtd.conf",
                            "libvirt",
                            Map.of("listen_tcp", "yes"),
                            null,
                            null,
                            null,
                            null,
                            null),
                    new KeyValueParams("/etc/x", "toml", Map.of("a", 1), null, null, null, null, null));
        }
    }

    @Nested
    class Ini extends ModuleContractTest<IniParams> {
        @Override
        protected Module<IniParams> module() {
            return new IniModule();
        }

        @Override
        protected void prepare() throws Exception {
            Files.writeString(
                    dir.resolve("nova.conf"), "[DEFAULT]\n#state_path = $pybasedir\n\n[libvirt]\nvirt_type = kvm\n");
        }

        @Override
        protected List<IniParams> convergingCases() {
            String f = dir.resolve("nova.conf").toString();
            return List.of(
                    new IniParams(
                            f, "DEFAULT", Map.of("state_path", "/var/lib/nova"), null, null, null, null, null, null),
                    new IniParams(
                            f,
                            "libvirt",
                            Map.of("live_migration_scheme", "tcp"),
                            List.of("virt_type"),
                            null,
                            null,
                            null,
                            null,
                            null),
                    new IniParams(
                            dir.resolve("fresh.conf").toString(),
                            "DEFAULT",
                            Map.of("a", "b"),
                            null,
                            null,
                            true,
                            "0640",
                            null,
                            null));
        }

        @Override
        protected List<IniParams> invalidCases() {
            return List.of(
                    new IniParams("/etc/nova/nova.conf", null, Map.of("a", "b"), null, null, null, null, null, null),
                    new IniParams("nova.conf", "DEFAULT", Map.of("a", "b"), null, null, null, null, null, null));
        }
    }

    @Nested
    class HostsEntry extends ModuleContractTest<HostsEntryParams> {
        @Override
        protected Module<HostsEntryParams> module() {
            return new HostsEntryModule();
        }

        @Override
        protected void prepare() throws Exception {
            Files.writeString(dir.resolve("hosts"), "127.0.0.1\tlocalhost\n127.0.1.1\thostb.example hostb\n");
        }

        @Override
        protected List<HostsEntryParams> convergingCases() {
            String f = dir.resolve("hosts").toString();
            return List.of(
                    new HostsEntryParams("10.77.0.12", List.of("HostB"), null, f),
                    new HostsEntryParams("10.77.0.13", List.of("HostC", "hostc.lab"), null, f),
                    new HostsEntryParams("127.0.1.1", List.of("hostb"), "absent", f));
        }

        @Override
        protected List<HostsEntryParams> invalidCases() {
            return List.of(
                    new HostsEntryParams("not-an-address", List.of("x"), null, null),
                    new HostsEntryParams("10.0.0.1", List.of(), null, null));
        }
    }

    @Nested
    class Exports extends ModuleContractTest<ExportsParams> {
        @Override
        protected Module<ExportsParams> module() {
            return new ExportsModule();
        }

        @Override
        protected void prepare() throws Exception {
            Files.writeString(dir.resolve("exports"), "# /etc/exports\n/srv/a host1(ro)\n");
        }

        @Override
        protected List<ExportsParams> convergingCases() {
            String f = dir.resolve("exports").toString();
            return List.of(
                    new ExportsParams(
                            "/var/lib/nova/instances",
                            Map.of("10.77.0.0/24", List.of("rw", "sync", "no_root_squash")),
                            f,
                            null),
                    new ExportsParams("/srv/a", Map.of("host2", List.of("rw")), f, null));
        }

        @Override
        protected List<ExportsParams> invalidCases() {
            return List.of(
                    new ExportsParams("relative", Map.of("h", List.of("rw")), null, null),
                    new ExportsParams("/srv", Map.of("h", List.of("rw", "no such option")), null, null));
        }
    }

    @Nested
    class Mount extends ModuleContractTest<MountParams> {
        @Override
        protected Module<MountParams> module() {
            return new MountModule();
        }

        @Override
        protected boolean runsOn(Shells.Shell shell) {
            return !shell.busybox(); // findmnt is util-linux
        }

        @Override
        protected void prepare() throws Exception {
            Files.writeString(
                    dir.resolve("fstab"),
                    "# <file system> <mount point> <type> <options> <dump> <pass>\nUUID=1 / ext4 errors=remount-ro 0 1\n");
        }

        @Override
        protected List<MountParams> convergingCases() {
            String f = dir.resolve("fstab").toString();
            return List.of(
                    new MountParams("/var/lib/nova/instances", "HostA:/", "nfs4", "defaults", 0, 0, "present", f),
                    new MountParams("/mnt/with space", "HostA:/x", "nfs4", null, null, null, "present", f));
        }

        @Override
        protected List<MountParams> invalidCases() {
            return List.of(
                    new MountParams("relative", "HostA:/", "nfs4", null, null, null, "present", null),
                    new MountParams("/NOVA-INST-DIR//instances", "HostA:/", "nfs4", null, null, null, "present", null));
        }
    }
}

package dev.converge.report;

import dev.converge.plan.FileDiff;
import dev.converge.plan.ResourceStatus;
import dev.converge.spi.Change;
import java.util.ArrayList;
import java.util.List;

/** A fixed run (every status, diffs, fields, warnings, cross-host edges) for the reports' golden tests. */
public final class SampleReports {

    static final RunMetadata METADATA = new RunMetadata(
            "2026-11-30T09:30:00Z",
            "0.1.0",
            List.of(
                    "-i",
                    "inventory/lab.yml",
                    "-l",
                    "compute:HostA",
                    "-e",
                    "db_password=********",
                    "playbooks/live-migration.yml"),
            List.of("inventory/lab.yml"),
            "compute:HostA",
            List.of("config"),
            List.of(),
            "0123456789abcdef0123456789abcdef01234567",
            "sha256:" + "ab".repeat(32));

    private SampleReports() {}

    static ResourceReport.Dependency dep(String host, String id, String kind) {
        return new ResourceReport.Dependency(host, id, kind);
    }

    public static RunReport sample(boolean check) {
        String novaDiff = """
                --- /etc/nova/nova.conf
                +++ /etc/nova/nova.conf
                @@ -1,3 +1,5 @@
                 [DEFAULT]
                -#state_path = /var/lib/nova
                +state_path = /var/lib/nova

                +[libvirt]
                +live_migration_uri = qemu+tcp://%s/system
                """;
        String libvirtDiff = """
                --- /etc/libvirt/libvirtd.conf
                +++ /etc/libvirt/libvirtd.conf
                @@ -1,2 +1,2 @@
                 # libvirtd.conf <stock>
                -#listen_tcp = 1
                +listen_tcp = 1
                """;
        HostReport hostA = new HostReport(
                "HostA",
                false,
                check ? 1 : 3,
                List.of(
                        new ResourceReport(
                                "etc-hosts[HostB]",
                                "hosts_entry",
                                ResourceStatus.OK,
                                List.of(),
                                List.of(),
                                List.of(),
                                "",
                                List.of(),
                                0),
                        new ResourceReport(
                                "exports",
                                "exports",
                                ResourceStatus.CHANGED,
                                List.of(new Change.FieldChange("mode", "0600", "0644")),
                                List.of(
                                        new FileDiff(
                                                "/etc/exports",
                                                "--- /etc/exports\n+++ /etc/exports\n@@ -0,0 +1 @@\n+/var/lib/nova/instances 192.168.0.0/24(rw,sync,fsid=0,no_root_squash)\n")),
                                List.of(),
                                "",
                                List.of(dep("HostA", "etc-hosts[HostB]", "order")),
                                check ? 0 : 42),
                        new ResourceReport(
                                "reload-exports",
                                "command",
                                ResourceStatus.SKIPPED,
                                List.of(),
                                List.of(),
                                List.of(),
                                "not notified",
                                List.of(dep("HostA", "exports", "notify")),
                                0)),
                "",
                check ? 0 : 42);
        HostReport hostB = new HostReport(
                "HostB",
                false,
                check ? 1 : 3,
                List.of(
                        new ResourceReport(
                                "nova-conf",
                                "ini",
                                ResourceStatus.CHANGED,
                                List.of(),
                                List.of(new FileDiff("/etc/nova/nova.conf", novaDiff.formatted("HostB"))),
                                List.of(),
                                "",
                                List.of(),
                                check ? 0 : 17),
                        new ResourceReport(
                                "libvirtd-conf",
                                "keyvalue",
                                ResourceStatus.CHANGED,
                                List.of(),
                                List.of(new FileDiff("/etc/libvirt/libvirtd.conf", libvirtDiff)),
                                List.of(
                                        "listen_tcp = 1 with auth_tcp = \"none\" lets anyone on the network control libvirtd"),
                                "",
                                List.of(dep("HostB", "nova-conf", "order")),
                                check ? 0 : 17),
                        new ResourceReport(
                                "mount-instances",
                                "mount",
                                check ? ResourceStatus.CHANGED : ResourceStatus.FAILED,
                                List.of(),
                                List.of(),
                                List.of(),
                                check ? "" : "exit 32: mount.nfs4: Connection refused & <timed out>",
                                List.of(dep("HostA", "exports", "after"), dep("HostB", "libvirtd-conf", "order")),
                                check ? 0 : 5),
                        new ResourceReport(
                                "restart-libvirtd",
                                "service",
                                ResourceStatus.SKIPPED,
                                List.of(),
                                List.of(),
                                List.of(),
                                check ? "not notified" : "depends on failed HostB/mount-instances",
                                List.of(
                                        dep("HostB", "libvirtd-conf", "notify"),
                                        dep("HostB", "mount-instances", "handler")),
                                0)),
                "",
                check ? 0 : 22);
        HostReport hostC = new HostReport(
                "HostC",
                true,
                0,
                List.of(
                        new ResourceReport(
                                "nova-conf",
                                "ini",
                                ResourceStatus.UNREACHABLE,
                                List.of(),
                                List.of(),
                                List.of(),
                                "host unreachable",
                                List.of(),
                                0),
                        new ResourceReport(
                                "mount-instances",
                                "mount",
                                ResourceStatus.UNREACHABLE,
                                List.of(),
                                List.of(),
                                List.of(),
                                "host unreachable",
                                List.of(dep("HostA", "exports", "after"), dep("HostC", "nova-conf", "order")),
                                0)),
                "cannot connect to 10.0.0.13:22: Connection refused",
                0);
        return new RunReport("playbooks/live-migration.yml", check, List.of(hostA, hostB, hostC), METADATA);
    }

    /** The events a run of {@link #sample} sends, in order. */
    public static List<RunEvent> events(RunReport report) {
        List<RunEvent> events = new ArrayList<>();
        int resources =
                report.hosts().stream().mapToInt(h -> h.resources().size()).sum();
        events.add(new RunEvent.RunStarted(report.playbook(), report.hosts().size(), resources, report.check()));
        for (HostReport h : report.hosts()) {
            if (h.unreachable()) {
                events.add(new RunEvent.HostUnreachable(h.host(), h.message()));
            } else {
                events.add(new RunEvent.HostPlanned(
                        h.host(),
                        h.resources().size(),
                        (int) h.resources().stream()
                                .filter(r -> r.status() != ResourceStatus.OK
                                        && r.status() != ResourceStatus.SKIPPED
                                        && r.status() != ResourceStatus.DEFERRED)
                                .count(),
                        (int) h.resources().stream()
                                .filter(r -> r.status() == ResourceStatus.DEFERRED)
                                .count()));
            }
        }
        for (HostReport h : report.hosts()) {
            List<String> batch = h.resources().stream()
                    .filter(r -> r.durationMs() > 0)
                    .map(ResourceReport::id)
                    .toList();
            if (!batch.isEmpty()) {
                events.add(new RunEvent.BatchStarted(h.host(), batch));
            }
            h.resources().forEach(r -> events.add(new RunEvent.ResourceDone(h.host(), r.id(), r.status())));
        }
        report.hosts().forEach(h -> h.resources().forEach(r -> events.add(new RunEvent.ResourceFinished(h.host(), r))));
        events.add(new RunEvent.RunFinished(report));
        return events;
    }
}

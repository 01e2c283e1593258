package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ModuleRegistry;
import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.gather.GatherResult;
import dev.converge.graph.NodeState;
import dev.converge.plan.HostPlan;
import dev.converge.plan.PlannedResource;
import dev.converge.plan.Planner;
import dev.converge.run.CompiledRun;
import dev.converge.run.RunOptions;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The flagship's "init overrides" step in each init system's form, planned offline (no host: the
 * real modules on fake facts): with {@code init=systemd} the libvirtd drop-in is planned and the
 * sysv edit is skipped by its condition; with {@code init=sysv} (the lab) the other way round.
 */
class FlagshipInitFormsTest {
    private static final String DROPIN = "/etc/systemd/system/libvirtd.service.d/50-converge-listen.conf";

    @TempDir
    Path dir;

    /** The stock files of a Debian compute host that the flagship edits (the others are absent). */
    private static final Map<String, String> STOCK = Map.of(
            "/etc/libvirt/libvirtd.conf", "#listen_tls = 0\n#listen_tcp = 1\n#auth_tcp = \"sasl\"\n",
            "/etc/default/libvirtd", "#LIBVIRTD_ARGS=\"--listen\"\n",
            "/etc/fstab", "# /etc/fstab: static file system information.\n",
            "/etc/hosts", "127.0.0.1\tlocalhost\n");

    /** What each probe prints on a freshly installed Debian compute host (files absent unless named). */
    private static CommandOutput probe(Fact.CommandRun c) {
        String tag = c.argv().size() > 3 && c.argv().get(0).equals("sh")
                ? c.argv().get(3)
                : c.argv().get(0);
        String out = switch (tag) {
            case "converge-package-cache" -> "manager apt\nnow 100000\nstamp 99999\n";
            case "converge-package" -> "cand\tnfs-common\t1:2.6.2-4\ncand\tnfs-kernel-server\t1:2.6.2-4\n";
            case "converge-systemd" -> "systemd=yes\nenabled=enabled\nactive=active\nreload=no\n";
            default -> "";
        };
        return new CommandOutput(0, out, "");
    }

    private static GatherResult host(Planner planner, String host, String init) {
        Map<Fact, Object> values = new HashMap<>();
        for (Fact fact : planner.factsOf(host)) {
            if (fact instanceof Fact.CommandRun c) {
                values.put(fact, probe(c));
            } else if (fact instanceof Fact.FileRead f) {
                String content = STOCK.get(f.path());
                values.put(
                        fact,
                        content == null
                                ? FileInfo.absent(f.path())
                                : new FileInfo(
                                        f.path(),
                                        FileInfo.Kind.FILE,
                                        "0644",
                                        "root",
                                        "root",
                                        content.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return new GatherResult(
                values, Map.of("os_id", "debian", "init", init, "hostname", host, "pkg_manager", "apt"));
    }

    private Map<String, PlannedResource> planCompute(String init) throws Exception {
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  children:
                    controller: {hosts: {HostA: {ansible_host: 10.0.0.1}}}
                    compute: {hosts: {HostB: {ansible_host: 10.0.0.2}, HostC: {ansible_host: 10.0.0.3}}}
                """);
        CompiledRun compiled = CompiledRun.compile(
                RunOptions.defaults(Path.of("..", "playbooks", "live-migration.yml"), inventory),
                ModuleRegistry.discover());
        Planner planner = new Planner(compiled.graph(), compiled.templating());
        Map<String, GatherResult> gathered = new HashMap<>();
        for (String h : List.of("HostA", "HostB", "HostC")) {
            gathered.put(h, host(planner, h, init));
        }
        HostPlan hostB = planner.planAll(gathered, Planner.Deferral.CHECKS).get("HostB");
        Map<String, PlannedResource> byId = new HashMap<>();
        for (Map.Entry<NodeKey, PlannedResource> e : hostB.byKey().entrySet()) {
            byId.put(e.getKey().id(), e.getValue());
        }
        return byId;
    }

    @ParameterizedTest
    @ValueSource(strings = {"systemd", "sysv"})
    void eachInitSystemGetsItsOwnFormOfTheListenStep(String init) throws Exception {
        Map<String, PlannedResource> plan = planCompute(init);
        for (String before : List.of("nfs-client-package", "fstab-instances", "libvirtd-conf")) {
            assertThat(plan.get(before).state())
                    .as(
                            "%s (fake facts of a fresh host): %s",
                            before, plan.get(before).reason())
                    .isNotEqualTo(NodeState.FAILED);
        }
        PlannedResource dropin = plan.get("libvirtd-listen-systemd");
        PlannedResource sysv = plan.get("libvirtd-listen-sysv");
        if (init.equals("systemd")) {
            assertThat(dropin.state()).as(dropin.reason()).isEqualTo(NodeState.CHANGED);
            assertThat(dropin.change().operations())
                    .anySatisfy(op -> assertThat(op).isInstanceOfSatisfying(Operation.WriteFile.class, w -> {
                        assertThat(w.path()).isEqualTo(DROPIN);
                        assertThat(new String(w.content(), StandardCharsets.UTF_8))
                                .contains("[Service]\nExecStart=\nExecStart=/usr/sbin/libvirtd ")
                                .doesNotContain("--listen");
                    }));
            assertThat(dropin.change().operations())
                    .as("one daemon-reload after the drop-in")
                    .filteredOn(Operation.MergeableCommand.class::isInstance)
                    .hasSize(1);
            assertThat(sysv.state()).isEqualTo(NodeState.SKIPPED_CONDITION);
            assertThat(plan.get("libvirtd-tcp-socket").state())
                    .as("socket activation does the listening")
                    .isNotEqualTo(NodeState.SKIPPED_CONDITION);
        } else {
            assertThat(dropin.state()).isEqualTo(NodeState.SKIPPED_CONDITION);
            assertThat(sysv.state()).as(sysv.reason()).isEqualTo(NodeState.CHANGED);
            assertThat(sysv.diffs()).isNotEmpty();
            assertThat(plan.get("libvirtd-tcp-socket").state()).isEqualTo(NodeState.SKIPPED_CONDITION);
        }
    }
}

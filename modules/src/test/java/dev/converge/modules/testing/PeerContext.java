package dev.converge.modules.testing;

import dev.converge.spi.CommandOutput;
import dev.converge.spi.FactView;
import dev.converge.spi.FileInfo;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plan context for cross-host modules: this host's facts and its peers', from canned values. */
public final class PeerContext implements PlanContext {
    private final String host;
    private final Map<String, HostFacts> hosts = new LinkedHashMap<>();
    private boolean dryRun;

    public PeerContext(String host) {
        this.host = host;
    }

    /** Canned facts of one host. */
    public static final class HostFacts implements FactView {
        private final Map<List<String>, CommandOutput> commands = new LinkedHashMap<>();
        private final Map<String, FileInfo> files = new LinkedHashMap<>();

        public HostFacts command(List<String> argv, int exit, String stdout) {
            commands.put(argv, new CommandOutput(exit, stdout, exit == 0 ? "" : "error"));
            return this;
        }

        public HostFacts file(String path, String content) {
            files.put(
                    path,
                    new FileInfo(
                            path,
                            FileInfo.Kind.FILE,
                            "0644",
                            "root",
                            "root",
                            content.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        @Override
        public FileInfo file(String path) {
            return files.getOrDefault(path, FileInfo.absent(path));
        }

        @Override
        public CommandOutput command(List<String> argv) {
            CommandOutput out = commands.get(argv);
            if (out == null) {
                throw new AssertionError("unexpected command fact " + argv);
            }
            return out;
        }
    }

    public HostFacts on(String name) {
        return hosts.computeIfAbsent(name, n -> new HostFacts());
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public FactView facts() {
        return on(host);
    }

    @Override
    public TemplateRenderer templates() {
        return name -> {
            throw new TemplateRenderer.TemplateProblem("no templates here");
        };
    }

    @Override
    public Map<String, FactView> peers() {
        Map<String, FactView> peers = new LinkedHashMap<>(hosts);
        peers.remove(host);
        return peers;
    }

    /** The same canned hosts, planned from another host's point of view. */
    public PeerContext as(String other) {
        PeerContext copy = new PeerContext(other);
        copy.hosts.putAll(hosts);
        copy.dryRun = dryRun;
        return copy;
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    /** The same canned hosts, planned as a dry run (--check) plans them. */
    public PeerContext checking() {
        PeerContext copy = as(host);
        copy.dryRun = true;
        return copy;
    }
}

package dev.converge.exec;

import dev.converge.gather.GatherResult;
import dev.converge.spi.Change;
import dev.converge.spi.Fact;
import dev.converge.spi.FactView;
import dev.converge.spi.Module;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TemplateRenderer;
import dev.converge.transport.Transport;
import dev.converge.transport.TransportException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Drives one module bound to several hosts through the engine's real gather and apply scripts
 * on this machine, one {@link ModuleHarness} per host (each with its own transport, e.g. its own
 * fake commands first on PATH): every host is gathered, then each is planned with the others'
 * facts as {@link dev.converge.spi.PlanContext#peers()}, as the engine plans a resource that reads
 * its peers ({@code Module.readsPeers}). What the peer contract test uses.
 */
public final class PeerHarness<P extends Record> {
    private final Map<String, ModuleHarness<P>> hosts = new LinkedHashMap<>();

    /** @param transports host name to the transport that reaches it, in the order hosts are planned and applied */
    public PeerHarness(Module<P> module, TemplateRenderer templates, Map<String, Transport> transports) {
        transports.forEach(
                (host, transport) -> hosts.put(host, new ModuleHarness<>(module, templates, transport, host)));
    }

    public Set<String> hosts() {
        return hosts.keySet();
    }

    /**
     * Every host's plan, from the same gathered facts: a change per host, or the message of the
     * {@link PlanFailure} its plan threw (the engine fails that host's resource alone), and the facts
     * each host's plan read, its own and its peers' (host name → facts).
     */
    public record Planned(
            Map<String, Change> changes,
            Map<String, String> failures,
            Map<String, GatherResult> facts,
            Map<String, List<Fact>> reads) {
        /** The hosts whose plan changes something. */
        public Set<String> changed() {
            Map<String, Change> changed = new TreeMap<>(changes);
            changed.values().removeIf(c -> !c.changed());
            return changed.keySet();
        }
    }

    /** Gathers every host (one real gather script each). */
    public Map<String, GatherResult> gather(P params) throws TransportException {
        Map<String, GatherResult> facts = new LinkedHashMap<>();
        for (ModuleHarness<P> h : hosts.values()) {
            facts.put(h.host(), h.gather(params));
        }
        return facts;
    }

    /** Gathers every host, then plans each with the others as peers; a dry run's ({@code --check}) when {@code dryRun}. */
    public Planned plan(P params, boolean dryRun) throws TransportException {
        return planWith(params, gather(params), dryRun);
    }

    /** Plans every host against the given facts (pure: no I/O). */
    public Planned planWith(P params, Map<String, GatherResult> facts, boolean dryRun) {
        Map<String, Change> changes = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, List<Fact>> reads = new LinkedHashMap<>();
        for (ModuleHarness<P> h : hosts.values()) {
            List<Fact> read = new ArrayList<>();
            Map<String, FactView> peers = new TreeMap<>();
            for (ModuleHarness<P> peer : hosts.values()) {
                if (peer != h) {
                    peers.put(peer.host(), peer.view(params, facts.get(peer.host()), read));
                }
            }
            try {
                changes.put(h.host(), h.planWith(params, facts.get(h.host()), read, peers, dryRun));
            } catch (PlanFailure e) {
                failures.put(h.host(), e.getMessage());
            }
            reads.put(h.host(), read);
        }
        return new Planned(changes, failures, facts, reads);
    }

    /** Applies one host's change through the engine's apply script on that host; says what the step did. */
    public ModuleHarness.Outcome apply(String host, Change change) throws TransportException {
        ModuleHarness<P> h = hosts.get(host);
        if (h == null) {
            throw new IllegalArgumentException("no host " + host + " in " + hosts.keySet());
        }
        return h.applied(change);
    }
}

package dev.converge.bind;

import dev.converge.model.ResourceSpec;
import dev.converge.spi.Module;
import java.util.Map;

/**
 * One resource bound for one host: parameters rendered and validated, ready to plan.
 *
 * @param id the resource id, with {@code [item]} for loop items
 * @param model the host's variables (for {@code when:} and templates; facts are added after gather)
 */
public record ResourceInstance(
        String host, String id, ResourceSpec spec, Module<?> module, Record params, Map<String, Object> model) {

    public NodeKey key() {
        return new NodeKey(host, id);
    }

    /** Whether its module compares this host with the play's other hosts ({@link Module#readsPeers}). */
    @SuppressWarnings("unchecked")
    public <P extends Record> boolean readsPeers() {
        return ((Module<P>) module).readsPeers((P) params);
    }

    /** Node identity in the graph: a resource instance on a host. */
    public record NodeKey(String host, String id) implements Comparable<NodeKey> {
        @Override
        public int compareTo(NodeKey o) {
            int c = host.compareTo(o.host);
            return c != 0 ? c : id.compareTo(o.id);
        }

        @Override
        public String toString() {
            return host + "/" + id;
        }
    }
}

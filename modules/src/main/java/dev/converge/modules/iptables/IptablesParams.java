package dev.converge.modules.iptables;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Parameters of {@code iptables} (IPv4, one rule).
 *
 * @param chain the chain (default {@code INPUT})
 * @param table the table (default {@code filter})
 * @param protocol {@code tcp}, {@code udp}, {@code sctp}, {@code icmp} or {@code all}
 * @param source source address or CIDR (e.g. {@code 10.77.0.0/24}); host bits are normalised away
 * @param destination destination address or CIDR
 * @param inInterface incoming interface ({@code -i})
 * @param dport destination port or range ({@code 49152:49215} or {@code 49152-49215}); needs tcp/udp/sctp
 * @param jump the target (default {@code ACCEPT})
 * @param comment a comment stored with the rule ({@code -m comment})
 * @param state {@code present} (default) or {@code absent}
 * @param position {@code insert} (default: at the top of the chain, before any REJECT) or {@code append}
 * @param save after a change, write all IPv4 rules with {@code iptables-save} to {@code rules_file}
 * @param rulesFile where {@code save} writes (default {@code /etc/iptables/rules.v4})
 */
public record IptablesParams(
        @JsonProperty("chain") String chain,
        @JsonProperty("table") String table,
        @JsonProperty("protocol") String protocol,
        @JsonProperty("source") String source,
        @JsonProperty("destination") String destination,
        @JsonProperty("in_interface") String inInterface,
        @JsonProperty("dport") String dport,
        @JsonProperty("jump") String jump,
        @JsonProperty("comment") String comment,
        @JsonProperty("state") String state,
        @JsonProperty("position") String position,
        @JsonProperty("save") Boolean save,
        @JsonProperty("rules_file") String rulesFile) {

    /** Where Debian's iptables-persistent / netfilter-persistent restore IPv4 rules from at boot. */
    public static final String DEFAULT_RULES_FILE = "/etc/iptables/rules.v4";

    public IptablesParams {
        chain = chain == null ? "INPUT" : chain;
        table = table == null ? "filter" : table;
        jump = jump == null ? "ACCEPT" : jump;
        state = state == null ? "present" : state;
        position = position == null ? "insert" : position;
        save = save != null && save;
        rulesFile = rulesFile == null ? DEFAULT_RULES_FILE : rulesFile;
    }
}

package dev.converge.modules.keyvalue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The security and compatibility warnings of libvirt settings (domain-live-migration.md §3.4, §1.3). */
final class LibvirtWarnings {
    private static final Pattern LISTEN_FLAG = Pattern.compile("(^|\\s)(--listen|-l|-[a-zA-Z]*l[a-zA-Z]*)(\\s|$)");

    private LibvirtWarnings() {}

    static List<String> of(Map<String, LibvirtValue> set) {
        List<String> warnings = new ArrayList<>();
        if (new LibvirtValue.Str("none").equals(set.get("auth_tcp"))) {
            warnings.add("SECURITY: auth_tcp = \"none\" turns off authentication on libvirt's TCP listener: anyone "
                    + "who can reach port 16509 gets root-equivalent control of every VM on this host, and migration "
                    + "traffic is clear text. libvirt's own stock file says: don't do this outside of a dev/test "
                    + "scenario. Prefer TLS (auth_tls, libvirtd-tls.socket) or SASL/GSSAPI, or at least open 16509 "
                    + "only to the peer compute hosts.");
        }
        LibvirtValue one = new LibvirtValue.Int(1);
        if (one.equals(set.get("listen_tcp")) && new LibvirtValue.Int(0).equals(set.get("listen_tls"))) {
            warnings.add("SECURITY: listen_tls = 0 with listen_tcp = 1 replaces the encrypted listener by a clear-text "
                    + "one (port 16509): the host is open to anyone on the network unless auth_tcp uses SASL.");
        }
        if (set.keySet().stream().anyMatch(KeyValueModule::isSocketKey)) {
            warnings.add("listen_tcp/listen_tls/tcp_port/tls_port/listen_addr are not honoured when libvirtd uses "
                    + "systemd socket activation (libvirt >= 5.6): enable libvirtd-tcp.socket or libvirtd-tls.socket "
                    + "instead (ListenStream= sets the address).");
        }
        return warnings;
    }

    static List<String> ofShell(Map<String, String> set) {
        List<String> warnings = new ArrayList<>();
        set.forEach((key, value) -> {
            if ((key.equals("LIBVIRTD_ARGS") || key.equals("libvirtd_opts"))
                    && LISTEN_FLAG.matcher(value).find()) {
                warnings.add(key + " contains --listen/-l: libvirtd >= 5.6 refuses to start with it while its systemd "
                        + "socket units are active (\"--listen parameter not permitted with systemd activation "
                        + "sockets\"); mask the libvirtd*.socket units first, or use libvirtd-tcp/-tls.socket.");
            }
        });
        return warnings;
    }
}

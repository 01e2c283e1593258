package dev.converge.transport.ssh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a spec's jump hosts ({@code [user@]host[:port]}, outermost first) in the explicit form MINA
 * parses: {@code ssh://user@host:port}, comma-separated. A missing user is the target's user; a
 * missing port is 22 (MINA would otherwise see port -1).
 */
final class ProxyJumps {
    private ProxyJumps() {}

    static String normalize(List<String> jumps, String defaultUser) {
        return jumps.stream().map(jump -> normalize(jump, defaultUser)).collect(Collectors.joining(","));
    }

    static String normalize(String jump, String defaultUser) {
        String rest = jump.trim();
        if (rest.startsWith("ssh://")) {
            rest = rest.substring("ssh://".length());
        }
        String user = defaultUser;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        String host = rest;
        int port = 22;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            host = rest.substring(1, close);
            if (close + 1 < rest.length() && rest.charAt(close + 1) == ':') {
                port = Integer.parseInt(rest.substring(close + 2));
            }
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = Integer.parseInt(rest.substring(rest.indexOf(':') + 1));
        }
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "ssh://" + user + "@" + hostPart + ":" + port;
    }
}

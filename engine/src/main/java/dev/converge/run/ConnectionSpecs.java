package dev.converge.run;

import dev.converge.model.Host;
import dev.converge.transport.ConnectionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a host's connection settings from its variables, with Ansible's names. */
final class ConnectionSpecs {
    private static final Pattern KNOWN_HOSTS = Pattern.compile("UserKnownHostsFile=(\\S+)");
    private static final Pattern PROXY_JUMP = Pattern.compile("ProxyJump=(\\S+)");

    private ConnectionSpecs() {}

    static ConnectionSpec of(Host host, RunOptions options) {
        String connection = host.varText("ansible_connection", "");
        String address = host.varText("ansible_host", host.name());
        if (connection.isEmpty()) {
            connection = host.name().equals("localhost") && !host.vars().containsKey("ansible_host") ? "local" : "ssh";
        }
        String commonArgs = host.varText("ansible_ssh_common_args", "");
        List<Path> keys = new ArrayList<>();
        String key = host.varText("ansible_ssh_private_key_file", host.varText("ansible_private_key_file", ""));
        if (!key.isEmpty()) {
            keys.add(Path.of(expandHome(key)));
        }
        String knownHosts = host.varText("converge_known_hosts", match(KNOWN_HOSTS, commonArgs));
        String jumps = host.varText("converge_proxy_jump", match(PROXY_JUMP, commonArgs));
        List<String> proxyJump = jumps.isEmpty() ? List.of() : Arrays.stream(jumps.split(",")).map(String::strip).toList();
        boolean become = Boolean.parseBoolean(host.varText("ansible_become", "false"));
        return new ConnectionSpec(host.name(), connection, address,
                Integer.parseInt(host.varText("ansible_port", "22")),
                host.varText("ansible_user", System.getProperty("user.name")),
                keys,
                knownHosts.isEmpty() ? null : Path.of(expandHome(knownHosts)),
                options.hostKeyChecking(),
                proxyJump,
                become,
                host.varText("ansible_become_user", "root"),
                options.connectTimeout(),
                options.commandTimeout(),
                Duration.ofSeconds(15));
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1).replaceAll("^[\"']|[\"']$", "") : "";
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }
}

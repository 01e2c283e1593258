package dev.converge.run;

import dev.converge.diag.Problems;
import dev.converge.inventory.Inventory;
import dev.converge.model.Host;
import dev.converge.model.Var;
import dev.converge.transport.ConnectionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a host's connection settings from its variables, with Ansible's names. */
final class ConnectionSpecs {
    private static final Pattern KNOWN_HOSTS = Pattern.compile("UserKnownHostsFile=(\\S+)");
    private static final Pattern PROXY_JUMP = Pattern.compile("ProxyJump=(\\S+)");
    /** A DNS name, an IPv4 address, or an IPv6 address (bracketed or not, with a zone). */
    private static final Pattern HOST_ADDRESS = Pattern.compile(
            "[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?\\.?|\\[?[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?]?");

    private ConnectionSpecs() {}

    /**
     * Checks the connection variables of the hosts a run will contact, before any is contacted:
     * a bad port or connection type is invalid input (exit 3), not a crash while connecting.
     */
    static void validate(Inventory inventory, List<String> hosts, Problems problems) {
        for (String name : hosts) {
            Host host = inventory.host(name);
            if (host == null) {
                continue;
            }
            for (String key : List.of(
                    "ansible_host",
                    "ansible_ssh_host",
                    "ansible_user",
                    "ansible_ssh_user",
                    "ansible_port",
                    "ansible_ssh_port",
                    "ansible_connection",
                    "ansible_ssh_private_key_file",
                    "ansible_private_key_file",
                    "ansible_ssh_common_args",
                    "converge_known_hosts",
                    "converge_proxy_jump",
                    "ansible_become",
                    "ansible_become_user",
                    "ansible_become_password",
                    "ansible_become_pass",
                    "converge_step_timeout",
                    "converge_max_file_bytes")) {
                Var v = host.vars().get(key);
                if (v != null && (v.value() instanceof Map || v.value() instanceof Collection)) {
                    problems.add(
                            v.at(),
                            "host " + name + ": " + key + " must be a single value, not "
                                    + (v.value() instanceof Map ? "a map" : "a list"),
                            "write one value, e.g. " + key + ": " + example(key));
                }
            }
            Var port = host.vars().containsKey("ansible_port")
                    ? host.vars().get("ansible_port")
                    : host.vars().get("ansible_ssh_port");
            if (port != null && !(port.value() instanceof Collection) && !(port.value() instanceof Map)) {
                String text = String.valueOf(port.value()).strip();
                int value = -1;
                try {
                    value = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    // reported below
                }
                if (value < 1 || value > 65535) {
                    problems.add(
                            port.at(),
                            "host " + name + ": ansible_port '" + text + "' is not a TCP port (1 to 65535)",
                            "write a number, e.g. ansible_port: 22");
                }
            }
            Var connection = host.vars().get("ansible_connection");
            if (connection != null
                    && connection.value() instanceof String c
                    && !List.of("ssh", "local", "smart", "paramiko").contains(c)) {
                problems.add(
                        connection.at(),
                        "host " + name + ": ansible_connection '" + c + "' is not supported",
                        "use ssh (the default) or local");
            }
            Var address = host.vars().get("ansible_host");
            if (address != null
                    && address.value() instanceof String a
                    && !HOST_ADDRESS.matcher(a.strip()).matches()) {
                problems.add(
                        address.at(),
                        "host " + name + ": ansible_host '" + a + "' is not a host name or IP address",
                        "write a name or an address, e.g. ansible_host: 10.0.0.12");
            }
            Var limit = host.vars().get("converge_max_file_bytes");
            if (limit != null && !String.valueOf(limit.value()).strip().matches("\\d{1,18}")) {
                problems.add(
                        limit.at(),
                        "host " + name + ": converge_max_file_bytes '" + limit.value() + "' is not a number of bytes",
                        "write a whole number of bytes, e.g. converge_max_file_bytes: 67108864");
            }
            Var step = host.vars().get("converge_step_timeout");
            if (step != null && !String.valueOf(step.value()).strip().matches("\\d{1,9}")) {
                problems.add(
                        step.at(),
                        "host " + name + ": converge_step_timeout '" + step.value() + "' is not a number of seconds",
                        "write a whole number of seconds, e.g. converge_step_timeout: 300");
            }
        }
    }

    private static String example(String key) {
        return switch (key) {
            case "ansible_port" -> "22";
            case "ansible_host" -> "10.0.0.12";
            case "ansible_connection" -> "ssh";
            case "converge_step_timeout" -> "300";
            case "converge_max_file_bytes" -> "67108864";
            default -> "value";
        };
    }

    static ConnectionSpec of(Host host, RunOptions options) {
        String connection = host.varText("ansible_connection", "");
        // Ansible's older names (ansible_ssh_host, _port, _user) still work there, and in many inventories
        String address = host.varText("ansible_host", host.varText("ansible_ssh_host", host.name()));
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
        List<String> proxyJump = jumps.isEmpty()
                ? List.of()
                : Arrays.stream(jumps.split(",")).map(String::strip).toList();
        boolean become = Boolean.parseBoolean(host.varText("ansible_become", "false"));
        return new ConnectionSpec(
                host.name(),
                connection,
                address,
                Integer.parseInt(host.varText("ansible_port", host.varText("ansible_ssh_port", "22"))
                        .strip()),
                host.varText("ansible_user", host.varText("ansible_ssh_user", System.getProperty("user.name"))),
                keys,
                knownHosts.isEmpty() ? null : Path.of(expandHome(knownHosts)),
                options.hostKeyChecking(),
                proxyJump,
                become,
                host.varText("ansible_become_user", "root"),
                options.connectTimeout(),
                options.commandTimeout(),
                Duration.ofSeconds(15),
                becomePassword(host));
    }

    /** {@code ansible_become_password} (or its alias {@code ansible_become_pass}); null when neither is set. */
    private static String becomePassword(Host host) {
        String password = host.varText("ansible_become_password", host.varText("ansible_become_pass", ""));
        return password.isEmpty() ? null : password;
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1).replaceAll("^[\"']|[\"']$", "") : "";
    }

    private static String expandHome(String path) {
        return path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
    }
}

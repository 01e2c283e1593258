package dev.converge.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** ansible-playbook's connection flags; the inventory's own settings win over them, as in Ansible. */
public final class ConnectionFlags {
    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Connect as USER where the inventory sets no ansible_user.")
    String user;

    @Option(names = {"-b", "--become"}, description = "Run as root (sudo) where the inventory sets no ansible_become.")
    boolean become;

    @Option(names = "--become-user", paramLabel = "USER", description = "Become USER instead of root where the inventory sets no ansible_become_user.")
    String becomeUser;

    @Option(names = {"--private-key", "--key-file"}, paramLabel = "FILE",
            description = "Authenticate with this key where the inventory sets no ansible_ssh_private_key_file.")
    Path privateKey;

    /** The inventory variables the flags stand for. */
    Map<String, Object> defaults() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (user != null) {
            out.put("ansible_user", user);
        }
        if (become) {
            out.put("ansible_become", true);
        }
        if (becomeUser != null) {
            out.put("ansible_become_user", becomeUser);
        }
        if (privateKey != null) {
            out.put("ansible_ssh_private_key_file", privateKey.toString());
        }
        return out;
    }
}

package dev.converge.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** ansible-playbook's connection flags; the inventory's own settings win over them, as in Ansible. */
public final class ConnectionFlags {
    @Option(
            names = {"-u", "--user"},
            paramLabel = "USER",
            description = "Connect as USER where the inventory sets no ansible_user.")
    String user;

    @Option(
            names = {"-b", "--become"},
            description = "Run as root (sudo) where the inventory sets no ansible_become.")
    boolean become;

    @Option(
            names = "--become-user",
            paramLabel = "USER",
            description = "Become USER instead of root where the inventory sets no ansible_become_user.")
    String becomeUser;

    @Option(
            names = {"-K", "--ask-become-pass"},
            description =
                    "Read sudo's password for become: from the terminal without echo, else the first line of standard input. "
                            + "Sent to sudo on its standard input (sudo -S) only when sudo asks; masked in every output.")
    boolean askBecomePass;

    @Option(
            names = {"--private-key", "--key-file"},
            paramLabel = "FILE",
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
        if (askBecomePass) {
            out.put("ansible_become_password", readBecomePassword());
        }
        return out;
    }

    /** From the terminal without echo when there is one, else the first line of standard input (a pipe, in scripts and tests). */
    private static String readBecomePassword() {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("BECOME password: ");
            return typed == null ? "" : new String(typed);
        }
        try {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int c;
            while ((c = System.in.read()) != -1 && c != '\n') {
                line.write(c);
            }
            String text = line.toString(StandardCharsets.UTF_8);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException e) {
            return "";
        }
    }
}

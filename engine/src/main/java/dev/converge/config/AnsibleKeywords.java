package dev.converge.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Ansible keywords converge does not have, each with what to write instead: an Ansible user gets
 * a targeted message rather than "unknown module". The table is docs/ansible-users.md's.
 */
final class AnsibleKeywords {
    private static final Map<String, String> RESOURCE = new LinkedHashMap<>();
    private static final Map<String, String> PLAY = new LinkedHashMap<>();
    private static final Map<String, String> MODULES = new LinkedHashMap<>();

    static {
        RESOURCE.put(
                "register",
                "converge has no registered variables: guard a command with `creates:`/`removes:`/`unless:`, "
                        + "check a state with an `assert` resource, or test gathered facts in `when:` (see docs/ansible-users.md)");
        RESOURCE.put(
                "ignore_errors",
                "a failed resource skips only what depends on it, independent work finishes; "
                        + "to accept another exit code wrap the command: `cmd: [sh, -c, 'CMD || true']`, or drop the key");
        RESOURCE.put(
                "failed_when", "a command fails on a non-zero exit; use an `assert` resource for other conditions");
        RESOURCE.put(
                "changed_when",
                "converge decides changes from the state it reads: guard the command with `creates:`, "
                        + "`removes:` or `unless:` so that it reports no change when there is nothing to do");
        RESOURCE.put(
                "delegate_to",
                "write the resource in a play whose `hosts:` is that host, and order it with `after:` "
                        + "(which may cross hosts)");
        RESOURCE.put(
                "run_once", "write the resource in a play whose `hosts:` selects one host (e.g. `hosts: compute[0]`)");
        RESOURCE.put(
                "no_log",
                "list the variable under `secrets:` (or give it a secret-looking name): its value is masked "
                        + "as ******** in every output");
        RESOURCE.put("with_items", "use `loop:` (a list, or `${a_list}`); each item is `${item}`");
        RESOURCE.put("with_list", "use `loop:` (a list, or `${a_list}`); each item is `${item}`");
        RESOURCE.put("with_dict", "use `loop:` over a list of maps; each item is `${item}`");
        RESOURCE.put("loop_control", "converge names loop items itself (ids become `id[item]`): drop loop_control");
        RESOURCE.put(
                "become",
                "converge becomes per play or per host, not per resource: set `become: true` on the play (or write the resource in a play that does), run with -b, or set `ansible_become: true` in the inventory");
        RESOURCE.put(
                "become_method",
                "converge becomes with sudo only (sudo -n, or sudo -S with -K): drop become_method; for su, give the user a sudo rule");
        RESOURCE.put(
                "become_user",
                "set `become_user:` on the play, run with --become-user USER, or set `ansible_become_user` in the inventory");
        RESOURCE.put("vars", "give variables to the play (`vars:`), or to an `include:` of a resource file");
        RESOURCE.put("listen", "notify the handler by its id");
        RESOURCE.put("async", "converge waits for every command; use `wait_for` resources to wait for a state");
        RESOURCE.put("retries", "use a `wait_for` resource to wait until a port or path is ready");
        RESOURCE.put("until", "use a `wait_for` resource to wait until a port or path is ready");
        RESOURCE.put("environment", "give the command its environment as `cmd: [env, NAME=value, ...]`");
        RESOURCE.put("include_tasks", "write `- include: FILE.yml` (with `vars:`) for a list of resources");
        RESOURCE.put("import_tasks", "write `- include: FILE.yml` (with `vars:`) for a list of resources");
        RESOURCE.put("include_role", "list the role under the play's `roles:`");
        RESOURCE.put("import_role", "list the role under the play's `roles:`");
        RESOURCE.put(
                "set_fact",
                "set the variable in `vars:` (play, playbook, inventory or -e); values are computed with ${...}");
        PLAY.put("tasks", "converge calls them `resources:` (each with an `id:`, or a `name:` it derives the id from)");
        PLAY.put(
                "pre_tasks",
                "write them first under `resources:` (resources run in written order), or in a play before this one");
        PLAY.put("post_tasks", "write them last under `resources:`, or in a play after this one");
        PLAY.put(
                "gather_facts", "converge always gathers its facts, in the same read as everything else: drop the key");
        PLAY.put(
                "become_method",
                "converge becomes with sudo only (sudo -n, or sudo -S with -K): drop become_method; for su, give the user a sudo rule");
        PLAY.put("strategy", "converge orders work by its graph, hosts in parallel (--forks): drop the key");
        PLAY.put("no_log", "list the variables under `secrets:`: their values are masked in every output");
        PLAY.put("environment", "give each command its environment (`cmd: [env, NAME=value, ...]`)");
        PLAY.put("connection", "set `ansible_connection` in the inventory (local or ssh)");
        PLAY.put("vars_prompt", "give the value with -e NAME=..., from the environment (${env(\"NAME\")}) or a vault");
        MODULES.put("lineinfile", "line");
        MODULES.put("blockinfile", "blockinfile");
        MODULES.put("template", "file");
        MODULES.put("copy", "file");
        MODULES.put("shell", "command");
        MODULES.put("raw", "command");
        MODULES.put("systemd", "service");
        MODULES.put("ini_file", "ini");
        MODULES.put("community.general.ini_file", "ini");
        MODULES.put("mount", "mount");
        MODULES.put("ansible.posix.mount", "mount");
        MODULES.put("wait_for", "wait_for");
        MODULES.put("debug", "assert");
        MODULES.put("fail", "assert");
    }

    private AnsibleKeywords() {}

    /** What to write instead of the Ansible resource keyword {@code key}, if it is one. */
    static Optional<String> resource(String key) {
        return Optional.ofNullable(RESOURCE.get(key));
    }

    /** What to write instead of the Ansible play keyword {@code key}, if it is one. */
    static Optional<String> play(String key) {
        return Optional.ofNullable(PLAY.get(key));
    }

    /** converge's module for an Ansible module name, if it has one under another name. */
    static Optional<String> module(String ansibleModule) {
        String name = ansibleModule.startsWith("ansible.builtin.")
                ? ansibleModule.substring("ansible.builtin.".length())
                : ansibleModule;
        return Optional.ofNullable(MODULES.get(name));
    }

    /** An id made from a {@code name:}: lower case, runs of other characters as '-'. */
    static String idFromName(String name) {
        String id =
                name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]+", "-").replaceAll("^-+|-+$", "");
        return id.isEmpty() ? "resource" : id;
    }
}

package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.converge.bind.ModuleRegistry;
import dev.converge.diag.InvalidInputException;
import dev.converge.report.Reporter;
import dev.converge.run.Converge;
import dev.converge.run.RunOptions;
import dev.converge.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A playbook written as for Ansible gets, for each keyword converge does not have, a message at
 * its file:line:col that says what to write instead (golden file); {@code name:} gives the id.
 */
class AnsibleKeywordsTest {
    @TempDir
    Path dir;

    private InvalidInputException compile(String playbook) throws Exception {
        Path inventory =
                Files.writeString(dir.resolve("hosts.yml"), "all:\n  hosts:\n    web1: {ansible_connection: local}\n");
        Path file = Files.writeString(dir.resolve("ansible.yml"), playbook);
        return catchThrowableOfType(
                InvalidInputException.class,
                () -> new Converge(
                                ModuleRegistry.discover(),
                                spec -> {
                                    throw new AssertionError("contacted " + spec.name());
                                },
                                Reporter.all(List.of()))
                        .run(RunOptions.defaults(file, inventory)));
    }

    @Test
    void everyAnsibleKeywordSaysWhatToWriteInstead() throws Exception {
        InvalidInputException e = compile("""
                - hosts: all
                  become: true
                  become_method: su
                  gather_facts: false
                  strategy: free
                  remote_user: admin
                  pre_tasks: []
                  tasks:
                    - name: install
                      command: {cmd: [true]}
                  resources:
                    - name: Check the service
                      command: {cmd: [systemctl, is-active, ssh]}
                      register: ssh_state
                      ignore_errors: true
                      failed_when: false
                      changed_when: false
                      delegate_to: localhost
                      run_once: true
                      no_log: true
                      with_items: [a, b]
                      become: true
                    - id: edit
                      lineinfile: {path: /etc/x, line: y}
                    - id: render
                      template: {src: a.j2, dest: /etc/a}
                    - id: run
                      shell: echo hi
                    - id: more
                      include_tasks: more.yml
                """);
        assertThat(e).isNotNull();
        e.problems().forEach(p -> assertThat(p.hint()).as(p.reason()).isNotBlank());
        Golden.assertMatches("errors/ansible-keywords.txt", e.getMessage().replace(dir.toString() + "/", ""));
    }

    @Test
    void aNameWithoutIdGivesTheIdAndNotifyByNameFindsTheHandler() throws Exception {
        InvalidInputException e = compile("""
                - hosts: all
                  resources:
                    - name: Write the config
                      file: {path: /tmp/converge-ansible-keywords, content: "x\\n"}
                      notify: Restart libvirtd
                    - id: later
                      after: [write-the-config]
                      file: {path: /tmp/converge-ansible-keywords-2, content: "x\\n", mdoe: "0644"}
                  handlers:
                    - name: Restart libvirtd
                      command: {cmd: [true]}
                """);
        assertThat(e.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("mdoe"));
    }

    @Test
    void blockinfileIsConvergesOwnModuleAndTheCollectionNamePointsToIt() throws Exception {
        InvalidInputException e = compile("""
                - hosts: all
                  resources:
                    - id: native
                      blockinfile: {path: /etc/ssh/sshd_config, block: "Match User backup\\n  X11Forwarding no"}
                    - id: fqcn
                      ansible.builtin.blockinfile: {path: /etc/ssh/sshd_config, block: x}
                """);
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.reason()).isEqualTo("unknown module 'ansible.builtin.blockinfile'");
            assertThat(p.hint())
                    .isEqualTo("converge's module for Ansible's ansible.builtin.blockinfile is 'blockinfile'"
                            + " (see docs/modules.md)");
        });
    }
}

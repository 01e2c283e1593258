package dev.converge.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.ModuleRegistry;
import dev.converge.bind.RunSelection;
import dev.converge.config.RunInputs;
import dev.converge.diag.InvalidInputException;
import dev.converge.plan.FakeModules;
import dev.converge.transport.ConnectionSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -u}, {@code -b}, {@code --become-user}, {@code --private-key}: below the inventory's settings, below {@code -e}, as in Ansible. */
class ConnectionDefaultsTest {
    @TempDir
    Path dir;

    @Test
    void commandLineConnectionSettingsApplyWhereTheInventorySetsNone() throws Exception {
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    plain: {ansible_host: 10.0.0.1}
                    own: {ansible_host: 10.0.0.2, ansible_ssh_user: deploy, ansible_become: false, ansible_private_key_file: /k/own}
                    extra: {ansible_host: 10.0.0.3, ansible_user: deploy}
                """);
        Path playbook = Files.writeString(dir.resolve("site.yml"), """
                - hosts: all
                  resources:
                    - id: one
                      setting: {name: mode, value: fast}
                """);
        RunOptions defaults = RunOptions.defaults(playbook, inventory);
        RunSelection selection = new RunSelection(
                "",
                Set.of(),
                Set.of(),
                Map.of(),
                Map.of(
                        "ansible_user",
                        "admin",
                        "ansible_become",
                        true,
                        "ansible_become_user",
                        "nova",
                        "ansible_ssh_private_key_file",
                        "/k/cli"),
                "");
        RunOptions options = new RunOptions(
                playbook,
                defaults.inventories(),
                false,
                selection,
                1,
                defaults.connectTimeout(),
                defaults.commandTimeout(),
                defaults.hostKeyChecking(),
                RunInputs.none());
        CompiledRun compiled = CompiledRun.compile(options, new ModuleRegistry(FakeModules.all()));
        ConnectionSpec plain = ConnectionSpecs.of(compiled.inventory().host("plain"), options);
        assertThat(plain.user()).isEqualTo("admin");
        assertThat(plain.become()).isTrue();
        assertThat(plain.becomeUser()).isEqualTo("nova");
        assertThat(plain.privateKeys()).containsExactly(Path.of("/k/cli"));
        ConnectionSpec own = ConnectionSpecs.of(compiled.inventory().host("own"), options);
        assertThat(own.user()).isEqualTo("deploy");
        assertThat(own.become()).isFalse();
        assertThat(own.privateKeys()).containsExactly(Path.of("/k/own"));

        RunOptions withExtra = new RunOptions(
                playbook,
                defaults.inventories(),
                false,
                new RunSelection(
                        "", Set.of(), Set.of(), Map.of("ansible_user", "from-e"), selection.connectionDefaults(), ""),
                1,
                defaults.connectTimeout(),
                defaults.commandTimeout(),
                defaults.hostKeyChecking(),
                RunInputs.none());
        CompiledRun extra = CompiledRun.compile(withExtra, new ModuleRegistry(FakeModules.all()));
        assertThat(ConnectionSpecs.of(extra.inventory().host("extra"), withExtra)
                        .user())
                .isEqualTo("from-e");
        assertThat(ConnectionSpecs.of(extra.inventory().host("plain"), withExtra)
                        .user())
                .isEqualTo("from-e");
    }

    @Test
    void aPlaysBecomeAndUsersSitAboveTheCommandLineAndBelowTheInventoryAndExtraVars() throws Exception {
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    plain: {ansible_host: 10.0.0.1}
                    own: {ansible_host: 10.0.0.2, ansible_become: false, ansible_ssh_user: deploy}
                """);
        Path playbook = Files.writeString(dir.resolve("site.yml"), """
                - hosts: all
                  become: true
                  become_user: nova
                  remote_user: admin
                  resources:
                    - id: one
                      setting: {name: mode, value: fast}
                """);
        RunOptions defaults = RunOptions.defaults(playbook, inventory);
        RunOptions options =
                withSelection(defaults, Map.of(), Map.of("ansible_user", "cli", "ansible_become_user", "cli"));
        CompiledRun compiled = CompiledRun.compile(options, new ModuleRegistry(FakeModules.all()));
        ConnectionSpec plain = ConnectionSpecs.of(compiled.inventory().host("plain"), options);
        assertThat(plain.become()).isTrue();
        assertThat(plain.becomeUser()).isEqualTo("nova");
        assertThat(plain.user()).isEqualTo("admin");
        ConnectionSpec own = ConnectionSpecs.of(compiled.inventory().host("own"), options);
        assertThat(own.become()).isFalse();
        assertThat(own.user()).isEqualTo("deploy");

        RunOptions extra = withSelection(defaults, Map.of("ansible_user", "from-e"), Map.of());
        CompiledRun withExtra = CompiledRun.compile(extra, new ModuleRegistry(FakeModules.all()));
        assertThat(ConnectionSpecs.of(withExtra.inventory().host("plain"), extra)
                        .user())
                .isEqualTo("from-e");
    }

    @Test
    void playsThatConnectToAHostDifferentlyAreRefusedAtThePlayThatDiffers() throws Exception {
        Path inventory = Files.writeString(
                dir.resolve("hosts.yml"),
                "all:\n  hosts:\n    web1: {ansible_host: 10.0.0.1}\n    web2: {ansible_host: 10.0.0.2}\n");
        Path playbook = Files.writeString(dir.resolve("site.yml"), """
                - name: as root
                  hosts: all
                  become: true
                  resources:
                    - id: one
                      setting: {name: mode, value: fast}
                - name: as the user
                  hosts: web2
                  resources:
                    - id: two
                      setting: {name: mode, value: slow}
                """);
        RunOptions defaults = RunOptions.defaults(playbook, inventory);
        InvalidInputException e = Assertions.catchThrowableOfType(
                InvalidInputException.class,
                () -> CompiledRun.compile(defaults, new ModuleRegistry(FakeModules.all())));
        assertThat(e).isNotNull();
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.at().toString()).endsWith("site.yml:7:3");
            assertThat(p.reason())
                    .isEqualTo("web2 is in play 'as root' with become: true and in play 'as the user' with no become:;"
                            + " converge connects to a host one way for the whole run");
        });
        // with -b the second play becomes too: they agree
        RunOptions withB = withSelection(defaults, Map.of(), Map.of("ansible_become", true));
        assertThat(ConnectionSpecs.of(
                                CompiledRun.compile(withB, new ModuleRegistry(FakeModules.all()))
                                        .inventory()
                                        .host("web2"),
                                withB)
                        .become())
                .isTrue();
    }

    private static RunOptions withSelection(
            RunOptions defaults, Map<String, Object> extraVars, Map<String, Object> commandLine) {
        return new RunOptions(
                defaults.playbook(),
                defaults.inventories(),
                false,
                new RunSelection("", Set.of(), Set.of(), extraVars, commandLine, ""),
                1,
                defaults.connectTimeout(),
                defaults.commandTimeout(),
                defaults.hostKeyChecking(),
                RunInputs.none());
    }
}

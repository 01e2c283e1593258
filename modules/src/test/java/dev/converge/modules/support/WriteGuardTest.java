package dev.converge.modules.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.exec.ModuleHarness;
import dev.converge.modules.ini.IniModule;
import dev.converge.modules.ini.IniParams;
import dev.converge.modules.keyvalue.KeyValueModule;
import dev.converge.modules.keyvalue.KeyValueParams;
import dev.converge.modules.line.LineModule;
import dev.converge.modules.line.LineParams;
import dev.converge.spi.Change;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.TemplateRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** validate: and backup: on line, keyvalue and ini, through the engine's real gather and apply scripts on this machine. */
class WriteGuardTest {
    private static final List<String> NEEDS_ACCEPT = List.of("grep", "-q", "ACCEPT-ME", "%s");
    private static final TemplateRendererNone NONE = new TemplateRendererNone();

    @TempDir
    Path dir;

    @Test
    void aRejectedLineLeavesTheFileAsItWasAndAnAcceptedOneIsBackedUp() throws Exception {
        Path conf = Files.writeString(dir.resolve("sshd_config"), "PermitRootLogin no\n");
        LineModule module = new LineModule();
        ModuleHarness<LineParams> harness = new ModuleHarness<>(module, NONE);
        LineParams rejected = new LineParams(
                conf.toString(),
                "PermitRootLogin bogus-value",
                "^PermitRootLogin",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                NEEDS_ACCEPT,
                true);
        assertThat(module.validate(rejected, NONE)).isEmpty();
        Change change = harness.plan(rejected).change();
        assertThatThrownBy(() -> harness.apply(change))
                .hasMessageContaining("file: grep rejected the new content of " + conf);
        assertThat(conf).hasContent("PermitRootLogin no");
        assertThat(backups("sshd_config")).isEmpty();

        LineParams accepted = new LineParams(
                conf.toString(),
                "PermitRootLogin prohibit-password # ACCEPT-ME",
                "^PermitRootLogin",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                NEEDS_ACCEPT,
                true);
        harness.apply(harness.plan(accepted).change());
        assertThat(conf).hasContent("PermitRootLogin prohibit-password # ACCEPT-ME");
        assertThat(backups("sshd_config"))
                .singleElement()
                .satisfies(b -> assertThat(b).hasContent("PermitRootLogin no"));
        assertThat(harness.plan(accepted).change().changed()).isFalse();
    }

    @Test
    void keyvalueAndIniAreGuardedTheSameWay() throws Exception {
        Path libvirt = Files.writeString(dir.resolve("libvirtd.conf"), "#listen_tcp = 1\n");
        ModuleHarness<KeyValueParams> kv = new ModuleHarness<>(new KeyValueModule(), NONE);
        KeyValueParams listen = new KeyValueParams(
                libvirt.toString(),
                "libvirt",
                Map.of("listen_tcp", 1),
                null,
                null,
                null,
                null,
                null,
                NEEDS_ACCEPT,
                null);
        Change change = kv.plan(listen).change();
        assertThatThrownBy(() -> kv.apply(change)).hasMessageContaining("rejected the new content");
        assertThat(libvirt).hasContent("#listen_tcp = 1");

        Path nova = Files.writeString(dir.resolve("nova.conf"), "[DEFAULT]\ndebug = true\n");
        ModuleHarness<IniParams> ini = new ModuleHarness<>(new IniModule(), NONE);
        IniParams debugOff = new IniParams(
                nova.toString(),
                "DEFAULT",
                Map.of("debug", false),
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("grep", "-q", "^debug = false$", "%s"),
                true);
        ini.apply(ini.plan(debugOff).change());
        assertThat(nova).hasContent("[DEFAULT]\ndebug = false");
        assertThat(backups("nova.conf"))
                .singleElement()
                .satisfies(b -> assertThat(b).hasContent("[DEFAULT]\ndebug = true"));
    }

    @Test
    void aValidateThatIsAShellStringOrNamesNoFileIsAProblem() {
        LineParams shell = new LineParams(
                "/etc/x", "a", null, null, null, null, null, null, null, null, List.of("sshd -t -f %s"), null);
        assertThat(new LineModule().validate(shell, NONE))
                .extracting(ParamProblem::parameter)
                .containsExactly("validate");
        IniParams noFile =
                new IniParams("/etc/x", "s", Map.of("a", 1), null, null, null, null, null, null, List.of("true"), null);
        assertThat(new IniModule().validate(noFile, NONE))
                .extracting(ParamProblem::reason)
                .containsExactly("validate does not name the file to check with %s");
    }

    /** The backups the engine keeps beside a file: {@code NAME.PID.DATE~}. */
    private List<Path> backups(String name) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + ".")
                            && f.getFileName().toString().endsWith("~"))
                    .toList();
        }
    }

    private static final class TemplateRendererNone implements TemplateRenderer {
        @Override
        public String render(String name) {
            throw new TemplateProblem("no templates here: " + name);
        }
    }
}

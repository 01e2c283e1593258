package dev.converge.modules.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.bind.LocalSources;
import dev.converge.config.RunInputs;
import dev.converge.config.SecretTaint;
import dev.converge.config.Templating;
import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Change;
import dev.converge.spi.Module;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.SourceFiles;
import dev.converge.spi.TemplateRenderer;
import dev.converge.testing.ModuleContractTest;
import dev.converge.testing.Shells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract under each shell, with the engine's own {@link LocalSources} over {@code local/}
 * (the playbook's folder) and the "host" in {@code host/}: a content, a file into a directory (one
 * that exists, and {@code dest/} made as Ansible makes it), a
 * directory with and without its trailing slash, a binary file.
 */
class CopyModuleContractTest extends ModuleContractTest<CopyParams> {
    static final byte[] BINARY = {0, 1, 2, (byte) 0xff, 0, 'x', '\n'};

    @Override
    protected Module<CopyParams> module() {
        return new CopyModule();
    }

    @Override
    protected void prepare() throws Exception {
        Path local = Files.createDirectories(dir.resolve("local/files"));
        Files.writeString(local.resolve("app.conf"), "listen = 1\n");
        Files.createDirectories(local.resolve("conf.d/sub"));
        Files.writeString(local.resolve("conf.d/a.conf"), "a = 1\n");
        Files.writeString(local.resolve("conf.d/sub/b.conf"), "b = 2\n");
        Files.write(local.resolve("blob.bin"), BINARY);
        Files.createDirectories(dir.resolve("host/etc"));
    }

    @Override
    protected TemplateRenderer templates() {
        SourceFiles sources = new LocalSources(
                List.of(dir.resolve("local/files"), dir.resolve("local")),
                new Templating(List.of(dir.resolve("local/templates")), SecretTaint.none(), RunInputs.none()));
        return new TemplateRenderer() {
            @Override
            public String render(String name) {
                throw new TemplateProblem("no templates here: " + name);
            }

            @Override
            public SourceFiles sources() {
                return sources;
            }
        };
    }

    private String host() {
        return dir.resolve("host").toString();
    }

    static CopyParams content(String dest, String content) {
        return new CopyParams(null, content, dest, null, null, null, null, null, null, null, null, null);
    }

    static CopyParams src(String src, String dest, String mode) {
        return new CopyParams(src, null, dest, null, null, mode, null, null, null, null, null, null);
    }

    @Override
    protected List<CopyParams> convergingCases() {
        return List.of(
                content(host() + "/motd", "welcome\n"),
                src("app.conf", host() + "/etc/", null),
                src("app.conf", host() + "/new/dir/", "0600"),
                src("conf.d", host() + "/etc", "0640"),
                src("conf.d/", host() + "/contents", null),
                src("blob.bin", host() + "/blob.bin", "0600"));
    }

    @Override
    protected List<CopyParams> invalidCases() {
        return List.of(
                new CopyParams(null, null, "/etc/x", null, null, null, null, null, null, null, null, null),
                new CopyParams("app.conf", "x", "/etc/x", null, null, null, null, null, null, null, null, null),
                src("app.conf", "etc/x", null),
                src("missing.conf", "/etc/x", null),
                content("/etc/", "x"),
                new CopyParams(
                        "conf.d", null, "/etc", null, null, null, null, null, null, null, List.of("true", "%s"), null));
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void filesAndDirectoriesLandWhereAnsiblePutsThem(Shells.Shell shell) throws Exception {
        prepare();
        for (CopyParams p : convergingCases()) {
            ModuleHarness<CopyParams> harness = new ModuleHarness<>(module(), templates(), shell.transport());
            harness.apply(harness.plan(p).change());
        }
        Path h = dir.resolve("host");
        assertThat(h.resolve("motd")).hasContent("welcome");
        assertThat(h.resolve("etc/app.conf")).hasContent("listen = 1");
        assertThat(h.resolve("new/dir/app.conf")).hasContent("listen = 1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(h.resolve("new/dir"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(h.resolve("etc/conf.d/a.conf")).hasContent("a = 1");
        assertThat(h.resolve("etc/conf.d/sub/b.conf")).hasContent("b = 2");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(h.resolve("etc/conf.d/sub/b.conf"))))
                .isEqualTo("rw-r-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(h.resolve("etc/conf.d/sub"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(h.resolve("contents/a.conf")).hasContent("a = 1");
        assertThat(h.resolve("contents/conf.d")).doesNotExist();
        assertThat(Files.readAllBytes(h.resolve("blob.bin"))).isEqualTo(BINARY);
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void forceFalseLeavesAnExistingFileAndAChangedSourceReplacesItWithABackup(Shells.Shell shell) throws Exception {
        prepare();
        Path target = Files.writeString(dir.resolve("host/etc/app.conf"), "mine\n");
        ModuleHarness<CopyParams> harness = new ModuleHarness<>(module(), templates(), shell.transport());
        CopyParams keep = new CopyParams(
                "app.conf", null, target.toString(), null, null, null, null, false, null, null, null, null);
        assertThat(harness.plan(keep).change().changed()).isFalse();
        CopyParams replace = new CopyParams(
                "app.conf",
                null,
                target.toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("grep", "-q", "^listen", "%s"),
                true);
        harness.apply(harness.plan(replace).change());
        assertThat(target).hasContent("listen = 1");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.filter(f -> f.getFileName().toString().matches("app\\.conf\\.\\d+\\..*~")))
                    .singleElement()
                    .satisfies(b -> assertThat(b).hasContent("mine"));
        }
        Files.writeString(target, "mine again\n");
        CopyParams rejected = new CopyParams(
                "app.conf",
                null,
                target.toString(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of("grep", "-q", "^never", "%s"),
                null);
        Change change = harness.plan(rejected).change();
        Assertions.assertThatThrownBy(() -> harness.apply(change))
                .hasMessageContaining("rejected the new content of " + target);
        assertThat(target).hasContent("mine again");
    }

    @Test
    void aMissingSourceIsAProblemOfSrcNamingWhereItWasLookedFor() throws Exception {
        prepare();
        List<ParamProblem> problems = module().validate(src("nope.conf", "/etc/nope.conf", null), templates());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.parameter()).isEqualTo("src");
            assertThat(p.reason()).contains("src 'nope.conf' not found (looked in " + dir.resolve("local/files"));
        });
    }
}

package dev.converge.modules.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Change;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.UnreadableFactException;
import dev.converge.testing.ModuleContractTest;
import dev.converge.testing.Shells;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FileModuleContractTest extends ModuleContractTest<FileParams> {
    @Override
    protected Module<FileParams> module() {
        return new FileModule();
    }

    @Override
    protected void prepare() throws Exception {
        Files.writeString(dir.resolve("existing.conf"), "old\n");
        Files.createDirectories(dir.resolve("gone"));
        Files.writeString(dir.resolve("gone/inner"), "x");
    }

    @Override
    protected List<FileParams> convergingCases() {
        String d = dir.toString();
        return List.of(
                new FileParams(d + "/new.conf", null, "a = 1\n", null, "0640", null, null, null, null),
                new FileParams(d + "/existing.conf", "file", "new\n", null, null, null, null, null, null),
                new FileParams(d + "/existing.conf", "file", null, null, "600", null, null, null, null),
                new FileParams(d + "/sub/dir", "directory", null, null, "0750", null, null, null, null),
                new FileParams(d + "/gone", "absent", null, null, null, null, null, null, null),
                new FileParams(
                        d + "/it's $(touch pwned) `x`; \"q\"",
                        null,
                        "literal $(id)\n",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                new FileParams(d + "/existing.conf", null, "a = 1\n", null, null, null, null, GREP_A, true),
                new FileParams(
                        d + "/it's $(touch pwned) v.conf",
                        null,
                        "a = 2\n",
                        null,
                        null,
                        null,
                        null,
                        List.of(
                                "sh",
                                "-c",
                                "case $1 in --file=/*) grep -q '^a = ' \"${1#--file=}\";; *) exit 2;; esac",
                                "sh",
                                "--file=%s"),
                        true));
    }

    /** A validator that accepts a file holding an {@code a = } line; the file is its first argument. */
    private static final List<String> GREP_A = List.of("sh", "-c", "grep -q '^a = ' \"$1\"", "sh", "%s");

    /** The reproduction of issue 13: with bash as sh the rejected content used to be written. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aRejectedContentIsNotWrittenAndLeavesNoTempFile(Shells.Shell shell) throws Exception {
        prepare();
        FileParams p = new FileParams(dir + "/existing.conf", null, "b = 1\n", null, null, null, null, GREP_A, true);
        ModuleHarness<FileParams> harness = new ModuleHarness<>(module(), templates(), shell.transport());
        Change change = harness.plan(p).change();
        assertThat(change.operations()).hasSize(2);
        assertThat(change.toString()).doesNotContain("b = 1");
        assertThatThrownBy(() -> harness.apply(change))
                .hasMessageContaining("file: sh rejected the new content of " + dir
                        + "/existing.conf (exit 1); the file was not changed");
        assertThat(dir.resolve("existing.conf")).hasContent("old");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("existing.conf", "gone");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void backupKeepsThePreviousContentAndModeBesideTheFileUnderAnAnsibleLikeName(Shells.Shell shell) throws Exception {
        prepare();
        Files.setPosixFilePermissions(dir.resolve("existing.conf"), PosixFilePermissions.fromString("rw-r-----"));
        FileParams p = new FileParams(dir + "/existing.conf", null, "a = 1\n", null, null, null, null, GREP_A, true);
        ModuleHarness<FileParams> harness = new ModuleHarness<>(module(), templates(), shell.transport());
        harness.apply(harness.plan(p).change());
        assertThat(dir.resolve("existing.conf")).hasContent("a = 1");
        Path backup;
        try (var files = Files.list(dir)) {
            backup = files.filter(f -> f.getFileName()
                            .toString()
                            .matches("existing\\.conf\\.\\d+\\.\\d{4}-\\d\\d-\\d\\d@\\d\\d:\\d\\d:\\d\\d~"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no backup named existing.conf.PID.YYYY-MM-DD@HH:MM:SS~"));
        }
        assertThat(backup).hasContent("old");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                .isEqualTo("rw-r-----");
        FileParams created = new FileParams(dir + "/fresh.conf", null, "a = 1\n", null, null, null, null, null, true);
        Change create = harness.plan(created).change();
        assertThat(create.operations()).singleElement().isInstanceOf(Operation.WriteFile.class);
    }

    /** A link in another user's directory: refused at plan (no content read, none shown); follow: true writes the target, keeping its owner. */
    @ParameterizedTest
    @MethodSource("dev.converge.testing.Shells#installed")
    void aLinkIsFollowedOnlyWhenSafeOrAskedFor(Shells.Shell shell) throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.conf"), "secret = 1\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        var nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(home, nobody);
        Path link = Files.createSymbolicLink(home.resolve("app.conf"), victim);
        ModuleHarness<FileParams> harness = new ModuleHarness<>(module(), templates(), shell.transport());
        FileParams refused =
                new FileParams(link.toString(), null, "owned = 1\n", null, null, "nobody", null, null, null, null);
        assertThatThrownBy(() -> harness.plan(refused))
                .isInstanceOf(UnreadableFactException.class)
                .hasMessageContaining(link + " is a symlink in " + home + ", a directory other users can write")
                .hasMessageNotContaining("secret");
        FileParams followed =
                new FileParams(link.toString(), null, "owned = 1\n", null, null, null, null, null, null, true);
        Change change = harness.plan(followed).change();
        harness.apply(change);
        assertThat(victim).hasContent("owned = 1");
        assertThat(Files.getOwner(victim).getName()).isEqualTo("root");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(harness.plan(followed).change().changed()).isFalse();
    }

    @Override
    protected List<FileParams> invalidCases() {
        return List.of(
                new FileParams("relative/path", null, "x", null, null, null, null, null, null),
                new FileParams("/tmp/x", "present", null, null, null, null, null, null, null),
                new FileParams("/tmp/x", null, "x", "t.ftl", null, null, null, null, null),
                new FileParams("/tmp/x", null, null, null, "rw-r--r--", null, null, null, null),
                new FileParams("/tmp/../etc/x", null, null, null, null, null, null, null, null),
                new FileParams(null, null, null, null, null, null, null, null, null),
                new FileParams("/tmp/x", null, "x", null, null, null, null, List.of("visudo", "-c"), null),
                new FileParams("/tmp/x", null, "x", null, null, null, null, List.of("visudo -cf %s"), null),
                new FileParams("/tmp/x", null, "x", null, null, null, null, List.of(), null),
                new FileParams("/tmp/x", "directory", null, null, null, null, null, null, true));
    }
}

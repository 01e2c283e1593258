package dev.converge.gather;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.UnreadableFactException;
import dev.converge.testing.Shells;
import dev.converge.testing.Shells.Shell;
import dev.converge.transport.ExecResult;
import dev.converge.transport.LocalTransport;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file the gather cannot or must not read is an error of its fact alone (the resources reading
 * it fail, the others and the host go on); a host lacking a required command is named as such.
 */
class GatherFactErrorsTest {
    /** Readable by nobody (a JUnit temp dir is 0700). */
    private Path dir;

    @BeforeEach
    void open() throws Exception {
        dir = Files.createTempDirectory("converge-gather");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterEach
    void close() throws Exception {
        new ProcessBuilder("rm", "-rf", "--", dir.toString()).start().waitFor();
    }

    static List<Shell> shells() {
        return Shells.installed();
    }

    @ParameterizedTest
    @MethodSource("shells")
    void anOversizedFileAndAnUnsafeLinkFailOnlyTheirFacts(Shell shell) throws Exception {
        Path small = Files.writeString(dir.resolve("small.conf"), "a = 1\n");
        Path big = Files.writeString(dir.resolve("big.img"), "x".repeat(100));
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$hash:19000::::::\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.setOwner(
                home, home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        Path planted = home.resolve("app.conf");
        Files.createSymbolicLink(planted, secret);
        Files.getFileAttributeView(planted, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setOwner(home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        // a missing path and a directory between them: the one pass over the stat records keeps its place
        List<Fact> facts = List.of(
                new Fact.FileRead(small.toString()),
                new Fact.FileRead(dir.resolve("absent").toString()),
                new Fact.FileRead(home.toString()),
                new Fact.FileRead(big.toString()),
                new Fact.FileRead(planted.toString()),
                new Fact.CommandRun(List.of("echo", "still here")));
        ExecResult result = shell.run(GatherScript.build(facts, "n0nce", false, 64));
        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        GatherResult parsed = GatherResult.parse(facts, "n0nce", result.stdout());
        assertThat(parsed.file((Fact.FileRead) facts.get(0)).text()).isEqualTo("a = 1\n");
        assertThat(parsed.file((Fact.FileRead) facts.get(1)).exists()).isFalse();
        assertThat(parsed.file((Fact.FileRead) facts.get(2)).kind()).isEqualTo(FileInfo.Kind.DIRECTORY);
        assertThat(parsed.file((Fact.FileRead) facts.get(2)).owner()).isEqualTo("nobody");
        assertThatThrownBy(() -> parsed.file((Fact.FileRead) facts.get(3)))
                .isInstanceOf(UnreadableFactException.class)
                .hasMessage(
                        big
                                + " is 100 bytes, more than converge reads (host variable converge_max_file_bytes, default 67108864)");
        assertThatThrownBy(() -> parsed.file((Fact.FileRead) facts.get(4)))
                .isInstanceOf(UnreadableFactException.class)
                .hasMessageContaining(
                        planted + " is a symlink in " + home + ", a directory other users can write; not following it");
        assertThat(new String(result.stdout()))
                .as("the target's content is never read")
                .doesNotContain("cm9vdDok")
                .doesNotContain("$6$hash");
        assertThat(parsed.command((Fact.CommandRun) facts.get(5)).stdout()).isEqualTo("still here\n");
    }

    /** As an unprivileged user (the reproduction: a line on /etc/shadow plus an unrelated resource). */
    @ParameterizedTest
    @MethodSource("shells")
    void anUnreadableFileFailsOnlyItsFact(Shell shell) throws Exception {
        Path shadow = Files.writeString(dir.resolve("shadow"), "root:x\n");
        Files.setPosixFilePermissions(shadow, PosixFilePermissions.fromString("rw-------"));
        Path other = Files.writeString(dir.resolve("other.conf"), "fine\n");
        List<Fact> facts = List.of(new Fact.FileRead(shadow.toString()), new Fact.FileRead(other.toString()));
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        argv.addAll(shell.argv("TMPDIR=/tmp"));
        ExecResult result =
                new LocalTransport().exec(argv, GatherScript.build(facts, "n0nce", false), Duration.ofSeconds(60));
        assertThat(result.exitCode()).as(result.stderrText()).isZero();
        GatherResult parsed = GatherResult.parse(facts, "n0nce", result.stdout());
        assertThatThrownBy(() -> parsed.file((Fact.FileRead) facts.get(0)))
                .isInstanceOf(UnreadableFactException.class)
                .hasMessage("cannot read " + shadow + " on the host (permission denied)");
        FileInfo fine = parsed.file((Fact.FileRead) facts.get(1));
        assertThat(fine.text()).isEqualTo("fine\n");
        assertThat(fine.owner()).isEqualTo("root");
        assertThat(fine.mode()).isEqualTo("0644");
    }

    @ParameterizedTest
    @MethodSource("shells")
    void aHostLackingARequiredCommandIsToldWhich(Shell shell) throws Exception {
        // this userland without sha256sum and readlink
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String dirEntry : shell.path().split(":")) {
            try (var entries = Files.list(Path.of(dirEntry))) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    String name = p.getFileName().toString();
                    if (!name.equals("sha256sum")
                            && !name.equals("readlink")
                            && !Files.exists(bin.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(bin.resolve(name), p.toRealPath());
                    }
                }
            } catch (NoSuchFileException absent) {
                // a PATH entry this machine lacks
            }
        }
        Shell lacking = new Shell(shell.name(), bin.toString());
        List<Fact> facts = List.of(new Fact.FileRead("/etc/hostname"));
        ExecResult result = lacking.run(GatherScript.build(facts, "n0nce"));
        assertThatThrownBy(() -> GatherResult.parse(facts, "n0nce", result.stdout()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the host lacks what converge needs: readlink sha256sum (see docs/host-requirements.md)");
    }
}

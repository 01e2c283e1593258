package dev.converge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which options a run gets, and what happens to the files; the JVM's side is LauncherJarTest's (modules). */
class ClassDataArchiveTest {
    @TempDir
    Path tmp;

    Path cache;
    Path jar;

    @BeforeEach
    void files() throws Exception {
        cache = Files.createDirectory(tmp.resolve("cache"));
        jar = Files.writeString(tmp.resolve("converge.jar"), "a jar");
    }

    private ClassDataArchive.Use use(int feature) {
        return new ClassDataArchive(cache, jar, feature, "/jdk\n17.0.15").use();
    }

    /** A file as the JVM dumps it: the dynamic archive's magic number first. */
    private static void dump(Path file) throws Exception {
        ByteBuffer head = ByteBuffer.allocate(64).order(ByteOrder.nativeOrder()).putInt(0xf00baba8);
        Files.write(file, head.array());
    }

    @Test
    void jdk17FirstRunDumpsIntoATempFileThatCommitRenamesIntoPlace() throws Exception {
        ClassDataArchive.Use first = use(17);
        assertThat(first.written().getParent()).isEqualTo(cache);
        assertThat(first.written().getFileName().toString())
                .startsWith(first.archive().getFileName().toString())
                .endsWith("." + ProcessHandle.current().pid() + ".tmp");
        assertThat(first.jvmOptions())
                .containsExactly(
                        "-XX:ArchiveClassesAtExit=" + first.written(), "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

        dump(first.written());
        first.commit();
        assertThat(first.archive()).exists();
        assertThat(first.written()).doesNotExist();

        ClassDataArchive.Use second = use(17);
        assertThat(second.written()).isNull();
        assertThat(second.jvmOptions())
                .containsExactly(
                        "-XX:SharedArchiveFile=" + first.archive(),
                        "-Xshare:auto",
                        "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off");
    }

    @Test
    void aDumpThatDidNotHappenOrIsNotAnArchiveLeavesNothing() throws Exception {
        ClassDataArchive.Use nothingWritten = use(17);
        nothingWritten.commit();
        assertThat(cache).isEmptyDirectory();

        ClassDataArchive.Use cutShort = use(17);
        Files.write(cutShort.written(), new byte[] {1, 2});
        cutShort.commit();
        assertThat(cache).isEmptyDirectory();
    }

    @Test
    void aCorruptArchiveIsMadeAgain() throws Exception {
        Path archive = use(17).archive();
        Files.writeString(archive, "garbage, not an archive");
        ClassDataArchive.Use use = use(17);
        assertThat(use.written()).isNotNull();
        assertThat(use.jvmOptions().get(0)).startsWith("-XX:ArchiveClassesAtExit=");
        dump(use.written());
        use.commit();
        assertThat(ClassDataArchive.isDynamicArchive(archive)).isTrue();
    }

    @Test
    void jdk19AndNewerLetTheJvmMakeIt() {
        ClassDataArchive.Use use = use(25);
        assertThat(use.written()).isNull();
        assertThat(use.jvmOptions())
                .containsExactly(
                        "-XX:+AutoCreateSharedArchive",
                        "-XX:SharedArchiveFile=" + use.archive(),
                        "-Xlog:cds=off",
                        "-Xlog:cds+dynamic=off");
    }

    @Test
    void keyedByJarPathSizeMtimeAndJvm() throws Exception {
        Path archive = use(17).archive();
        assertThat(use(17).archive()).isEqualTo(archive);
        assertThat(new ClassDataArchive(cache, jar, 17, "/jdk\n17.0.16").use().archive())
                .as("another JVM")
                .isNotEqualTo(archive);
        Path other = Files.copy(jar, tmp.resolve("other.jar"));
        Files.setLastModifiedTime(other, Files.getLastModifiedTime(jar));
        assertThat(new ClassDataArchive(cache, other, 17, "/jdk\n17.0.15").use().archive())
                .as("another path")
                .isNotEqualTo(archive);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(use(17).archive()).as("another mtime").isNotEqualTo(archive);
        Files.writeString(jar, "a jar, rebuilt");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(use(17).archive()).as("another size").isNotEqualTo(archive);
    }

    @Test
    void aNewBuildsFirstRunRemovesTheArchivesOfEarlierBuildsAndStaleTempFiles() throws Exception {
        ClassDataArchive.Use old = use(17);
        dump(old.written());
        old.commit();
        Path otherJvm =
                new ClassDataArchive(cache, jar, 17, "/jdk\n17.0.16").use().archive();
        dump(otherJvm);
        Path staleTemp = cache.resolve("converge-0-0.jsa.1.tmp");
        Files.writeString(staleTemp, "x");
        Files.setLastModifiedTime(staleTemp, FileTime.from(Instant.now().minusSeconds(2 * 86400)));
        Path freshTemp = cache.resolve("converge-0-0.jsa.2.tmp");
        Files.writeString(freshTemp, "a concurrent first run's");
        Path unrelated = Files.writeString(cache.resolve("notes.txt"), "kept");

        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        ClassDataArchive.Use rebuilt = use(17);

        assertThat(old.archive()).doesNotExist();
        assertThat(staleTemp).doesNotExist();
        assertThat(List.of(otherJvm, freshTemp, unrelated)).allMatch(Files::exists);
        assertThat(rebuilt.written()).isNotNull();
    }

    @Test
    void onlyASingleJarClassPathHasAnArchive() {
        assertThat(ClassDataArchive.forRun("")).isNull();
        assertThat(ClassDataArchive.forRun(tmp.toString())).as("a directory").isNull();
        assertThat(ClassDataArchive.forRun(jar + ":" + jar)).isNull();
        assertThat(ClassDataArchive.forRun(tmp.resolve("missing.jar").toString()))
                .isNull();
    }

    @Test
    void hashSeparatesItsParts() {
        assertThat(ClassDataArchive.hash("ab", "c")).isNotEqualTo(ClassDataArchive.hash("a", "bc"));
        assertThat(ClassDataArchive.hash("ab", "c")).isEqualTo(ClassDataArchive.hash("ab", "c"));
    }
}

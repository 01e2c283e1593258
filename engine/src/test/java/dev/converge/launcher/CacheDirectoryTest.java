package dev.converge.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void createdPrivateUnderXdgCacheHome() throws Exception {
        Path dir = CacheDirectory.find(
                tmp.resolve("xdg").toString(), tmp.resolve("home").toString());
        assertThat(dir).isEqualTo(tmp.resolve("xdg/converge"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
                .isEqualTo("rwx------");
        assertThat(tmp.resolve("home")).doesNotExist();
        assertThat(CacheDirectory.find(tmp.resolve("xdg").toString(), null))
                .as("found again")
                .isEqualTo(dir);
    }

    @Test
    void homeCacheWhenXdgIsUnsetOrRelative() {
        String home = tmp.resolve("home").toString();
        assertThat(CacheDirectory.find(null, home)).isEqualTo(tmp.resolve("home/.cache/converge"));
        assertThat(CacheDirectory.find("", home)).isEqualTo(tmp.resolve("home/.cache/converge"));
        assertThat(CacheDirectory.find("relative/cache", home)).isEqualTo(tmp.resolve("home/.cache/converge"));
        assertThat(CacheDirectory.find(null, null)).isNull();
        assertThat(CacheDirectory.find(null, "relative")).isNull();
    }

    @Test
    void aSymlinkAtTheDirectoryIsNeverFollowed() throws Exception {
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        Files.createDirectory(tmp.resolve("xdg"));
        Files.createSymbolicLink(tmp.resolve("xdg/converge"), elsewhere);
        assertThat(CacheDirectory.find(tmp.resolve("xdg").toString(), null)).isNull();
        assertThat(Files.isSymbolicLink(tmp.resolve("xdg/converge"))).isTrue();
        assertThat(elsewhere).isEmptyDirectory();
    }

    @Test
    void aFileOrADirectoryOthersCanWriteIsNone() throws Exception {
        Files.createDirectory(tmp.resolve("a"));
        Files.writeString(tmp.resolve("a/converge"), "not a directory");
        assertThat(CacheDirectory.find(tmp.resolve("a").toString(), null)).isNull();

        Path shared = Files.createDirectories(tmp.resolve("b/converge"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(CacheDirectory.find(tmp.resolve("b").toString(), null)).isNull();
    }

    @Test
    void aDirectoryOfAnotherUserIsNone() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "chown needs root");
        Path theirs = Files.createDirectories(tmp.resolve("xdg/converge"));
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
        UserPrincipal nobody =
                theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(theirs, nobody);
        assertThat(CacheDirectory.find(tmp.resolve("xdg").toString(), null)).isNull();
        assertThat(Files.getOwner(theirs, LinkOption.NOFOLLOW_LINKS)).isEqualTo(nobody);
    }

    @Test
    void anUnwritableDirectoryIsNone() throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root writes anywhere");
        Path mine = Files.createDirectories(tmp.resolve("xdg/converge"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("r-x------"));
        assertThat(CacheDirectory.find(tmp.resolve("xdg").toString(), null)).isNull();
    }
}

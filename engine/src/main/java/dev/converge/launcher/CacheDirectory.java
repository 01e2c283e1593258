package dev.converge.launcher;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The user's converge cache directory, {@code $XDG_CACHE_HOME/converge} or {@code ~/.cache/converge}
 * (a relative XDG_CACHE_HOME is ignored, as the XDG spec says), created 0700. It is used only when
 * it is a real directory (not a symlink, which is never followed: another user could have planted
 * it), owned by this user, writable by no one else, and writable by this user; else there is none
 * and the launcher runs without an archive, silently.
 */
final class CacheDirectory {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private CacheDirectory() {}

    /** The directory, or null when there is no safe one. */
    static Path find(String xdgCacheHome, String userHome) {
        try {
            Path base;
            if (xdgCacheHome != null
                    && !xdgCacheHome.isEmpty()
                    && Path.of(xdgCacheHome).isAbsolute()) {
                base = Path.of(xdgCacheHome);
            } else if (userHome != null
                    && !userHome.isEmpty()
                    && Path.of(userHome).isAbsolute()) {
                base = Path.of(userHome, ".cache");
            } else {
                return null;
            }
            return owned(base.resolve("converge"));
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static Path owned(Path dir) {
        try {
            FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(PRIVATE);
            Files.createDirectories(dir.getParent(), mode);
            try {
                Files.createDirectory(dir, mode); // never through a symlink at dir: it exists, so this fails
            } catch (FileAlreadyExistsException e) {
                // made by an earlier run (or planted): checked below
            }
            PosixFileAttributes attributes =
                    Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal me = dir.getFileSystem()
                    .getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            Set<PosixFilePermission> permissions = attributes.permissions();
            if (!attributes.isDirectory()
                    || !attributes.owner().equals(me)
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)
                    || !Files.isWritable(dir)) {
                return null;
            }
            return dir;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }
}

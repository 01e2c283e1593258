package dev.converge.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * The launcher's class-data archive (AppCDS, dynamic): the classes a run loaded, stored by the JVM
 * so that the next run maps them instead of reading and verifying them from the jar. One file per
 * user ({@link CacheDirectory}), jar (its path, size and mtime) and JVM (java.home and version),
 * {@code converge-<jar and JVM>-<jar's size and mtime>.jsa}; a new build's first run removes the
 * archives of that jar's earlier builds.
 *
 * <ul>
 *   <li>JDK 19 or newer: {@code -XX:+AutoCreateSharedArchive}: the JVM makes the archive, and makes it
 *       again when it cannot use it.
 *   <li>JDK 17 and 18: the first run dumps into a temp file of its own ({@code
 *       -XX:ArchiveClassesAtExit}), renamed over the archive by the launcher once the child exited
 *       (atomic: concurrent first runs each write their own temp file, the last rename wins, a
 *       reader sees an old or a new archive, never half of one); later runs map it ({@code
 *       -XX:SharedArchiveFile}, {@code -Xshare:auto}: a JVM ignores an archive it cannot use). A
 *       file that is not a dynamic archive (corrupt, truncated to nothing) is made again.
 * </ul>
 *
 * The JVM's CDS messages are off ({@code -Xlog:cds=off -Xlog:cds+dynamic=off}): the output of a run
 * is the same with or without an archive.
 */
final class ClassDataArchive {
    /** The magic number a dynamic archive starts with (CDS_DYNAMIC_ARCHIVE_MAGIC), in native byte order. */
    private static final int DYNAMIC_MAGIC = 0xf00baba8;

    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    private static final long STALE_TEMP_MILLIS = 24L * 3600 * 1000;

    /** The options of one run, and what to do once its JVM has exited. */
    record Use(List<String> jvmOptions, Path written, Path archive) {
        static final Use NONE = new Use(List.of(), null, null);

        /** Renames a newly dumped archive into place (JDK 17, 18); a failed dump leaves nothing behind. */
        void commit() {
            if (written == null) {
                return;
            }
            try {
                if (isDynamicArchive(written)) {
                    Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                // the next run tries again
            } finally {
                try {
                    Files.deleteIfExists(written);
                } catch (IOException e) {
                    // removed as stale by a later first run
                }
            }
        }
    }

    private final Path directory;
    private final Path jar;
    private final int feature;
    private final String jvm;

    ClassDataArchive(Path directory, Path jar, int feature, String jvm) {
        this.directory = directory;
        this.jar = jar;
        this.feature = feature;
        this.jvm = jvm;
    }

    /**
     * The archive of a run on {@code classPath}, in the user's cache; null when there is none: the
     * class path is not one jar (an archive needs jars), no safe cache directory, or a path a JVM
     * option cannot hold.
     */
    static ClassDataArchive forRun(String classPath) {
        if (classPath.isEmpty() || classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return null;
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        Path directory = CacheDirectory.find(System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));
        if (directory == null || directory.toString().contains(File.pathSeparator)) {
            return null; // SharedArchiveFile takes "base:top": a ':' in the path would split it
        }
        int feature;
        try {
            feature = Integer.parseInt(System.getProperty("java.specification.version", ""));
        } catch (NumberFormatException e) {
            return null;
        }
        String jvm = new StringBuilder(System.getProperty("java.home", ""))
                .append('\n')
                .append(System.getProperty("java.vm.version", ""))
                .toString();
        return new ClassDataArchive(directory, jar, feature, jvm);
    }

    /** The JVM options for this run (none when the jar cannot be read). */
    Use use() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        } catch (IOException e) {
            return Use.NONE;
        }
        String prefix = new StringBuilder("converge-")
                .append(hash(jar.toString(), jvm))
                .append('-')
                .toString();
        String name = new StringBuilder(prefix)
                .append(hash(
                        Long.toString(attributes.size()),
                        Long.toString(attributes.lastModifiedTime().toMillis())))
                .append(".jsa")
                .toString();
        Path archive = directory.resolve(name);
        String file = archive.toString();
        if (feature >= 19) {
            if (!Files.exists(archive)) {
                removeOthers(prefix, name);
            }
            return new Use(
                    List.of(
                            "-XX:+AutoCreateSharedArchive",
                            "-XX:SharedArchiveFile=".concat(file),
                            QUIET.get(0),
                            QUIET.get(1)),
                    null,
                    archive);
        }
        if (isDynamicArchive(archive)) {
            return new Use(
                    List.of("-XX:SharedArchiveFile=".concat(file), "-Xshare:auto", QUIET.get(0), QUIET.get(1)),
                    null,
                    archive);
        }
        removeOthers(prefix, name);
        Path written = directory.resolve(new StringBuilder(name)
                .append('.')
                .append(ProcessHandle.current().pid())
                .append(".tmp")
                .toString());
        try {
            Files.deleteIfExists(written);
        } catch (IOException e) {
            return Use.NONE;
        }
        return new Use(
                List.of("-XX:ArchiveClassesAtExit=".concat(written.toString()), QUIET.get(0), QUIET.get(1)),
                written,
                archive);
    }

    /** True when {@code file} starts with a dynamic archive's magic number. */
    static boolean isDynamicArchive(Path file) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) != 4) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return ByteBuffer.wrap(head).order(ByteOrder.nativeOrder()).getInt() == DYNAMIC_MAGIC;
    }

    /** The archives of this jar path and JVM made for another build of the jar, and stale temp files. */
    private void removeOthers(String prefix, String keep) {
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                boolean otherBuild = name.startsWith(prefix) && name.endsWith(".jsa") && !name.equals(keep);
                boolean staleTemp = name.startsWith("converge-")
                        && name.endsWith(".tmp")
                        && now - Files.getLastModifiedTime(entry).toMillis() > STALE_TEMP_MILLIS;
                if (otherBuild || staleTemp) {
                    Files.deleteIfExists(entry);
                }
            }
        } catch (IOException e) {
            // a cache: what is left is removed another time
        }
    }

    /** 64-bit FNV-1a of the strings, in hex (no MessageDigest: its providers cost more than this whole class). */
    static String hash(String... parts) {
        long h = 0xcbf29ce484222325L;
        for (String part : parts) {
            for (int i = 0; i < part.length(); i++) {
                h = (h ^ part.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0xffff) * 0x100000001b3L; // separator: ("ab", "c") and ("a", "bc") differ
        }
        return Long.toHexString(h);
    }
}

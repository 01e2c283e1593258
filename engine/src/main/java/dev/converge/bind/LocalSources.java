package dev.converge.bind;

import dev.converge.config.Templating;
import dev.converge.gather.GatherScript;
import dev.converge.secret.vault.Vault;
import dev.converge.spi.SourceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The local files of a resource ({@link SourceFiles}): a relative name in its role's {@code files/},
 * then the playbook's {@code files/}, then beside the playbook (Ansible's search order for
 * {@code copy}); each file read recorded in the run's inputs, vault files decrypted with its vault
 * (both the templating's {@link Templating#inputs}); secret contents recorded for masking; the size
 * limit the gather applies to host files ({@code converge_max_file_bytes}'s default).
 */
public final class LocalSources implements SourceFiles {
    private static final byte[] VAULT_HEADER = "$ANSIBLE_VAULT;".getBytes(StandardCharsets.US_ASCII);
    private final List<Path> folders;
    private final Templating templating;

    /** @param folders where a relative name is looked for, in order */
    public LocalSources(List<Path> folders, Templating templating) {
        this.folders = List.copyOf(folders);
        this.templating = templating;
    }

    /** The sources of a resource written in {@code resourceFile}: its role's {@code files/} first, when it is in a role. */
    public static LocalSources of(Path resourceFile, Templating templating) {
        List<Path> folders = new ArrayList<>();
        role(resourceFile).ifPresent(role -> folders.add(role.resolve("files")));
        folders.add(templating.base().resolve("files"));
        folders.add(templating.base());
        return new LocalSources(folders, templating);
    }

    /** The role folder ({@code .../roles/NAME}) a resource file lies in, if any. */
    static Optional<Path> role(Path file) {
        if (file == null) {
            return Optional.empty();
        }
        for (Path p = file.toAbsolutePath().normalize().getParent();
                p != null && p.getParent() != null;
                p = p.getParent()) {
            if (p.getParent().getFileName() != null
                    && p.getParent().getFileName().toString().equals("roles")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Override
    public Source read(String src, boolean secret) {
        if (src == null || src.isEmpty() || src.indexOf('\0') >= 0) {
            throw new SourceProblem("src is empty");
        }
        Path found = find(src);
        if (Files.isDirectory(found, LinkOption.NOFOLLOW_LINKS)) {
            return directory(found, secret);
        }
        return file(found, found.toString(), secret);
    }

    private Path find(String src) {
        Path given = Path.of(src);
        if (given.isAbsolute()) {
            if (Files.exists(given, LinkOption.NOFOLLOW_LINKS)) {
                return given;
            }
            throw new SourceProblem("src '" + src + "' does not exist on this machine");
        }
        for (Path folder : folders) {
            Path candidate = folder.resolve(src);
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        throw new SourceProblem("src '" + src + "' not found (looked in "
                + String.join(", ", folders.stream().map(Path::toString).toList()) + ")");
    }

    private File file(Path path, String location, boolean secret) {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new SourceProblem(
                    "src " + location + " is not a regular file or directory (a symlink or a special file)");
        }
        byte[] bytes;
        try {
            if (Files.size(path) > GatherScript.DEFAULT_MAX_FILE_BYTES) {
                throw new SourceProblem(
                        "src " + location + " is " + Files.size(path) + " bytes, more than converge sends ("
                                + GatherScript.DEFAULT_MAX_FILE_BYTES + ")",
                        "copy large files with a package or a command");
            }
            templating.inputs().read(path); // a saved plan's inputs name the files it copies
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SourceProblem("cannot read src " + location + ": " + e.getMessage());
        }
        boolean vaulted = startsWith(bytes, VAULT_HEADER);
        if (vaulted) {
            try {
                String plain = templating.inputs().vault().decrypt(new String(bytes, StandardCharsets.UTF_8));
                bytes = plain.getBytes(StandardCharsets.UTF_8);
            } catch (Vault.VaultException e) {
                throw new SourceProblem(
                        "src " + location + ": " + e.failure().reason(),
                        e.failure().hint());
            }
        }
        if (vaulted || secret) {
            templating.recordSecret(new String(bytes, StandardCharsets.UTF_8));
        }
        return new File(location, bytes, vaulted);
    }

    private Directory directory(Path root, boolean secret) {
        List<String> dirs = new ArrayList<>();
        Map<String, File> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted().toList()) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString();
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(rel);
                } else {
                    files.put(rel, file(p, p.toString(), secret));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new SourceProblem("cannot read src " + root + ": " + e.getMessage());
        }
        return new Directory(root.toString(), dirs, files);
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

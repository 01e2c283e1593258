package dev.converge.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a path is on a host. {@code content} is present for regular files only.
 *
 * @param mode octal permission bits, four digits ({@code 0644}), empty when absent
 */
public record FileInfo(String path, Kind kind, String mode, String owner, String group, byte[] content) {

    /** The kind of thing at a path. */
    public enum Kind {
        ABSENT,
        FILE,
        DIRECTORY,
        LINK,
        OTHER
    }

    public FileInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        mode = mode == null ? "" : mode;
        owner = owner == null ? "" : owner;
        group = group == null ? "" : group;
        content = content == null ? null : content.clone();
    }

    public static FileInfo absent(String path) {
        return new FileInfo(path, Kind.ABSENT, "", "", "", null);
    }

    public boolean exists() {
        return kind != Kind.ABSENT;
    }

    @Override
    public byte[] content() {
        return content == null ? null : content.clone();
    }

    /** The content as UTF-8 text, empty for anything but an existing regular file. */
    public String text() {
        return content == null ? "" : new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileInfo f
                && path.equals(f.path)
                && kind == f.kind
                && mode.equals(f.mode)
                && owner.equals(f.owner)
                && group.equals(f.group)
                && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, kind, mode, owner, group, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "FileInfo[" + path + " " + kind + " " + mode + " " + owner + ":" + group
                + (content == null ? "" : " " + content.length + " bytes") + "]";
    }
}

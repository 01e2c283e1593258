package dev.converge.modules.copy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code copy} (Ansible's {@code copy}).
 *
 * @param src a local file or directory: absolute, or found in the role's {@code files/}, the
 *     playbook's {@code files/}, then beside the playbook; a directory is copied recursively, its
 *     contents only when the name ends with {@code /}; a vault file is decrypted (and secret)
 * @param content the whole content instead of {@code src}
 * @param dest where on the host: a file; for a file {@code src}, a name ending with {@code /} (or
 *     an existing directory) receives the file under its own name; for a directory {@code src}, the
 *     directory it goes into (or, with {@code src: DIR/}, the directory that receives its contents)
 * @param owner owner of the files and directories written
 * @param group group of the files and directories written
 * @param mode mode of the files (default {@code 0644} for a new file, kept for an existing one)
 * @param directoryMode mode of the directories created (default {@code 0755})
 * @param force replace a file whose content differs (default true); false: only create missing files
 * @param follow write through a symlink at the destination (as {@code file}'s {@code follow})
 * @param secret the content is secret: masked in every output (a vaulted {@code src} always is)
 * @param validate a command (argument list, {@code %s} for the file) run on each new file before
 *     it replaces the old one; a rejection leaves the file as it was
 * @param backup keep each old file beside it ({@code PATH.PID.YYYY-MM-DD@HH:MM:SS~}) before it is replaced
 */
public record CopyParams(
        @JsonProperty("src") String src,
        @JsonProperty("content") String content,
        @JsonProperty("dest") String dest,
        @JsonProperty("owner") String owner,
        @JsonProperty("group") String group,
        @JsonProperty("mode") String mode,
        @JsonProperty("directory_mode") String directoryMode,
        @JsonProperty("force") Boolean force,
        @JsonProperty("follow") Boolean follow,
        @JsonProperty("secret") Boolean secret,
        @JsonProperty("validate") List<String> validate,
        @JsonProperty("backup") Boolean backup) {

    boolean forceOrDefault() {
        return force == null || force;
    }

    boolean followOrDefault() {
        return Boolean.TRUE.equals(follow);
    }

    boolean secretOrDefault() {
        return Boolean.TRUE.equals(secret);
    }

    boolean backupOrDefault() {
        return Boolean.TRUE.equals(backup);
    }

    /** {@code dest} without a trailing {@code /} (but {@code /} itself). */
    String destPath() {
        return dest.length() > 1 && dest.endsWith("/") ? dest.substring(0, dest.length() - 1) : dest;
    }

    /** The last name of {@code src}, without a trailing {@code /}. */
    String srcName() {
        String s = src.endsWith("/") ? src.substring(0, src.length() - 1) : src;
        return s.substring(s.lastIndexOf('/') + 1);
    }
}

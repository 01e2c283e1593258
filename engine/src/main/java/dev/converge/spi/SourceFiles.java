package dev.converge.spi;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operator's local files a module sends to hosts ({@code copy}'s {@code src:}), found as the
 * engine finds them: an absolute path as is; a relative one in the {@code files/} folder of the role
 * the resource comes from, then in the playbook's {@code files/} folder, then beside the playbook.
 * An Ansible Vault file is decrypted with the run's vault passwords. Reading a local file is not
 * I/O on a host: {@link Module#validate} may call it, so a missing source is invalid input.
 */
public interface SourceFiles {
    /** No local files (a context without a playbook). */
    SourceFiles NONE = (src, secret) -> {
        throw new SourceProblem("no local source files here: " + src);
    };

    /**
     * The file or directory {@code src} names. Its content is masked in every output when
     * {@code secret} is true or the file was vaulted.
     *
     * @throws SourceProblem when it is missing, unreadable, larger than converge reads, a symlink
     *     out of its folder, or a vault file that cannot be decrypted
     */
    Source read(String src, boolean secret);

    /** A local file or directory. */
    sealed interface Source permits File, Directory {
        /** Where it was found (for messages). */
        String location();
    }

    /**
     * A regular file.
     *
     * @param vaulted whether it was an Ansible Vault file (content is the plaintext)
     */
    record File(String location, byte[] content, boolean vaulted) implements Source {
        public File {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /**
     * A directory, recursively: its subdirectories and regular files by path relative to it
     * ({@code a}, {@code a/b.conf}), sorted; symlinks and special files are refused.
     */
    record Directory(String location, List<String> directories, Map<String, File> files) implements Source {
        public Directory {
            directories = List.copyOf(directories);
            files = Collections.unmodifiableMap(new TreeMap<>(files));
        }
    }

    /** A source could not be read; the message says which and why, the hint how to fix it. */
    final class SourceProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String hint;

        public SourceProblem(String message, String hint) {
            super(message);
            this.hint = hint;
        }

        public SourceProblem(String message) {
            this(
                    message,
                    "put the file in the files/ folder beside the playbook (or its role's), or give its absolute path");
        }

        public String hint() {
            return hint;
        }
    }
}

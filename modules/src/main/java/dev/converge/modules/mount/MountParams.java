package dev.converge.modules.mount;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Parameters of {@code mount}.
 *
 * @param path the mount point
 * @param src the device or remote filesystem, e.g. {@code hosta:/} or {@code UUID=...}
 * @param fstype the filesystem type, e.g. {@code nfs4}
 * @param opts mount options (default {@code defaults}; add {@code _netdev} for network filesystems)
 * @param dump fs_freq (default 0)
 * @param passno fs_passno (default 0)
 * @param state {@code mounted} (fstab entry and mounted; default), {@code present} (fstab only),
 *     {@code unmounted} (unmount, fstab untouched) or {@code absent} (unmount and remove the entry)
 * @param fstab the file (default {@code /etc/fstab})
 * @param validate a command (argument list, {@code %s} for the file) run on the new fstab before it
 *     replaces the file; a rejection leaves the file as it was (and nothing is mounted)
 * @param backup keep the old fstab beside it ({@code PATH.PID.YYYY-MM-DD@HH:MM:SS~}) before it is changed
 */
public record MountParams(
        @JsonProperty("path") String path,
        @JsonProperty("src") String src,
        @JsonProperty("fstype") String fstype,
        @JsonProperty("opts") String opts,
        @JsonProperty("dump") Integer dump,
        @JsonProperty("passno") Integer passno,
        @JsonProperty("state") String state,
        @JsonProperty("fstab") String fstab,
        @JsonProperty("validate") List<String> validate,
        @JsonProperty("backup") Boolean backup) {

    public MountParams {
        opts = opts == null ? "defaults" : opts;
        dump = dump == null ? 0 : dump;
        passno = passno == null ? 0 : passno;
        state = state == null ? "mounted" : state;
        fstab = fstab == null ? "/etc/fstab" : fstab;
    }

    /** Without {@code validate} and {@code backup}. */
    public MountParams(
            String path,
            String src,
            String fstype,
            String opts,
            Integer dump,
            Integer passno,
            String state,
            String fstab) {
        this(path, src, fstype, opts, dump, passno, state, fstab, null, null);
    }

    /** Whether this state keeps an fstab entry. */
    boolean wantsEntry() {
        return state.equals("present") || state.equals("mounted");
    }
}

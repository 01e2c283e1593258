package dev.converge.modules.file;

import java.util.List;

/**
 * Parameters of {@code file}.
 *
 * @param state {@code file} (default), {@code directory} or {@code absent}
 * @param content the whole content (exclusive with {@code template})
 * @param template a Freemarker file under {@code templates/}, rendered with the host's variables
 * @param validate a command (argument list) run on the new content before it replaces the file;
 *     {@code %s} in its arguments stands for a temporary copy beside the target
 * @param backup keep the old content beside the file as {@code PATH.PID.YYYY-MM-DD@HH:MM:SS~} (as
 *     Ansible names it) before it is replaced
 * @param follow write through a symlink at {@code path} even when it points to another user's file
 *     or lies in a directory others can write (as Ansible's {@code follow}); the target's owner is
 *     never changed
 */
public record FileParams(
        String path,
        String state,
        String content,
        String template,
        String mode,
        String owner,
        String group,
        List<String> validate,
        Boolean backup,
        Boolean follow) {

    public FileParams(
            String path,
            String state,
            String content,
            String template,
            String mode,
            String owner,
            String group,
            List<String> validate,
            Boolean backup) {
        this(path, state, content, template, mode, owner, group, validate, backup, null);
    }

    public boolean followOrDefault() {
        return follow != null && follow;
    }

    public boolean backupOrDefault() {
        return backup != null && backup;
    }

    public String stateOrDefault() {
        return state == null ? "file" : state;
    }
}

package dev.converge.modules.file;

/**
 * Parameters of {@code file}.
 *
 * @param state {@code file} (default), {@code directory} or {@code absent}
 * @param content the whole content (exclusive with {@code template})
 * @param template a Freemarker file under {@code templates/}, rendered with the host's variables
 * @param validate a command (argument list) run on the new content before it replaces the file;
 *     {@code %s} in its arguments stands for a temporary copy beside the target
 * @param backup copy an existing file to {@code PATH.converge-backup~} before its content is replaced
 */
public record FileParams(String path, String state, String content, String template, String mode, String owner, String group,
        java.util.List<String> validate, Boolean backup) {

    /** The name of the copy {@code backup: true} keeps (the previous content; overwritten on each change). */
    public static String backupPath(String path) {
        return path + ".converge-backup~";
    }

    public boolean backupOrDefault() {
        return backup != null && backup;
    }

    public String stateOrDefault() {
        return state == null ? "file" : state;
    }
}

package dev.converge.modules.file;

/**
 * Parameters of {@code file}.
 *
 * @param state {@code file} (default), {@code directory} or {@code absent}
 * @param content the whole content (exclusive with {@code template})
 * @param template a Freemarker file under {@code templates/}, rendered with the host's variables
 */
public record FileParams(String path, String state, String content, String template, String mode, String owner, String group) {
    public String stateOrDefault() {
        return state == null ? "file" : state;
    }
}

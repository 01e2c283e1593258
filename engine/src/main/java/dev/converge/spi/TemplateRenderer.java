package dev.converge.spi;

/**
 * Renders a Freemarker template from the playbook's {@code templates/} folder with the host's variables,
 * and gives the playbook's other local files ({@link #sources()}).
 */
public interface TemplateRenderer {

    /** @throws TemplateProblem when the template is missing, malformed or uses an undefined variable */
    String render(String templateName);

    /** The playbook's local files for this resource (e.g. {@code copy}'s {@code src:}); none by default. */
    default SourceFiles sources() {
        return SourceFiles.NONE;
    }

    /** A template could not be rendered; the message says where and why. */
    final class TemplateProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TemplateProblem(String message) {
            super(message);
        }
    }
}

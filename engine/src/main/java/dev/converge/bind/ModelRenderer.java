package dev.converge.bind;

import dev.converge.config.Templating;
import dev.converge.spi.SourceFiles;
import dev.converge.spi.TemplateRenderer;
import java.util.Map;

/** Renders template files with one host's variables (and facts, once gathered). */
public record ModelRenderer(Templating templating, Map<String, Object> model, SourceFiles sources)
        implements TemplateRenderer {

    /** Without local files (no resource to find them for). */
    public ModelRenderer(Templating templating, Map<String, Object> model) {
        this(templating, model, SourceFiles.NONE);
    }

    /** The renderer of one resource: its role's files first. */
    public static ModelRenderer of(Templating templating, Map<String, Object> model, ResourceInstance instance) {
        return new ModelRenderer(
                templating, model, LocalSources.of(instance.spec().at().file(), templating));
    }

    @Override
    public String render(String templateName) {
        try {
            return templating.renderFile(templateName, model);
        } catch (Templating.RenderException e) {
            throw problem(e);
        }
    }

    /** What a module is told about a template that could not be rendered. */
    static TemplateProblem problem(Templating.RenderException e) {
        return new TemplateProblem(e.getMessage() + " (" + e.failure().hint() + ")");
    }
}

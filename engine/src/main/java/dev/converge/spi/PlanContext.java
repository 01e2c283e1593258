package dev.converge.spi;

/** What a module's plan may look at: facts and templates, nothing that reaches a host. */
public interface PlanContext {
    FactView facts();

    TemplateRenderer templates();
}

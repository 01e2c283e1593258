package dev.converge.config;

import freemarker.template.SimpleScalar;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateScalarModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Template functions that read values from outside the playbook, so secrets need not be written
 * in it: {@code env("NAME")}, {@code file("path")} (relative to the playbook's folder; the
 * trailing newline dropped) and Ansible's spelling {@code lookup("env", "NAME")} /
 * {@code lookup("file", "path")}. An unset variable gives nothing, so
 * {@code ${env("NAME")!"default"}} works; a missing file is an error.
 */
final class Lookups {
    private Lookups() {}

    /** @param inputs where the files read are recorded */
    static Map<String, TemplateModel> functions(Path base, Function<String, String> environment, RunInputs inputs) {
        TemplateMethodModelEx env = args -> {
            String name = single("env", args);
            String value = environment.apply(name);
            return value == null ? null : new SimpleScalar(value);
        };
        TemplateMethodModelEx file = args -> new SimpleScalar(read(base, single("file", args), inputs));
        TemplateMethodModelEx lookup = args -> {
            if (args.size() != 2) {
                throw new TemplateModelException(
                        "lookup takes 2 arguments, as in lookup(\"env\", \"NAME\") or lookup(\"file\", \"path\")");
            }
            String kind = text(args.get(0));
            return switch (kind) {
                case "env" -> env.exec(List.of(args.get(1)));
                case "file" -> file.exec(List.of(args.get(1)));
                default ->
                    throw new TemplateModelException(
                            "lookup(\"" + kind + "\", ...) is not supported: use \"env\" or \"file\"");
            };
        };
        return Map.of("env", env, "file", file, "lookup", lookup);
    }

    private static String single(String name, List<?> args) throws TemplateModelException {
        if (args.size() != 1) {
            throw new TemplateModelException(name + "(...) takes one argument, as in " + name + "(\"NAME\")");
        }
        return text(args.get(0));
    }

    private static String text(Object arg) throws TemplateModelException {
        if (arg instanceof TemplateScalarModel s) {
            return s.getAsString();
        }
        throw new TemplateModelException("expected a string argument, such as \"NAME\"");
    }

    private static String read(Path base, String path, RunInputs inputs) throws TemplateModelException {
        Path file = base.resolve(path);
        inputs.read(file);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (IOException | UncheckedIOException e) {
            throw new TemplateModelException("file(\"" + path + "\"): cannot read " + file + " ("
                    + e.getClass().getSimpleName() + "); paths are relative to the playbook's folder");
        }
    }
}

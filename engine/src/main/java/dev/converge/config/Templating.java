package dev.converge.config;

import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.YamlValue;
import freemarker.core.Environment;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.utility.DeepUnwrap;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Freemarker for variables in playbook values ({@code ${var}}), conditions ({@code when:}) and
 * template files. A value that is a single {@code ${expression}} keeps its type (a list stays a
 * list). Failures become problems pointing into the playbook.
 */
public final class Templating {
    /** The start of the reason given when facts are used before any host was read. */
    public static final String FACTS_NOT_YET = "facts are only known once the host is read";

    private static final Pattern SINGLE_EXPRESSION = Pattern.compile("\\$\\{([^{}]*)}");
    private final Configuration config;

    private final Map<String, Template> valueTemplates = new ConcurrentHashMap<>();
    private final Map<String, Template> expressionTemplates = new ConcurrentHashMap<>();

    private final SecretTaint taint;
    private final RunInputs inputs;
    private final Path base;
    private final Set<Template> interruptible =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    /**
     * @param taint which variables are secret, and where strings derived from them are recorded
     * @param inputs the run's inputs: the template files and file lookups read are recorded there, and
     *     local sources ({@link #inputs}) are decrypted with its vault
     */
    public Templating(List<Path> templateDirs, SecretTaint taint, RunInputs inputs) {
        this.taint = taint;
        this.inputs = inputs;
        freemarker.core.BoundedPads.install();
        config = new Configuration(Configuration.VERSION_2_3_34);
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setWrapUncheckedExceptions(true);
        config.setNumberFormat("computer");
        config.setBooleanFormat("c");
        config.setAPIBuiltinEnabled(false);
        config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        config.setDefaultEncoding("UTF-8");
        config.setObjectWrapper(new TaintingWrapper());
        List<freemarker.cache.TemplateLoader> loaders = new ArrayList<>();
        for (Path dir : templateDirs) {
            try {
                if (Files.isDirectory(dir)) {
                    loaders.add(new freemarker.cache.FileTemplateLoader(dir.toFile()) {
                        @Override
                        public Object findTemplateSource(String name) throws IOException {
                            Object source = super.findTemplateSource(name);
                            if (source instanceof File f) {
                                inputs.read(f.toPath()); // a saved plan's inputs name the templates it rendered
                            }
                            return source;
                        }
                    });
                }
            } catch (IOException e) {
                // an unreadable folder simply provides no templates; a missing template is reported by name
            }
        }
        base = templateDirs.isEmpty() || templateDirs.get(0).getParent() == null
                ? Path.of("")
                : templateDirs.get(0).getParent();
        Lookups.functions(base, inputs::environment, inputs).forEach(config::setSharedVariable);
        config.setTemplateLoader(
                new freemarker.cache.MultiTemplateLoader(loaders.toArray(freemarker.cache.TemplateLoader[]::new)));
    }

    /** The playbook's folder (the first templates folder's parent): where relative local files are found. */
    public Path base() {
        return base;
    }

    /** The run's inputs, which local files read for it are recorded in and decrypted with. */
    public RunInputs inputs() {
        return inputs;
    }

    /** Records a local file's content as secret (a vaulted or {@code secret: true} source): every output masks it. */
    public void recordSecret(String text) {
        taint.recordSecret(text);
    }

    /** A failed rendering: the reason, and where inside the rendered text it went wrong. */
    public record Failure(String reason, String hint, int line, int column, Kind kind) {
        /** What went wrong, for the code that decides on it (never the wording). */
        public enum Kind {
            /** The text is not valid Freemarker. */
            SYNTAX,
            /** A variable is not defined. */
            UNDEFINED,
            /** Facts are used where they are not known yet. */
            FACTS_NOT_YET,
            /** Evaluating failed (types, built-ins), or anything else. */
            EVALUATION
        }

        public Failure(String reason, String hint, int line, int column) {
            this(reason, hint, line, column, Kind.EVALUATION);
        }

        public SourceLocation within(SourceLocation start, boolean quoted) {
            if (line <= 1) {
                return start.shift(0, Math.max(0, column - 1) + (quoted ? 1 : 0));
            }
            return start.shift(line - 1, Math.max(0, column - 1));
        }
    }

    /** Thrown by the render methods; carries a {@link Failure}. */
    public static final class RenderException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Failure failure;

        RenderException(Failure failure) {
            super(failure.reason());
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /** Renders every string inside a YAML value; problems point at the scalar that failed. */
    public Object renderValue(YamlValue value, Map<String, Object> model, Problems problems) {
        if (value == null) {
            return null;
        }
        if (value instanceof YamlValue.Scalar s) {
            return renderScalar(s, model, problems);
        }
        if (value instanceof YamlValue.Sequence seq) {
            List<Object> out = new ArrayList<>();
            seq.items().forEach(i -> out.add(renderValue(i, model, problems)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((YamlValue.Mapping) value).entries().forEach((k, e) -> out.put(k, renderValue(e.value(), model, problems)));
        return out;
    }

    private Object renderScalar(YamlValue.Scalar s, Map<String, Object> model, Problems problems) {
        if (!(s.value() instanceof String text) || !hasTemplate(text)) {
            return s.value();
        }
        try {
            return render(text, model);
        } catch (RenderException e) {
            problems.add(
                    e.failure().within(s.at(), s.quoted()),
                    e.failure().reason(),
                    e.failure().hint());
            return null;
        }
    }

    public static boolean hasTemplate(String text) {
        return text.contains("${") || text.contains("<#") || text.contains("<@");
    }

    /** Renders text; a lone {@code ${expr}} returns the expression's typed value. */
    public Object render(String text, Map<String, Object> model) throws RenderException {
        if (SINGLE_EXPRESSION.matcher(text).matches()) {
            return evaluate(text.substring(2, text.length() - 1), model, 2);
        }
        return renderString(text, model);
    }

    /** Renders text to text. */
    public String renderString(String text, Map<String, Object> model) throws RenderException {
        try {
            Template template = parsed("value", text);
            StringWriter out = new StringWriter();
            process(template, model, out, TemplateLimits.VALUE_CHARS);
            return out.toString();
        } catch (IOException | TemplateException e) {
            throw new RenderException(failure(e, 0));
        }
    }

    /** Evaluates an expression to a plain Java value. */
    public Object evaluate(String expression, Map<String, Object> model, int columnOffset) throws RenderException {
        try {
            Template template = parsed("expression", "<#assign converge_result = (" + expression + ")>");
            Environment env = process(template, model, Writer.nullWriter(), TemplateLimits.VALUE_CHARS);
            TemplateModel result = env.getVariable("converge_result");
            Object value = result == null ? null : DeepUnwrap.unwrap(result);
            if (value instanceof String text && text.length() > TemplateLimits.VALUE_CHARS) {
                throw TemplateLimits.tooLarge(TemplateLimits.VALUE_CHARS);
            }
            if (SecretTaint.take()) {
                taint.record(value);
            }
            return value;
        } catch (IOException | TemplateException e) {
            Failure f = failure(e, columnOffset - "<#assign converge_result = (".length());
            throw new RenderException(f);
        }
    }

    /**
     * Processes a template with taint tracking on this thread (see {@link SecretTaint}): each
     * {@code ${...}} that read a secret is recorded as it is written; when any secret was read,
     * the strings the template assigned ({@code <#assign>}, {@code <#global>}) are recorded too.
     */
    private Environment process(Template template, Map<String, Object> model, Writer out, int limit)
            throws TemplateException, IOException {
        withInterruptionChecks(template);
        SecretTaint.activate(taint);
        boolean[] timedOut = new boolean[1];
        var watchdog = TemplateLimits.watch(timedOut);
        try {
            Environment env = template.createProcessingEnvironment(model, new TaintWriter(out, limit));
            env.process();
            if (SecretTaint.readAny()) {
                recordAssigned(env);
            }
            return env;
        } catch (StackOverflowError e) {
            throw TemplateLimits.tooDeep();
        } catch (OutOfMemoryError e) {
            throw TemplateLimits.outOfMemory();
        } catch (RuntimeException | TemplateException | IOException e) {
            if (timedOut[0]) {
                throw TemplateLimits.tooSlow();
            }
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TemplateLimits.Exceeded exceeded) {
                    throw exceeded;
                }
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            if (timedOut[0]) {
                Thread.interrupted(); // the watchdog's interrupt is ours, not the caller's
            }
            SecretTaint.deactivate();
        }
    }

    /** Loops and macros of this template check for the watchdog's interruption (once per parsed template). */
    private void withInterruptionChecks(Template template) {
        if (interruptible.add(template)) {
            freemarker.core._CoreAPI.addThreadInterruptedChecks(template);
        }
    }

    private void recordAssigned(Environment env) throws freemarker.template.TemplateModelException {
        for (Environment.Namespace namespace : List.of(env.getMainNamespace(), env.getGlobalNamespace())) {
            var names = namespace.keys().iterator();
            while (names.hasNext()) {
                String name = String.valueOf(names.next());
                if (!name.equals("converge_result")
                        && namespace.get(name) instanceof freemarker.template.TemplateScalarModel scalar) {
                    taint.record(scalar.getAsString());
                }
            }
        }
    }

    /**
     * A parsed template, cached by source: a playbook renders the same few strings for every host
     * and loop item, and parsing (not processing) was most of binding's time. Templates are
     * immutable and thread-safe once parsed; failed parses are not cached (they throw each time).
     */
    private Template parsed(String name, String source) throws IOException {
        Map<String, Template> cache = name.equals("value") ? valueTemplates : expressionTemplates;
        Template t = cache.get(source);
        if (t == null) {
            t = new Template(name, source, config);
            cache.putIfAbsent(source, t);
        }
        return t;
    }

    /** Evaluates a {@code when:} condition: a boolean, or an expression that gives one. */
    public boolean condition(YamlValue when, Map<String, Object> model, Problems problems) {
        if (when instanceof YamlValue.Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        List<YamlValue> parts = when instanceof YamlValue.Sequence seq ? seq.items() : List.of(when);
        boolean all = true;
        for (YamlValue part : parts) {
            all &= single(part, model, problems);
        }
        return all;
    }

    /** A condition's failure where it is in the playbook. */
    public record ConditionFailure(Problem problem, Failure.Kind kind) {}

    /**
     * The render failures of a condition's parts (their values not judged): to check conditions
     * before any host is read, where only some kinds of failure are certain.
     */
    public List<ConditionFailure> conditionFailures(YamlValue when, Map<String, Object> model) {
        List<ConditionFailure> out = new ArrayList<>();
        List<YamlValue> parts = when instanceof YamlValue.Sequence seq ? seq.items() : List.of(when);
        for (YamlValue part : parts) {
            if (part instanceof YamlValue.Scalar s && s.value() instanceof String) {
                try {
                    evaluate(expressionOf(s), model, 1);
                } catch (RenderException e) {
                    Failure f = e.failure();
                    out.add(new ConditionFailure(
                            new Problem(f.within(s.at(), s.quoted()), f.reason(), f.hint()), f.kind()));
                }
            }
        }
        return out;
    }

    private static String expressionOf(YamlValue.Scalar s) {
        String text = s.text().strip();
        return text.startsWith("${") && text.endsWith("}") ? text.substring(2, text.length() - 1) : text;
    }

    private boolean single(YamlValue part, Map<String, Object> model, Problems problems) {
        if (!(part instanceof YamlValue.Scalar s) || s.value() == null) {
            problems.add(
                    part.at(),
                    "when: must be a condition such as `facts.init == \"sysv\"`, not " + part.kind(),
                    "write an expression, or a list of them (all must hold)");
            return false;
        }
        if (s.value() instanceof Boolean b) {
            return b;
        }
        try {
            Object value = evaluate(expressionOf(s), model, 1);
            if (value instanceof Boolean b) {
                return b;
            }
            problems.add(
                    s.at(),
                    "when: gives " + (value == null ? "nothing" : "'" + value + "'") + ", not true or false",
                    "compare with ==, !=, <, > or use ?? to test that a variable exists");
        } catch (RenderException e) {
            problems.add(
                    e.failure().within(s.at(), s.quoted()),
                    e.failure().reason(),
                    e.failure().hint());
        }
        return false;
    }

    /** Renders a template file from the templates folders. */
    public String renderFile(String name, Map<String, Object> model) throws RenderException {
        try {
            Template template = config.getTemplate(name);
            StringWriter out = new StringWriter();
            process(template, model, out, TemplateLimits.FILE_CHARS);
            return out.toString();
        } catch (freemarker.template.TemplateNotFoundException e) {
            throw new RenderException(new Failure(
                    "template '" + name + "' not found",
                    "put it in the templates/ folder beside the playbook or its parent",
                    1,
                    1));
        } catch (IOException | TemplateException e) {
            Failure f = failure(firstParseError(e), 0);
            throw new RenderException(new Failure(
                    "in template " + name + ":" + f.line() + ":" + f.column() + ": " + f.reason(),
                    f.hint(),
                    1,
                    1,
                    f.kind()));
        }
    }

    /**
     * The syntax error behind {@code e}, if any: Freemarker caches a template that failed to
     * parse and answers later requests (another host) with an IOException whose cause is it.
     */
    private static Exception firstParseError(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ParseException pe) {
                return pe;
            }
        }
        return e;
    }

    private static Failure failure(Exception e, int columnOffset) {
        if (e instanceof TemplateLimits.Exceeded exceeded) {
            return exceeded.failure();
        }
        if (e instanceof InvalidReferenceException ire) {
            String name = unwrapped(
                    Optional.ofNullable(ire.getBlamedExpressionString()).orElse("?"));
            if (name.equals("facts") || name.startsWith("facts.")) {
                return new Failure(
                        FACTS_NOT_YET + ", so '" + name + "' cannot be used here",
                        "use facts in when: conditions and templates, not in parameters or variables",
                        lineOf(ire.getLineNumber()),
                        Math.max(1, colOf(ire.getColumnNumber()) + columnOffset),
                        Failure.Kind.FACTS_NOT_YET);
            }
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                // an expression (hostvars[item].ansible_host): never suggest it as a variable name to pass with -e
                return new Failure(
                        "undefined value '" + name + "'",
                        "check that every name and key in it exists (a host in hostvars[...] must be in the inventory); or give a default: ${"
                                + (name.startsWith("(") ? name : "(" + name + ")") + "!\"default\"}",
                        lineOf(ire.getLineNumber()),
                        Math.max(1, colOf(ire.getColumnNumber()) + columnOffset));
            }
            return new Failure(
                    "undefined variable '" + name + "'",
                    "define it in vars:, the inventory or -e " + name + "=...; or give a default: ${" + name
                            + "!\"default\"}",
                    lineOf(ire.getLineNumber()),
                    Math.max(1, colOf(ire.getColumnNumber()) + columnOffset),
                    Failure.Kind.UNDEFINED);
        }
        if (e instanceof ParseException pe) {
            String reason = firstLine(pe.getEditorMessage() != null ? pe.getEditorMessage() : pe.getMessage());
            return new Failure(
                    "template syntax error: " + reason,
                    "check the ${...} and <#...> syntax (Freemarker)",
                    lineOf(pe.getLineNumber()),
                    Math.max(1, pe.getColumnNumber() + columnOffset),
                    Failure.Kind.SYNTAX);
        }
        if (e instanceof TemplateException te) {
            String reason = firstLine(te.getMessageWithoutStackTop());
            return new Failure(
                    "cannot evaluate: " + reason,
                    "check the expression's types and built-ins",
                    lineOf(te.getLineNumber()),
                    Math.max(1, colOf(te.getColumnNumber()) + columnOffset));
        }
        return new Failure("cannot render: " + firstLine(e.getMessage()), "check the template", 1, 1);
    }

    /** {@code (name)} → {@code name}: a lone expression is evaluated inside parentheses, which are not the user's. */
    private static String unwrapped(String expression) {
        String e = expression.strip();
        while (e.length() > 2 && e.startsWith("(") && e.endsWith(")") && e.indexOf('(', 1) < 0) {
            e = e.substring(1, e.length() - 1).strip();
        }
        return e;
    }

    private static int lineOf(Integer line) {
        return line == null ? 1 : line;
    }

    private static int colOf(Integer col) {
        return col == null ? 1 : col;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String line = s.strip().split("\n", 2)[0];
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}

package dev.converge.testing;

import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FactView;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.PlanContext;
import dev.converge.spi.TemplateRenderer;
import dev.converge.spi.TypedFact;
import dev.converge.spi.UndeclaredFactException;
import dev.converge.spi.UnreadableFactException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A host's facts for plan tests (the module kit: published in the engine's test-jar): only the
 * facts the module declared may be read (like the engine); files not given are absent, commands
 * not given fail the test. Host facts ({@link #hostFact}) select command variants as the gather
 * does: a variant whose {@link Fact.When} does not hold for them reads as unreadable.
 */
public final class FakeFacts implements FactView, PlanContext {
    private final Set<Fact> declared;
    private final Map<String, FileInfo> files = new HashMap<>();
    private final Map<List<String>, CommandOutput> commands = new HashMap<>();
    private final Map<String, String> hostFacts = new HashMap<>();

    private FakeFacts(Set<Fact> declared) {
        this.declared = declared;
    }

    /** Facts for one resource of {@code module}. */
    public static <P extends Record> FakeFacts forModule(Module<P> module, P params) {
        return new FakeFacts(module.facts(params));
    }

    /** A regular file, mode 0644 root:root. */
    public FakeFacts file(String path, String content) {
        files.put(
                path,
                new FileInfo(
                        path, FileInfo.Kind.FILE, "0644", "root", "root", content.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public FakeFacts fileInfo(FileInfo info) {
        files.put(info.path(), info);
        return this;
    }

    /** A host fact ({@code init}, {@code pkg_manager}, {@code os_id}, ...), as the gather's {@code cf_host} prints it. */
    public FakeFacts hostFact(String name, String value) {
        hostFacts.put(name, value);
        return this;
    }

    /** The output of a command fact (a variant's is keyed by its argument list, like any other). */
    public FakeFacts command(Fact.CommandRun fact, int exit, String stdout) {
        return command(fact.argv(), exit, stdout);
    }

    /** A typed fact that has {@code value} (its printer gives the output). */
    public <T> FakeFacts typed(TypedFact<T> fact, T value) {
        commands.put(fact.fact().argv(), fact.print(value));
        return this;
    }

    public FakeFacts command(List<String> argv, int exit, String stdout) {
        commands.put(List.copyOf(argv), new CommandOutput(exit, stdout, ""));
        return this;
    }

    /** Replays the module's writes as new file facts, as the engine's verify step would see them. */
    public FakeFacts afterWrites(List<Operation> operations) {
        for (Operation op : operations) {
            if (op instanceof Operation.WriteFile w) {
                FileInfo old = files.get(w.path());
                files.put(
                        w.path(),
                        new FileInfo(
                                w.path(),
                                FileInfo.Kind.FILE,
                                old == null ? w.mode() : old.mode(),
                                "root",
                                "root",
                                w.content()));
            }
        }
        return this;
    }

    @Override
    public FileInfo file(String path) {
        Fact fact = new Fact.FileRead(path);
        if (!declared.contains(fact)) {
            throw new UndeclaredFactException(fact);
        }
        return files.getOrDefault(path, FileInfo.absent(path));
    }

    @Override
    public CommandOutput command(List<String> argv) {
        Fact fact = new Fact.CommandRun(argv);
        if (!declared.contains(fact)) {
            throw new UndeclaredFactException(fact);
        }
        CommandOutput out = commands.get(List.copyOf(argv));
        if (out == null) {
            throw new AssertionError("test did not provide the output of " + argv);
        }
        return out;
    }

    @Override
    public CommandOutput command(Fact.CommandRun fact) {
        if (!declared.contains(fact)) {
            throw new UndeclaredFactException(fact);
        }
        if (!fact.when().holdsFor(hostFacts)) {
            throw new UnreadableFactException("not run on this host: it is read where " + fact.when());
        }
        CommandOutput out = commands.get(fact.argv());
        if (out == null) {
            throw new AssertionError("test did not provide the output of " + fact.argv());
        }
        return out;
    }

    @Override
    public Map<String, String> hostFacts() {
        return Map.copyOf(hostFacts);
    }

    @Override
    public String host() {
        return "testhost";
    }

    @Override
    public FactView facts() {
        return this;
    }

    @Override
    public TemplateRenderer templates() {
        return name -> {
            throw new TemplateRenderer.TemplateProblem("no templates in module tests: " + name);
        };
    }
}

package dev.converge.plan;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Small modules on the SPI for the planner's tests: a setting read by a command, a live check, a file append. */
public final class FakeModules {
    private FakeModules() {}

    static Fact.CommandRun probe(String name) {
        return new Fact.CommandRun(List.of("probe", name));
    }

    public static List<Module<?>> all() {
        return List.of(new Setting(), new LiveCheck(), new Append());
    }

    public record SettingParams(
            @JsonProperty("name") String name,
            @JsonProperty("value") String value) {}

    /** {@code setting}: {@code probe NAME} must print VALUE; sets it with a command, predicting the probe's output. */
    static final class Setting implements Module<SettingParams> {
        @Override
        public String name() {
            return "setting";
        }

        @Override
        public Class<SettingParams> paramsType() {
            return SettingParams.class;
        }

        @Override
        public List<ParamProblem> validate(SettingParams params, TemplateRenderer templates) {
            return params.name() == null || params.name().isBlank()
                    ? List.of(new ParamProblem("name", "a setting needs a name", "e.g. name: mode"))
                    : List.of();
        }

        @Override
        public Set<Fact> facts(SettingParams p) {
            return Set.of(probe(p.name()));
        }

        @Override
        public Change plan(SettingParams p, PlanContext context) {
            if (context.facts().command(probe(p.name())).stdout().equals(p.value())) {
                return Change.none();
            }
            return Change.of(List.of(new Operation.RunCommand(List.of("set", p.name(), p.value()))), List.of())
                    .predicting(probe(p.name()), new CommandOutput(0, p.value(), ""));
        }
    }

    /** {@code live_check}: {@code probe NAME} must print VALUE, read live (never on prediction). */
    static final class LiveCheck implements Module<SettingParams> {
        @Override
        public String name() {
            return "live_check";
        }

        @Override
        public Class<SettingParams> paramsType() {
            return SettingParams.class;
        }

        @Override
        public List<ParamProblem> validate(SettingParams params, TemplateRenderer templates) {
            return List.of();
        }

        @Override
        public boolean checksLiveState(SettingParams params) {
            return true;
        }

        @Override
        public Set<Fact> facts(SettingParams p) {
            return Set.of(probe(p.name()));
        }

        @Override
        public Change plan(SettingParams p, PlanContext context) {
            String seen = context.facts().command(probe(p.name())).stdout();
            if (!seen.equals(p.value())) {
                throw new PlanFailure(p.name() + " is '" + seen + "', not '" + p.value() + "'");
            }
            return Change.none();
        }
    }

    record AppendParams(
            @JsonProperty("path") String path,
            @JsonProperty("line") String line) {}

    /** {@code append}: LINE ({@code {os}} replaced by the host's os_id) at the end of the file at PATH (created when missing). */
    static final class Append implements Module<AppendParams> {
        @Override
        public String name() {
            return "append";
        }

        @Override
        public Class<AppendParams> paramsType() {
            return AppendParams.class;
        }

        @Override
        public List<ParamProblem> validate(AppendParams params, TemplateRenderer templates) {
            return List.of();
        }

        @Override
        public Set<Fact> facts(AppendParams p) {
            return Set.of(new Fact.FileRead(p.path()));
        }

        @Override
        public Set<String> paths(AppendParams p) {
            return Set.of(p.path());
        }

        @Override
        public Change plan(AppendParams p, PlanContext context) {
            FileInfo file = context.facts().file(p.path());
            String now = file.exists() ? new String(file.content(), StandardCharsets.UTF_8) : "";
            String line = p.line().replace("{os}", context.hostFacts().getOrDefault("os_id", "?"));
            if (now.lines().anyMatch(line::equals)) {
                return Change.none();
            }
            byte[] content = (now + line + "\n").getBytes(StandardCharsets.UTF_8);
            return Change.of(List.of(Operation.WriteFile.replacing(file, content, "", "", "")), List.of());
        }
    }
}

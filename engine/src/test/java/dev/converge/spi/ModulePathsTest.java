package dev.converge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Module#paths} derived from {@link Module#facts} for a module that edits the files it reads. */
class ModulePathsTest {
    record Params(String path) {}

    /** Reads a file and a command; edits the file only when it says so. */
    private static Module<Params> module(boolean edits) {
        return new Module<>() {
            @Override
            public String name() {
                return "probe";
            }

            @Override
            public Class<Params> paramsType() {
                return Params.class;
            }

            @Override
            public List<ParamProblem> validate(Params params, TemplateRenderer templates) {
                return List.of();
            }

            @Override
            public Set<Fact> facts(Params params) {
                return Set.of(
                        new Fact.FileRead(params.path(), true), new Fact.CommandRun(List.of("cat", "/etc/other")));
            }

            @Override
            public Change plan(Params params, PlanContext context) {
                return Change.none();
            }

            @Override
            public boolean editsTheFilesItReads() {
                return edits;
            }
        };
    }

    @Test
    void aModuleThatEditsWhatItReadsNamesItsFilePathsOnce() {
        assertThat(module(true).paths(new Params("/etc/motd"))).containsExactly("/etc/motd");
    }

    @Test
    void aModuleThatOnlyReadsEditsNothing() {
        assertThat(module(false).paths(new Params("/etc/motd"))).isEmpty();
    }
}

package dev.converge.modules.command;

import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Change;
import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class CommandModuleContractTest extends ModuleContractTest<CommandParams> {
    @Override
    protected Module<CommandParams> module() {
        return new CommandModule();
    }

    @Override
    protected List<CommandParams> convergingCases() {
        String marker = dir.resolve("marker").toString();
        String other = dir.resolve("other").toString();
        String piped = dir.resolve("piped").toString();
        return List.of(
                new CommandParams(List.of("touch", marker), marker, null, null, null),
                new CommandParams(List.of("touch", other), null, null, List.of("test", "-e", other), null),
                new CommandParams(List.of("sh", "-c", "cat > \"$0\"", piped), piped, null, null, "secret from stdin\n"),
                new CommandParams(List.of("true"), null, null, null, null));
    }

    @Test
    void stdinReachesTheCommandAndNeverItsCommandLine() throws Exception {
        String piped = dir.resolve("piped").toString();
        CommandParams p = new CommandParams(List.of("sh", "-c", "cat > \"$0\"", piped), piped, null, null, "s3cr3t\n");
        ModuleHarness<CommandParams> harness = new ModuleHarness<>(module(), templates());
        Change change = harness.plan(p).change();
        Assertions.assertThat(change.toString()).doesNotContain("s3cr3t");
        harness.apply(change);
        Assertions.assertThat(Path.of(piped)).hasContent("s3cr3t");
    }

    @Override
    protected List<CommandParams> invalidCases() {
        return List.of(
                new CommandParams(null, null, null, null, null),
                new CommandParams(List.of(), null, null, null, null),
                new CommandParams(List.of("echo hello world"), null, null, null, null),
                new CommandParams(List.of("true"), "relative", null, null, null));
    }
}

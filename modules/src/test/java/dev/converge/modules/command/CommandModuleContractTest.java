package dev.converge.modules.command;

import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import java.util.List;

class CommandModuleContractTest extends ModuleContractTest<CommandParams> {
    @Override
    protected Module<CommandParams> module() {
        return new CommandModule();
    }

    @Override
    protected List<CommandParams> convergingCases() {
        String marker = dir.resolve("marker").toString();
        String other = dir.resolve("other").toString();
        return List.of(
                new CommandParams(List.of("touch", marker), marker, null, null),
                new CommandParams(List.of("touch", other), null, null, List.of("test", "-e", other)),
                new CommandParams(List.of("true"), null, null, null));
    }

    @Override
    protected List<CommandParams> invalidCases() {
        return List.of(
                new CommandParams(null, null, null, null),
                new CommandParams(List.of(), null, null, null),
                new CommandParams(List.of("echo hello world"), null, null, null),
                new CommandParams(List.of("true"), "relative", null, null));
    }
}

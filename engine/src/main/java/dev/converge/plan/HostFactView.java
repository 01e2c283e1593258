package dev.converge.plan;

import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FactView;
import dev.converge.spi.FileInfo;
import dev.converge.spi.UndeclaredFactException;
import java.util.List;
import java.util.Set;

/** The facts one resource may read: only those it declared, as predicted so far. */
record HostFactView(Set<Fact> declared, VirtualFiles predicted) implements FactView {

    @Override
    public FileInfo file(String path) {
        Fact fact = new Fact.FileRead(path);
        if (!declared.contains(fact) && !declared.contains(new Fact.FileRead(path, true))) {
            throw new UndeclaredFactException(fact);
        }
        return predicted.get(path);
    }

    @Override
    public CommandOutput command(List<String> argv) {
        return command(new Fact.CommandRun(argv));
    }

    @Override
    public CommandOutput command(Fact.CommandRun fact) {
        if (!declared.contains(fact)) {
            throw new UndeclaredFactException(fact);
        }
        return predicted.command(fact);
    }
}

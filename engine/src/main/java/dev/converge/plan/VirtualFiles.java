package dev.converge.plan;

import dev.converge.gather.GatherResult;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import dev.converge.spi.Paths;
import java.util.HashMap;
import java.util.Map;

/**
 * A host's facts as they will be once the resources planned so far are applied: the gathered
 * state with the planned operations laid over its files (this is how edits of one file compose),
 * and the command outputs the planned changes predict ({@link dev.converge.spi.Change#predicted()}).
 */
final class VirtualFiles {
    private final GatherResult gathered;
    private final Map<String, FileInfo> planned = new HashMap<>();
    private final Map<Fact.CommandRun, CommandOutput> commands = new HashMap<>();

    VirtualFiles(GatherResult gathered) {
        this.gathered = gathered;
    }

    /** The path's planned state, or what was gathered; null when the path was not gathered. */
    FileInfo get(String path) {
        FileInfo own = planned.get(path);
        if (own != null) {
            return own;
        }
        FileInfo read = gathered.file(new Fact.FileRead(path));
        if (read == null) {
            return null;
        }
        return removedAncestor(path) ? FileInfo.absent(path) : read;
    }

    private boolean removedAncestor(String path) {
        for (String p = Paths.parent(path); !p.equals("/"); p = Paths.parent(p)) {
            FileInfo own = planned.get(p);
            if (own != null) {
                return !own.exists();
            }
        }
        return false;
    }

    /** The command's predicted output, or what was gathered. */
    CommandOutput command(Fact.CommandRun fact) {
        CommandOutput own = commands.get(fact);
        return own != null ? own : gathered.command(fact);
    }

    /** What a planned change says the command will print once it is applied. */
    void predict(Fact.CommandRun fact, CommandOutput output) {
        commands.put(fact, output);
    }

    void apply(Operation operation) {
        if (operation instanceof Operation.WriteFile w) {
            FileInfo before = current(w.path());
            planned.put(
                    w.path(),
                    new FileInfo(
                            w.path(),
                            FileInfo.Kind.FILE,
                            pick(w.mode(), before.mode(), "0644"),
                            pick(w.owner(), before.owner(), ""),
                            pick(w.group(), before.group(), ""),
                            w.content()));
        } else if (operation instanceof Operation.MakeDirectory d) {
            FileInfo before = current(d.path());
            planned.put(
                    d.path(),
                    new FileInfo(
                            d.path(),
                            FileInfo.Kind.DIRECTORY,
                            pick(d.mode(), before.mode(), "0755"),
                            pick(d.owner(), before.owner(), ""),
                            pick(d.group(), before.group(), ""),
                            null));
        } else if (operation instanceof Operation.SetAttributes a) {
            FileInfo before = current(a.path());
            planned.put(
                    a.path(),
                    new FileInfo(
                            a.path(),
                            before.kind(),
                            pick(a.mode(), before.mode(), ""),
                            pick(a.owner(), before.owner(), ""),
                            pick(a.group(), before.group(), ""),
                            before.content()));
        } else if (operation instanceof Operation.RemovePath r) {
            planned.keySet().removeIf(p -> p.startsWith(r.path() + "/"));
            planned.put(r.path(), FileInfo.absent(r.path()));
        }
        // a RunCommand's effect on files is not predicted; resources reading those files see the gathered state
    }

    private FileInfo current(String path) {
        FileInfo info = get(path);
        return info == null ? FileInfo.absent(path) : info;
    }

    private static String pick(String wanted, String existing, String fallback) {
        if (!wanted.isEmpty()) {
            return wanted;
        }
        return existing.isEmpty() ? fallback : existing;
    }
}

package dev.converge.modules.support;

import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TypedFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parses {@code getent passwd NAME} and {@code getent group NAME} (exit 0: found, 2: not found). */
public final class Getent {
    private Getent() {}

    /** A passwd entry. */
    public record Passwd(String name, long uid, long gid, String home, String shell) {}

    /** A group entry. */
    public record Group(String name, long gid, List<String> members) {}

    /** {@code getent passwd NAME}: the entry, or empty when there is none; a failed lookup fails the plan. */
    public static TypedFact<Optional<Passwd>> passwdOf(String name) {
        return new TypedFact<>(
                new Fact.CommandRun(argv("passwd", name)),
                out -> passwd(checked("passwd", name, out)),
                user -> user.map(Getent::line).orElseGet(Getent::notFound));
    }

    /** {@code getent group NAME}: the entry, or empty when there is none; a failed lookup fails the plan. */
    public static TypedFact<Optional<Group>> groupOf(String name) {
        return new TypedFact<>(
                new Fact.CommandRun(argv("group", name)),
                out -> group(checked("group", name, out)),
                group -> group.map(Getent::line).orElseGet(Getent::notFound));
    }

    private static CommandOutput checked(String database, String name, CommandOutput out) {
        if (failed(out)) {
            throw new PlanFailure("getent " + database + " " + name + " failed (exit " + out.exitCode() + ")");
        }
        return out;
    }

    /** The argv that reads one entry of a database. */
    public static List<String> argv(String database, String key) {
        return List.of("getent", database, key);
    }

    /** What {@code getent} prints for an entry that does not exist (exit 2, nothing printed). */
    static CommandOutput notFound() {
        return new CommandOutput(2, "", "");
    }

    /** What {@code getent group} prints for {@code group}. */
    static CommandOutput line(Group group) {
        return new CommandOutput(
                0, group.name() + ":x:" + group.gid() + ":" + String.join(",", group.members()) + "\n", "");
    }

    /** What {@code getent passwd} prints for {@code user} (the comment field empty). */
    static CommandOutput line(Passwd user) {
        return new CommandOutput(
                0,
                user.name() + ":x:" + user.uid() + ":" + user.gid() + "::" + user.home() + ":" + user.shell() + "\n",
                "");
    }

    /** Whether the lookup itself failed (neither found nor "not found"). */
    public static boolean failed(CommandOutput out) {
        return out.exitCode() != 0 && out.exitCode() != 2;
    }

    public static Optional<Passwd> passwd(CommandOutput out) {
        if (!out.succeeded()) {
            return Optional.empty();
        }
        String[] f = out.stdout().strip().split(":", -1);
        if (f.length < 7 || !isNumber(f[2]) || !isNumber(f[3])) {
            return Optional.empty();
        }
        return Optional.of(new Passwd(f[0], Long.parseLong(f[2]), Long.parseLong(f[3]), f[5], f[6]));
    }

    public static Optional<Group> group(CommandOutput out) {
        if (!out.succeeded()) {
            return Optional.empty();
        }
        String[] f = out.stdout().strip().split(":", -1);
        if (f.length < 4 || !isNumber(f[2])) {
            return Optional.empty();
        }
        return Optional.of(
                new Group(f[0], Long.parseLong(f[2]), f[3].isEmpty() ? List.of() : List.of(f[3].split(","))));
    }

    /** Whether {@code s} is a decimal id. */
    public static boolean isNumber(String s) {
        return s != null && s.matches("\\d{1,10}");
    }

    /** The argv that gives files owned by {@code oldId} (uid or gid) to {@code newId}, without crossing filesystems. */
    public static List<String> reownArgv(List<String> roots, boolean group, long oldId, long newId) {
        List<String> argv = new ArrayList<>();
        argv.add("find");
        argv.addAll(roots);
        argv.addAll(List.of(
                "-xdev",
                group ? "-gid" : "-uid",
                Long.toString(oldId),
                "-exec",
                group ? "chgrp" : "chown",
                "-h",
                Long.toString(newId),
                "{}",
                "+"));
        return argv;
    }
}

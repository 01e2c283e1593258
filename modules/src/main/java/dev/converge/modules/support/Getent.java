package dev.converge.modules.support;

import dev.converge.spi.CommandOutput;
import java.util.List;
import java.util.Optional;

/** Parses {@code getent passwd NAME} and {@code getent group NAME} (exit 0: found, 2: not found). */
public final class Getent {
    private Getent() {}

    /** A passwd entry. */
    public record Passwd(String name, long uid, long gid, String home, String shell) {}

    /** A group entry. */
    public record Group(String name, long gid, List<String> members) {}

    /** The argv that reads one entry of a database. */
    public static List<String> argv(String database, String key) {
        return List.of("getent", database, key);
    }

    /** What {@code getent} prints for an entry that does not exist (exit 2, nothing printed). */
    public static CommandOutput notFound() {
        return new CommandOutput(2, "", "");
    }

    /** What {@code getent group} prints for {@code group}. */
    public static CommandOutput line(Group group) {
        return new CommandOutput(0, group.name() + ":x:" + group.gid() + ":" + String.join(",", group.members()) + "\n", "");
    }

    /** What {@code getent passwd} prints for {@code user} (the comment field empty). */
    public static CommandOutput line(Passwd user) {
        return new CommandOutput(0, user.name() + ":x:" + user.uid() + ":" + user.gid() + "::" + user.home() + ":" + user.shell() + "\n", "");
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
        return Optional.of(new Group(f[0], Long.parseLong(f[2]), f[3].isEmpty() ? List.of() : List.of(f[3].split(","))));
    }

    /** Whether {@code s} is a decimal id. */
    public static boolean isNumber(String s) {
        return s != null && s.matches("\\d{1,10}");
    }

    /** The argv that gives files owned by {@code oldId} (uid or gid) to {@code newId}, without crossing filesystems. */
    public static List<String> reownArgv(List<String> roots, boolean group, long oldId, long newId) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add("find");
        argv.addAll(roots);
        argv.addAll(List.of("-xdev", group ? "-gid" : "-uid", Long.toString(oldId), "-exec", group ? "chgrp" : "chown",
                "-h", Long.toString(newId), "{}", "+"));
        return argv;
    }
}

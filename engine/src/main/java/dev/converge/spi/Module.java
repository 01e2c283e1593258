package dev.converge.spi;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One resource type: the single contract every module honours (see docs/module-contract.md).
 *
 * <p>A module never talks to a host, never prints and never quotes a shell string. It names the
 * facts it needs ({@link #facts}), and turns those facts into a {@link Change} with a pure
 * function ({@link #plan}). The engine gathers, composes, applies and verifies.
 *
 * @param <P> the parameter record, bound from YAML by Jackson (unknown keys are refused)
 */
public interface Module<P extends Record> {

    /** The key that selects this module in a playbook resource, e.g. {@code file}. */
    String name();

    /** The record the resource's parameters are bound to. */
    Class<P> paramsType();

    /**
     * Checks the bound parameters without any I/O. Never throws for bad input: every problem is
     * returned, each naming the parameter it concerns.
     */
    List<ParamProblem> validate(P params, TemplateRenderer templates);

    /**
     * The remote facts {@link #plan} will read, all gathered for a host in one round trip. The host
     * facts ({@link PlanContext#hostFacts()}) are not known yet here: a read that depends on the
     * OS, init system or package manager is declared once per case with
     * {@link Fact.CommandRun#onlyWhere} (the gather runs only the case the host has, after reading
     * the host facts in the same script) and {@link #plan} picks the case in Java. A module never
     * detects the OS in shell itself (docs/architecture.md, "Host facts and OS dispatch").
     */
    Set<Fact> facts(P params);

    /**
     * The facts when they depend on the playbook's local files (a copied directory's files): the
     * engine calls this one; by default {@link #facts(Record)}.
     */
    default Set<Fact> facts(P params, TemplateRenderer templates) {
        return facts(params);
    }

    /**
     * The change that brings the host to the desired state: a pure function of the parameters and
     * the facts. {@link PlanContext#facts()} refuses any fact not named by {@link #facts}.
     */
    Change plan(P params, PlanContext context);

    /**
     * Whether this resource checks live state, which no prediction may stand in for (a cross-host
     * agreement, an assertion on a command's output, a wait, a migration's preflight). When a change
     * is planned before it, on its host or a peer's, the engine defers it: it is planned on what is
     * read after those changes are applied (with --check it is reported as deferred).
     */
    default boolean checksLiveState(P params) {
        return false;
    }

    /**
     * Whether {@link #plan} compares the same resource on its other hosts ({@link PlanContext#peers}),
     * as a cross-host agreement or a migration's "where does it run now" does: the engine then
     * refuses (exit 3) to split its hosts over the batches of a play's {@code serial:}, since the
     * peers of another batch are never planned together with it.
     */
    default boolean readsPeers(P params) {
        return false;
    }

    /**
     * The inventory host names the parameters refer to, by parameter (e.g. a migration's
     * {@code to}): the engine refuses a name the inventory does not have as invalid input (exit 3),
     * before any host is contacted. A module cannot check this itself: validation sees no inventory.
     */
    default Map<String, String> hostReferences(P params) {
        return Map.of();
    }

    /**
     * Whether the files this resource reads ({@link Fact.FileRead} in {@link #facts}) are exactly
     * the files it edits: then {@link #paths} is derived from {@link #facts} and the module names
     * each path once (file, line, ini, ...). Default: no.
     */
    default boolean editsTheFilesItReads() {
        return false;
    }

    /**
     * The paths this resource edits; resources editing one path are ordered as written. Default:
     * the paths of its file facts when {@link #editsTheFilesItReads()}, else none; a module that
     * reads more than it edits (a parent directory, an fstab's mount point) overrides this.
     */
    default Set<String> paths(P params) {
        return editsTheFilesItReads() ? filePaths(facts(params)) : Set.of();
    }

    /** The paths of the file facts among {@code facts}. */
    static Set<String> filePaths(Set<Fact> facts) {
        Set<String> paths = new TreeSet<>();
        facts.forEach(f -> {
            if (f instanceof Fact.FileRead r) {
                paths.add(r.path());
            }
        });
        return Set.copyOf(paths);
    }
}

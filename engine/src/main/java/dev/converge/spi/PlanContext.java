package dev.converge.spi;

import java.util.Map;

/** What a module's plan may look at: facts and templates, nothing that reaches a host. */
public interface PlanContext {
    /** The inventory name of the host being planned. */
    String host();

    FactView facts();

    TemplateRenderer templates();

    /**
     * The host facts read with the module's facts ({@code os_id}, {@code os_version}, {@code os_like},
     * {@code init}, {@code pkg_manager}, {@code arch}, {@code kernel}, {@code user}, {@code hostname};
     * one definition: the gather's {@code cf_host}): OS dispatch is Java in {@link Module#plan},
     * not a shell copy of the detection; a command that differs per case is declared once per
     * case with {@link Fact.CommandRun#onlyWhere}.
     */
    default Map<String, String> hostFacts() {
        return Map.of();
    }

    /**
     * The same resource on the other hosts it is bound to (host name → its declared facts; files
     * as planned so far on that host, so {@code after:} the resources that edit them to see their
     * planned state; command outputs as read before this run): for cross-host checks such as
     * "these values agree" or "where does the instance run now".
     */
    default Map<String, FactView> peers() {
        return Map.of();
    }

    /**
     * Whether this plan is a dry run's ({@code --check}, {@code converge plan}): nothing will be
     * applied after it. A module whose apply step repeats a live judgement at the right moment of a
     * real run (the migration's preflight, after the target's libvirtd restarted) may judge it from
     * the facts only here, so the check reports what the run would refuse; in a real run its plan
     * leaves that to the apply, whose order the read of the facts cannot have.
     */
    default boolean dryRun() {
        return false;
    }
}

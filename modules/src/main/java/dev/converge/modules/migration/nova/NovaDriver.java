package dev.converge.modules.migration.nova;

import dev.converge.spi.Change;
import dev.converge.spi.Change.FieldChange;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.Fact;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanContext;
import dev.converge.spi.PlanFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code nova} driver of {@code live_migration}: the Compute API is asked where the server
 * runs (a fact) and to move it (the change), through {@link NovaMain} run with this converge's
 * Java and class path on the host the resource is bound to: the control node ({@code localhost}).
 * Credentials travel on standard input.
 */
public final class NovaDriver {
    private NovaDriver() {}

    /** The problems of {@code live_migration}'s {@code nova:} settings ({@code s} null when left out). */
    public static List<ParamProblem> validate(NovaSettings s) {
        List<ParamProblem> problems = new ArrayList<>();
        if (s == null) {
            problems.add(
                    new ParamProblem(
                            "nova",
                            "driver: nova needs nova: settings (auth_url and credentials)",
                            "add nova: {auth_url: https://keystone:5000/v3, username: ..., password: \"${os_password}\", project_name: ...}"));
            return problems;
        }
        if (s.authUrl() == null || !s.authUrl().matches("https?://\\S+")) {
            problems.add(new ParamProblem(
                    "nova",
                    "nova.auth_url must be the Keystone URL (http:// or https://)",
                    "write auth_url: https://keystone:5000/v3"));
        }
        boolean appCred = s.applicationCredentialId() != null || s.applicationCredentialSecret() != null;
        if (appCred && (s.applicationCredentialId() == null || s.applicationCredentialSecret() == null)) {
            problems.add(new ParamProblem(
                    "nova",
                    "an application credential needs both application_credential_id and application_credential_secret",
                    "give both, from secret variables"));
        }
        if (!appCred && (s.username() == null || s.password() == null || s.projectName() == null)) {
            problems.add(new ParamProblem(
                    "nova",
                    "password authentication needs username, password and project_name",
                    "give them (the password from a secret variable), or an application credential"));
        }
        if (s.blockMigration() != null && !List.of("auto", "true", "false").contains(s.blockMigration())) {
            problems.add(new ParamProblem(
                    "nova", "nova.block_migration must be auto, true or false", "leave it out for auto"));
        }
        return problems;
    }

    /** The fact: where the server runs (and, when not on the target, the read-only preflight's verdict). */
    public static Fact.CommandRun where(NovaRequest p) {
        return new Fact.CommandRun(helper("where"), p.toJson());
    }

    public static Change plan(NovaRequest p, PlanContext context) {
        CommandOutput out = context.facts().command(where(p));
        if (!out.succeeded()) {
            throw new PlanFailure("cannot ask the Compute API where " + p.instance() + " runs: "
                    + out.stderr().strip());
        }
        String host = field(out.stdout().lines().findFirst().orElse(""), "host");
        if (host.equals(p.to())) {
            return Change.none();
        }
        if (context.dryRun()) {
            // a real run's migrate step does the same preflight, after what it waits for
            out.stdout()
                    .lines()
                    .filter(l -> l.startsWith(NovaMain.REFUSED))
                    .findFirst()
                    .ifPresent(refused -> {
                        throw new PlanFailure("nova: " + refused.substring(NovaMain.REFUSED.length()));
                    });
        }
        return Change.of(
                List.of(new Operation.RunCommand(helper("migrate"), p.toJson())),
                List.of(new FieldChange("host of " + p.instance(), host, p.to())));
    }

    private static String field(String line, String name) {
        for (String part : line.strip().split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        return "";
    }

    /** This converge's own Java and class path, running {@link NovaMain}. */
    private static List<String> helper(String command) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), NovaMain.class.getName(), command);
    }
}

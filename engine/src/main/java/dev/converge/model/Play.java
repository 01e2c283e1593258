package dev.converge.model;

import dev.converge.diag.SourceLocation;
import java.util.List;
import java.util.Map;

/**
 * A play: a host pattern, its variables, its resources in written order, and its handlers.
 *
 * @param secrets names of variables marked secret by this play
 * @param rollout its batches ({@code serial:}) and when a failed batch stops the run
 * @param connection its {@code become:}, {@code become_user:} and {@code remote_user:}
 */
public record Play(
        String name,
        String hosts,
        Map<String, Var> vars,
        List<ResourceSpec> resources,
        List<ResourceSpec> handlers,
        SourceLocation at,
        SourceLocation hostsAt,
        List<String> secrets,
        Rollout rollout,
        PlayConnection connection) {
    public Play {
        secrets = List.copyOf(secrets);
        rollout = rollout == null ? Rollout.NONE : rollout;
        connection = connection == null ? PlayConnection.NONE : connection;
        vars = Map.copyOf(vars);
        resources = List.copyOf(resources);
        handlers = List.copyOf(handlers);
    }
}

package dev.converge.model;

import java.util.Map;

/**
 * A play's connection keywords ({@code become:}, {@code become_user:}, {@code remote_user:}) as the
 * inventory variables they stand for ({@code ansible_become}, {@code ansible_become_user},
 * {@code ansible_user}), each with where it was written. As in Ansible they sit above the command
 * line ({@code -b}, {@code -u}) and below the inventory's own variables and {@code -e}.
 */
public record PlayConnection(Map<String, Var> settings) {
    public static final PlayConnection NONE = new PlayConnection(Map.of());

    public PlayConnection {
        settings = Map.copyOf(settings);
    }
}

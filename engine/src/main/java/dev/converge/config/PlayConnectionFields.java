package dev.converge.config;

import dev.converge.diag.Problems;
import dev.converge.model.PlayConnection;
import dev.converge.model.Var;
import dev.converge.model.YamlValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a play's {@code become:}, {@code become_user:} and {@code remote_user:} (see {@link PlayConnection}). */
final class PlayConnectionFields {
    private PlayConnectionFields() {}

    static PlayConnection read(YamlValue.Mapping play, Problems problems) {
        Map<String, Var> settings = new LinkedHashMap<>();
        YamlValue become = play.get("become");
        if (become != null) {
            if (become instanceof YamlValue.Scalar s && s.value() instanceof Boolean b) {
                settings.put("ansible_become", new Var(b, become.at()));
            } else {
                problems.add(
                        become.at(), "become: must be true or false, not " + become.kind(), "write `become: true`");
            }
        }
        user(play, "become_user", "ansible_become_user", settings, problems);
        user(play, "remote_user", "ansible_user", settings, problems);
        return new PlayConnection(settings);
    }

    private static void user(
            YamlValue.Mapping play, String key, String variable, Map<String, Var> settings, Problems problems) {
        YamlValue value = play.get(key);
        Fields.string(play, key, problems).ifPresent(name -> {
            if (name.contains("${")) {
                problems.add(
                        value.at(),
                        key + ": is not templated (the connection is settled before any variable is rendered)",
                        "write the user name, or set `" + variable + "` per host in the inventory or with -e");
            } else if (name.isBlank()) {
                problems.add(value.at(), key + ": is empty", "write a user name, or drop the key");
            } else {
                settings.put(variable, new Var(name, value.at()));
            }
        });
    }
}

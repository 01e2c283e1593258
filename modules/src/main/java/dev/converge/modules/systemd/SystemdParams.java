package dev.converge.modules.systemd;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@code systemd}.
 *
 * @param name the unit, e.g. {@code libvirtd.service} ({@code .service} when no suffix is given)
 * @param content the unit file's whole content ({@code UNIT_DIR/NAME}); omitted: the unit file is not managed
 * @param dropins drop-in files by name ({@code UNIT_DIR/NAME.d/FILE}, e.g. {@code 50-listen.conf}) and content
 * @param enabled started at boot (omitted: left as is)
 * @param state {@code started}, {@code stopped}, {@code restarted} or {@code reloaded} (the last two act every run)
 * @param masked masked ({@code true}) or unmasked ({@code false}); omitted: left as is
 * @param unitDir where the files go (default {@code /etc/systemd/system})
 * @param validate a command (argument list, {@code %s} for the file) run on each new unit file and
 *     drop-in before it is written (e.g. {@code [systemd-analyze, verify, "%s"]}); a rejection leaves
 *     the file as it was and nothing after it in the resource runs (no daemon-reload, no restart)
 * @param backup keep each old unit file or drop-in beside it ({@code PATH.PID.YYYY-MM-DD@HH:MM:SS~})
 *     before it is changed
 */
public record SystemdParams(
        @JsonProperty("name") String name,
        @JsonProperty("content") String content,
        @JsonProperty("dropins") Map<String, String> dropins,
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("state") String state,
        @JsonProperty("masked") Boolean masked,
        @JsonProperty("unit_dir") String unitDir,
        @JsonProperty("validate") List<String> validate,
        @JsonProperty("backup") Boolean backup) {

    /** Without {@code validate} and {@code backup}. */
    public SystemdParams(
            String name,
            String content,
            Map<String, String> dropins,
            Boolean enabled,
            String state,
            Boolean masked,
            String unitDir) {
        this(name, content, dropins, enabled, state, masked, unitDir, null, null);
    }

    public SystemdParams {
        dropins = dropins == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(dropins));
    }

    String unit() {
        return name.contains(".") ? name : name + ".service";
    }

    String dir() {
        return unitDir == null ? "/etc/systemd/system" : unitDir;
    }

    String unitPath() {
        return dir() + "/" + unit();
    }

    String dropinPath(String file) {
        return dir() + "/" + unit() + ".d/" + file;
    }
}

package dev.converge.modules.systemd;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
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
 */
public record SystemdParams(
        @JsonProperty("name") String name,
        @JsonProperty("content") String content,
        @JsonProperty("dropins") Map<String, String> dropins,
        @JsonProperty("enabled") Boolean enabled,
        @JsonProperty("state") String state,
        @JsonProperty("masked") Boolean masked,
        @JsonProperty("unit_dir") String unitDir) {

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

package dev.converge.modules.migration;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.converge.modules.migration.nova.NovaSettings;

/**
 * Parameters of {@code live_migration}.
 *
 * @param instance the libvirt domain name (libvirt driver) or the server name or id (nova driver)
 * @param to the target host's inventory name
 * @param driver {@code libvirt} (default: virsh on the source host) or {@code nova} (the Compute API, from the control node)
 * @param timeout seconds before the migration is aborted (default 300)
 * @param unsafe libvirt: pass {@code --unsafe} (shared storage libvirt cannot recognise, e.g. the lab's bind mount)
 * @param uri libvirt: the target's URI (default {@code qemu+tcp://TO/system})
 * @param nova settings of the Compute API driver (Keystone v3 password or application credential): a type of
 *     the driver's package, so that {@code nova} depends on nothing of this one
 */
public record LiveMigrationParams(
        @JsonProperty("instance") String instance,
        @JsonProperty("to") String to,
        @JsonProperty("driver") String driver,
        @JsonProperty("timeout") Long timeout,
        @JsonProperty("unsafe") Boolean unsafe,
        @JsonProperty("uri") String uri,
        @JsonProperty("nova") NovaSettings nova) {

    public String driverOrDefault() {
        return driver == null ? "libvirt" : driver;
    }

    public long timeoutOrDefault() {
        return timeout == null ? 300 : timeout;
    }

    public String uriOrDefault() {
        return uri == null ? "qemu+tcp://" + to + "/system" : uri;
    }
}

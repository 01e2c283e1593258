package dev.converge.modules.keyvalue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The types of well-known libvirt settings. Types are per key and cannot be inferred from a
 * value's look: {@code tcp_port = "16509"} is a string, {@code max_clients = 5000} an integer.
 * Sources: the stock {@code libvirtd.conf} and {@code qemu.conf} of libvirt 9.0 (Debian 12).
 */
final class LibvirtKeys {
    /** The kind of value a key takes. */
    enum Type {
        INT,
        STRING,
        LIST
    }

    private static final Set<String> INTS = Set.of(
            "listen_tls",
            "listen_tcp",
            "tcp_min_ssf",
            "tls_no_sanity_certificate",
            "tls_no_verify_certificate",
            "max_clients",
            "max_queued_clients",
            "max_anonymous_clients",
            "min_workers",
            "max_workers",
            "prio_workers",
            "max_client_requests",
            "admin_min_workers",
            "admin_max_workers",
            "admin_max_clients",
            "admin_max_queued_clients",
            "admin_max_client_requests",
            "log_level",
            "audit_level",
            "audit_logging",
            "keepalive_interval",
            "keepalive_count",
            "keepalive_required",
            "admin_keepalive_required",
            "admin_keepalive_interval",
            "admin_keepalive_count",
            "ovs_timeout",
            // qemu.conf
            "migration_port_min",
            "migration_port_max",
            "remote_display_port_min",
            "remote_display_port_max",
            "dynamic_ownership",
            "remember_owner",
            "vnc_tls",
            "vnc_allow_host_audio",
            "spice_tls",
            "max_processes",
            "max_files",
            "set_process_name",
            "clear_emulator_capabilities");

    private static final Set<String> STRINGS = Set.of(
            "listen_addr",
            "tcp_port",
            "tls_port",
            "unix_sock_group",
            "unix_sock_ro_perms",
            "unix_sock_rw_perms",
            "unix_sock_admin_perms",
            "unix_sock_dir",
            "auth_unix_ro",
            "auth_unix_rw",
            "auth_tcp",
            "auth_tls",
            "key_file",
            "cert_file",
            "ca_file",
            "crl_file",
            "tls_priority",
            "log_filters",
            "log_outputs",
            "host_uuid",
            "host_uuid_source",
            // qemu.conf
            "migration_address",
            "migration_host",
            "vnc_listen",
            "spice_listen",
            "user",
            "group",
            "default_tls_x509_cert_dir",
            "migrate_tls_x509_cert_dir",
            "vnc_tls_x509_cert_dir");

    private static final Set<String> LISTS = Set.of(
            "access_drivers",
            "tls_allowed_dn_list",
            "sasl_allowed_username_list",
            "cgroup_controllers",
            "cgroup_device_acl",
            "namespaces");

    private LibvirtKeys() {}

    /** The type of a well-known key, empty for others (their type follows the YAML value). */
    static Optional<Type> typeOf(String key) {
        if (INTS.contains(key)) {
            return Optional.of(Type.INT);
        }
        if (STRINGS.contains(key)) {
            return Optional.of(Type.STRING);
        }
        return LISTS.contains(key) ? Optional.of(Type.LIST) : Optional.empty();
    }

    /**
     * Converts a YAML value to a libvirt value for {@code key}, or explains why it cannot.
     *
     * @return the value, or an error message (exactly one of the two is present)
     */
    static Result convert(String key, Object yaml) {
        Optional<Type> type = typeOf(key);
        LibvirtValue value;
        if (yaml instanceof Boolean b) {
            value = new LibvirtValue.Int(b ? 1 : 0);
        } else if (yaml instanceof Integer || yaml instanceof Long || yaml instanceof Short) {
            value = new LibvirtValue.Int(((Number) yaml).longValue());
        } else if (yaml instanceof String s) {
            if (!LibvirtValue.writable(s)) {
                return Result.error("'" + key + "': this string cannot be written in libvirt's format "
                        + "(newline, or both quote characters)");
            }
            value = new LibvirtValue.Str(s);
        } else if (yaml instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            value = new LibvirtValue.StrList(
                    list.stream().map(String.class::cast).toList());
        } else {
            return Result.error("'" + key + "': " + (yaml == null ? "no value" : "unsupported value " + yaml)
                    + " (libvirt takes integers, booleans as 0/1, strings and lists of strings)");
        }
        if (type.isPresent() && type.get() != typeOfValue(value)) {
            return Result.error("'" + key + "' takes " + article(type.get()) + " in libvirt, not "
                    + article(typeOfValue(value)) + " (" + yaml + ")");
        }
        return new Result(value, null);
    }

    private static Type typeOfValue(LibvirtValue value) {
        if (value instanceof LibvirtValue.Int) {
            return Type.INT;
        }
        return value instanceof LibvirtValue.Str ? Type.STRING : Type.LIST;
    }

    private static String article(Type type) {
        return Map.of(Type.INT, "an integer", Type.STRING, "a string", Type.LIST, "a list of strings")
                .get(type);
    }

    /** A converted value or the reason it could not be converted. */
    record Result(LibvirtValue value, String error) {
        static Result error(String message) {
            return new Result(null, message);
        }
    }
}

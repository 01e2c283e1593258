package dev.converge.modules.migration.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A small client of Keystone v3 and the OpenStack Compute API (microversion 2.30): what live
 * migration needs, nothing more. Every failure is an {@link NovaException} with the API's message.
 */
public final class NovaApi {
    static final String MICROVERSION = "2.30";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).build();
    private final String token;
    private final String compute;

    private NovaApi(String token, String compute) {
        this.token = token;
        this.compute = compute.endsWith("/") ? compute.substring(0, compute.length() - 1) : compute;
    }

    /** A server as the API shows it. */
    public record Server(String id, String name, String status, String host, String flavorId) {}

    /** Authenticates (password or application credential) and finds the compute endpoint. */
    public static NovaApi login(NovaSettings s) throws NovaException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        if (s.applicationCredentialId() != null) {
            identity.putArray("methods").add("application_credential");
            identity.putObject("application_credential")
                    .put("id", s.applicationCredentialId())
                    .put("secret", s.applicationCredentialSecret());
        } else {
            identity.putArray("methods").add("password");
            ObjectNode user = identity.putObject("password").putObject("user");
            user.put("name", s.username()).put("password", s.password());
            user.putObject("domain").put("name", orDefault(s.userDomainName(), "Default"));
            ObjectNode project = auth.putObject("scope").putObject("project");
            project.put("name", s.projectName());
            project.putObject("domain").put("name", orDefault(s.projectDomainName(), "Default"));
        }
        String url = s.authUrl().replaceAll("/+$", "") + (s.authUrl().endsWith("/v3") ? "" : "/v3") + "/auth/tokens";
        HttpResponse<String> response = send(
                HttpClient.newHttpClient(),
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
        if (response.statusCode() != 201) {
            throw new NovaException("Keystone refused the credentials (HTTP " + response.statusCode() + "): "
                    + message(response.body()));
        }
        String token = response.headers()
                .firstValue("X-Subject-Token")
                .orElseThrow(() -> new NovaException("Keystone answered without X-Subject-Token"));
        String endpoint = endpoint(
                        parse(response.body()), orDefault(s.region(), null), orDefault(s.endpointInterface(), "public"))
                .orElseThrow(() -> new NovaException("no compute endpoint in the Keystone catalog (interface "
                        + orDefault(s.endpointInterface(), "public") + ", region " + orDefault(s.region(), "any")
                        + ")"));
        return new NovaApi(token, endpoint);
    }

    private static Optional<String> endpoint(JsonNode token, String region, String iface) {
        for (JsonNode service : token.path("token").path("catalog")) {
            if (!service.path("type").asText().equals("compute")) {
                continue;
            }
            for (JsonNode e : service.path("endpoints")) {
                boolean regionOk = region == null
                        || region.equals(e.path("region").asText())
                        || region.equals(e.path("region_id").asText());
                if (e.path("interface").asText().equals(iface) && regionOk) {
                    return Optional.of(e.path("url").asText());
                }
            }
        }
        return Optional.empty();
    }

    /** The server with this id, or the one server with exactly this name. */
    public Server server(String nameOrId) throws NovaException {
        HttpResponse<String> byId = get("/servers/" + encode(nameOrId));
        if (byId.statusCode() == 200) {
            return toServer(parse(byId.body()).path("server"));
        }
        JsonNode list = parse(ok(get("/servers?all_tenants=1&name=" + encode("^" + Pattern.quote(nameOrId) + "$")))
                .body());
        List<JsonNode> matches = new ArrayList<>();
        list.path("servers").forEach(n -> {
            if (n.path("name").asText().equals(nameOrId)) {
                matches.add(n);
            }
        });
        if (matches.size() != 1) {
            throw new NovaException(
                    matches.isEmpty()
                            ? "no server named " + nameOrId
                            : matches.size() + " servers are named " + nameOrId + ": use the id");
        }
        return toServer(
                parse(ok(get("/servers/" + matches.get(0).path("id").asText())).body())
                        .path("server"));
    }

    private static Server toServer(JsonNode s) {
        return new Server(
                s.path("id").asText(),
                s.path("name").asText(),
                s.path("status").asText(),
                s.path("OS-EXT-SRV-ATTR:host").asText(""),
                s.path("flavor").path("id").asText(""));
    }

    /** The nova-compute service on a host: "up/enabled", or why not. */
    public String computeService(String host) throws NovaException {
        JsonNode services = parse(ok(get("/os-services?binary=nova-compute&host=" + encode(host)))
                        .body())
                .path("services");
        if (services.isEmpty()) {
            return "missing";
        }
        JsonNode s = services.get(0);
        return s.path("state").asText() + "/" + s.path("status").asText();
    }

    /** Free RAM in MiB of the hypervisor on a host, if the API reports it. */
    public Optional<Long> freeRamMb(String host) throws NovaException {
        for (JsonNode h : parse(ok(get("/os-hypervisors/detail")).body()).path("hypervisors")) {
            String name = h.path("service")
                    .path("host")
                    .asText(h.path("hypervisor_hostname").asText());
            if (name.equals(host) || h.path("hypervisor_hostname").asText().equals(host)) {
                return h.has("free_ram_mb") ? Optional.of(h.path("free_ram_mb").asLong()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    public Optional<Long> flavorRamMb(String flavorId) throws NovaException {
        if (flavorId.isEmpty()) {
            return Optional.empty();
        }
        HttpResponse<String> r = get("/flavors/" + encode(flavorId));
        return r.statusCode() == 200
                ? Optional.of(parse(r.body()).path("flavor").path("ram").asLong())
                : Optional.empty();
    }

    /** {@code os-migrateLive} to a host. */
    public void liveMigrate(String serverId, String host, String blockMigration) throws NovaException {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("os-migrateLive").put("host", host).put("block_migration", orDefault(blockMigration, "auto"));
        HttpResponse<String> r = send(
                http,
                request("/servers/" + encode(serverId) + "/action")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build());
        if (r.statusCode() != 202) {
            throw new NovaException("os-migrateLive refused (HTTP " + r.statusCode() + "): " + message(r.body()));
        }
    }

    /** A line of progress from the in-progress migration, if any. */
    public Optional<String> progress(String serverId) throws NovaException {
        HttpResponse<String> r = get("/servers/" + encode(serverId) + "/migrations");
        if (r.statusCode() != 200) {
            return Optional.empty();
        }
        for (JsonNode m : parse(r.body()).path("migrations")) {
            long total = m.path("memory_total_bytes").asLong(0);
            long done = m.path("memory_processed_bytes").asLong(0);
            return Optional.of(
                    "memory " + done + "/" + total + " bytes" + (total > 0 ? " (" + (100 * done / total) + " %)" : ""));
        }
        return Optional.empty();
    }

    /** Force-aborts the server's running migration (microversion 2.24+); false if there is none or it cannot be. */
    public boolean abortMigration(String serverId) {
        try {
            for (JsonNode m : parse(ok(get("/servers/" + encode(serverId) + "/migrations"))
                            .body())
                    .path("migrations")) {
                HttpResponse<String> r = send(
                        http,
                        request("/servers/" + encode(serverId) + "/migrations/"
                                        + m.path("id").asText())
                                .DELETE()
                                .build());
                return r.statusCode() == 202;
            }
        } catch (NovaException e) {
            return false;
        }
        return false;
    }

    /** The last instance action's events, for failure reports. */
    public String lastActionEvents(String serverId) {
        try {
            JsonNode actions = parse(ok(get("/servers/" + encode(serverId) + "/os-instance-actions"))
                            .body())
                    .path("instanceActions");
            if (actions.isEmpty()) {
                return "no instance actions";
            }
            JsonNode last = actions.get(0);
            JsonNode detail = parse(ok(get("/servers/" + encode(serverId) + "/os-instance-actions/"
                            + encode(last.path("request_id").asText())))
                    .body());
            StringBuilder out = new StringBuilder(
                    last.path("action").asText() + " " + last.path("message").asText(""));
            detail.path("instanceAction")
                    .path("events")
                    .forEach(e -> out.append("; ")
                            .append(e.path("event").asText())
                            .append(" on ")
                            .append(e.path("host").asText("?"))
                            .append(": ")
                            .append(e.path("result").asText()));
            return out.toString();
        } catch (NovaException e) {
            return "instance actions unavailable: " + e.getMessage();
        }
    }

    private HttpResponse<String> get(String path) throws NovaException {
        return send(http, request(path).GET().build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(compute + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Auth-Token", token)
                .header("Accept", "application/json")
                .header("OpenStack-API-Version", "compute " + MICROVERSION)
                .header("X-OpenStack-Nova-API-Version", MICROVERSION);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws NovaException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new NovaException("cannot reach " + request.uri().getHost() + ":"
                    + request.uri().getPort() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NovaException("interrupted");
        }
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) throws NovaException {
        if (r.statusCode() / 100 != 2) {
            throw new NovaException(
                    "HTTP " + r.statusCode() + " from " + r.uri().getPath() + ": " + message(r.body()));
        }
        return r;
    }

    private static JsonNode parse(String body) throws NovaException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new NovaException("the API answered something that is not JSON");
        }
    }

    private static String message(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            for (JsonNode v : n) {
                if (v.has("message")) {
                    return v.path("message").asText();
                }
            }
        } catch (IOException e) {
            // not JSON: the body itself, shortened
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}

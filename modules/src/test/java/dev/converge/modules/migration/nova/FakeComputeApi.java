package dev.converge.modules.migration.nova;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Keystone v3 and Compute API (microversion 2.30) on loopback, following the API
 * reference for the calls live migration makes: tokens with a catalog, servers by id and name,
 * os-services, os-hypervisors/detail, flavors, os-migrateLive, server migrations (progress and
 * force-abort) and instance actions. A migration completes after a few polls.
 */
final class FakeComputeApi implements AutoCloseable {
    static final String PASSWORD = "s3cret-canary-pw";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    final List<String> requests = new ArrayList<>();
    volatile String host = "HostB";
    volatile String status = "ACTIVE";
    volatile String targetService = "up/enabled";
    volatile int pollsToComplete = 2;
    volatile boolean neverCompletes;
    volatile String migratingTo;
    final AtomicInteger polls = new AtomicInteger();
    volatile boolean aborted;

    FakeComputeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String authUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/identity/v3";
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getPath();
        String query =
                ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
        requests.add(method + " " + path);
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/identity/v3/auth/tokens") && method.equals("POST")) {
            JsonNode auth = JSON.readTree(body).path("auth").path("identity");
            boolean ok =
                    auth.path("password").path("user").path("password").asText().equals(PASSWORD)
                            || auth.path("application_credential")
                                    .path("secret")
                                    .asText()
                                    .equals(PASSWORD);
            if (!ok) {
                reply(
                        ex,
                        401,
                        "{\"error\": {\"code\": 401, \"message\": \"The request you have made requires authentication.\"}}");
                return;
            }
            ex.getResponseHeaders().add("X-Subject-Token", "tok-123");
            reply(
                    ex,
                    201,
                    "{\"token\": {\"catalog\": [{\"type\": \"compute\", \"endpoints\": [{\"interface\": \"public\", \"region\": \"RegionOne\", "
                            + "\"url\": \"http://127.0.0.1:"
                            + server.getAddress().getPort() + "/compute/v2.1\"}]}]}}");
            return;
        }
        if (!"tok-123".equals(ex.getRequestHeaders().getFirst("X-Auth-Token"))) {
            reply(ex, 401, "{\"error\": {\"message\": \"no token\"}}");
            return;
        }
        if (!"compute 2.30".equals(ex.getRequestHeaders().getFirst("OpenStack-API-Version"))) {
            reply(ex, 400, "{\"badRequest\": {\"message\": \"microversion 2.30 expected\"}}");
            return;
        }
        String api = path.substring("/compute/v2.1".length());
        if (api.equals("/servers/uuid-1") && method.equals("GET")) {
            advance();
            reply(
                    ex,
                    200,
                    "{\"server\": {\"id\": \"uuid-1\", \"name\": \"vm1\", \"status\": \"" + status
                            + "\", \"OS-EXT-SRV-ATTR:host\": \"" + host + "\", \"flavor\": {\"id\": \"f1\"}}}");
        } else if (api.startsWith("/servers/") && method.equals("GET") && api.indexOf('/', 9) < 0) {
            reply(ex, 404, "{\"itemNotFound\": {\"message\": \"Instance could not be found.\"}}");
        } else if (api.equals("/servers") && query.contains("name=")) {
            reply(
                    ex,
                    200,
                    "{\"servers\": [{\"id\": \"uuid-1\", \"name\": \"vm1\"}, {\"id\": \"uuid-2\", \"name\": \"vm10\"}]}");
        } else if (api.equals("/flavors/f1")) {
            reply(ex, 200, "{\"flavor\": {\"id\": \"f1\", \"ram\": 512}}");
        } else if (api.equals("/os-services")) {
            String[] s = targetService.split("/");
            reply(
                    ex,
                    200,
                    query.contains("host=HostC")
                            ? "{\"services\": [{\"binary\": \"nova-compute\", \"host\": \"HostC\", \"state\": \"" + s[0]
                                    + "\", \"status\": \"" + s[1] + "\"}]}"
                            : "{\"services\": []}");
        } else if (api.equals("/os-hypervisors/detail")) {
            reply(
                    ex,
                    200,
                    "{\"hypervisors\": [{\"hypervisor_hostname\": \"hostc.example\", \"service\": {\"host\": \"HostC\"}, \"free_ram_mb\": 4096}]}");
        } else if (api.equals("/servers/uuid-1/action") && method.equals("POST")) {
            JsonNode migrate = JSON.readTree(body).path("os-migrateLive");
            if (migrate.isMissingNode() || !migrate.has("block_migration")) {
                reply(ex, 400, "{\"badRequest\": {\"message\": \"block_migration is required\"}}");
                return;
            }
            migratingTo = migrate.path("host").asText();
            status = "MIGRATING";
            reply(ex, 202, "");
        } else if (api.equals("/servers/uuid-1/migrations") && method.equals("GET")) {
            reply(
                    ex,
                    200,
                    status.equals("MIGRATING")
                            ? "{\"migrations\": [{\"id\": 7, \"status\": \"running\", \"memory_total_bytes\": 1000, "
                                    + "\"memory_processed_bytes\": " + (polls.get() * 400) + "}]}"
                            : "{\"migrations\": []}");
        } else if (api.equals("/servers/uuid-1/migrations/7") && method.equals("DELETE")) {
            aborted = true;
            status = "ACTIVE";
            migratingTo = null;
            reply(ex, 202, "");
        } else if (api.equals("/servers/uuid-1/os-instance-actions")) {
            reply(
                    ex,
                    200,
                    "{\"instanceActions\": [{\"action\": \"live-migration\", \"request_id\": \"req-1\", \"message\": null}]}");
        } else if (api.equals("/servers/uuid-1/os-instance-actions/req-1")) {
            reply(
                    ex,
                    200,
                    "{\"instanceAction\": {\"events\": [{\"event\": \"compute_live_migration\", \"host\": \"HostB\", \"result\": \"Error\"}]}}");
        } else {
            reply(ex, 404, "{\"itemNotFound\": {\"message\": \"no route " + method + " " + api + "\"}}");
        }
    }

    private void advance() {
        if (status.equals("MIGRATING") && !neverCompletes && polls.incrementAndGet() >= pollsToComplete) {
            host = migratingTo;
            status = "ACTIVE";
        } else if (status.equals("MIGRATING")) {
            polls.incrementAndGet();
        }
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

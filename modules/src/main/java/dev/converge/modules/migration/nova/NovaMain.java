package dev.converge.modules.migration.nova;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The nova driver's helper process, run by the engine on the host the resource is bound to (the
 * control node, with Java and converge.jar): {@code where} prints where the server runs and,
 * when it is not on the target, the preflight's verdict (read-only: a {@link #REFUSED} line when
 * the migration would be refused);
 * {@code migrate} does preflight, os-migrateLive, polling with progress, and verification. The
 * request (with credentials) arrives on standard input.
 */
public final class NovaMain {
    /** How {@code where} starts the line of a preflight that refuses the migration. */
    public static final String REFUSED = "refused: ";

    private NovaMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length != 1 || !(args[0].equals("where") || args[0].equals("migrate"))) {
            err.println("usage: NovaMain where|migrate < request.json");
            return 2;
        }
        try {
            NovaRequest request = NovaRequest.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            NovaApi api = NovaApi.login(request.settings());
            if (args[0].equals("where")) {
                NovaApi.Server server = api.server(request.instance());
                out.println("host=" + server.host() + " status=" + server.status());
                if (!server.host().equals(request.to())) {
                    // the read-only preflight, so that --check says what the migration would refuse
                    try {
                        new NovaMigration(api, request, out, Sleeper.REAL).preflight(server, request.to());
                    } catch (NovaException e) {
                        out.println(REFUSED + e.getMessage());
                    }
                }
                return 0;
            }
            return new NovaMigration(api, request, out, Sleeper.REAL).run();
        } catch (IOException e) {
            err.println("nova: cannot read the request: " + e.getMessage());
        } catch (NovaException e) {
            err.println("nova: " + e.getMessage());
        }
        return 1;
    }

    /** How the poll loop waits (tests use no wait). */
    interface Sleeper {
        Sleeper REAL = millis -> Thread.sleep(millis);

        void sleep(long millis) throws InterruptedException;
    }

    /** Preflight, trigger, poll, verify. */
    static final class NovaMigration {
        private final NovaApi api;
        private final NovaRequest request;
        private final PrintStream out;
        private final Sleeper sleeper;

        NovaMigration(NovaApi api, NovaRequest request, PrintStream out, Sleeper sleeper) {
            this.api = api;
            this.request = request;
            this.out = out;
            this.sleeper = sleeper;
        }

        int run() throws NovaException {
            NovaApi.Server server = api.server(request.instance());
            String to = request.to();
            if (server.host().equals(to)) {
                out.println(server.name() + " already runs on " + to);
                return 0;
            }
            preflight(server, to);
            api.liveMigrate(server.id(), to, request.settings().blockMigration());
            long deadline = System.nanoTime() + request.timeout() * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                pause();
                NovaApi.Server now = api.server(server.id());
                if (now.status().equals("ERROR")) {
                    throw new NovaException("the migration failed: " + server.name() + " is in ERROR on " + now.host()
                            + "; last action: " + api.lastActionEvents(server.id()));
                }
                if (now.status().equals("ACTIVE") && now.host().equals(to)) {
                    out.println("migrated " + server.name() + " from " + server.host() + " to " + to);
                    return 0;
                }
                api.progress(server.id()).ifPresent(p -> out.println("progress: " + p));
            }
            String aborted = api.abortMigration(server.id()) ? "the migration was aborted" : "it could not be aborted";
            throw new NovaException(
                    "timed out after " + request.timeout() + " s (" + aborted + "): " + server.name() + " is on "
                            + api.server(server.id()).host() + "; last action: " + api.lastActionEvents(server.id()));
        }

        private void preflight(NovaApi.Server server, String to) throws NovaException {
            if (!server.status().equals("ACTIVE")) {
                throw new NovaException("preflight: " + server.name() + " is " + server.status() + ", not ACTIVE");
            }
            String service = api.computeService(to);
            if (!service.equals("up/enabled")) {
                throw new NovaException("preflight: nova-compute on " + to + " is " + service + ", not up/enabled");
            }
            Optional<Long> free = api.freeRamMb(to);
            Optional<Long> need = api.flavorRamMb(server.flavorId());
            if (free.isPresent() && need.isPresent() && free.get() < need.get()) {
                throw new NovaException("preflight: " + to + " has " + free.get() + " MiB free, " + server.name()
                        + " needs " + need.get() + " MiB");
            }
            out.println("preflight ok: nova-compute on " + to + " is up and enabled, "
                    + free.map(f -> f + " MiB free").orElse("free memory not reported")
                    + need.map(n -> " for " + n + " MiB").orElse(""));
        }

        private void pause() throws NovaException {
            try {
                sleeper.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NovaException("interrupted while waiting for the migration");
            }
        }
    }
}

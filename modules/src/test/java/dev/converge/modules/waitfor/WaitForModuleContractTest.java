package dev.converge.modules.waitfor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Change;
import dev.converge.spi.Module;
import dev.converge.spi.Operation;
import dev.converge.testing.FakeFacts;
import dev.converge.testing.ModuleContractTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The converging cases make the awaited thing appear about 1.5 s after {@link #prepare}: the
 * first plan (gathered at once) sees it missing, the apply-time wait sees it appear, and the
 * second plan is a no-op.
 */
class WaitForModuleContractTest extends ModuleContractTest<WaitForParams> {
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final int port = freePort();

    @Override
    protected Module<WaitForParams> module() {
        return new WaitForModule();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path awaited() {
        return dir.resolve("it's $(touch pwned).sock");
    }

    @Override
    protected void prepare() throws Exception {
        closeSockets();
        Files.deleteIfExists(awaited());
        later.schedule(
                () -> {
                    Files.writeString(awaited(), "");
                    synchronized (sockets) {
                        sockets.add(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()));
                    }
                    return null;
                },
                1500,
                TimeUnit.MILLISECONDS);
    }

    @AfterEach
    void closeSockets() throws IOException {
        synchronized (sockets) {
            for (ServerSocket s : sockets) {
                s.close();
            }
            sockets.clear();
        }
    }

    @Override
    protected List<WaitForParams> convergingCases() {
        return List.of(
                new WaitForParams(null, null, awaited().toString(), 20),
                new WaitForParams(port, "127.0.0.1", null, 20));
    }

    @Override
    protected List<WaitForParams> invalidCases() {
        return List.of(
                new WaitForParams(null, null, null, null),
                new WaitForParams(22, null, "/run/x", null),
                new WaitForParams(0, null, null, null),
                new WaitForParams(70000, null, null, null),
                new WaitForParams(22, "-oProxyCommand=x", null, null),
                new WaitForParams(22, "a b", null, null),
                new WaitForParams(null, "h", "/run/x", null),
                new WaitForParams(null, null, "relative", null),
                new WaitForParams(22, null, null, 0));
    }

    @Test
    void alreadyThereIsANoOpAndATimeoutFailsWithAClearMessage() throws Exception {
        later.shutdownNow();
        ModuleHarness<WaitForParams> harness = new ModuleHarness<>(module(), templates());
        Files.writeString(dir.resolve("there"), "");
        assertThat(harness.plan(new WaitForParams(
                                null, null, dir.resolve("there").toString(), null))
                        .change())
                .isEqualTo(Change.none());
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(harness.plan(new WaitForParams(open.getLocalPort(), "127.0.0.1", null, null))
                            .change())
                    .isEqualTo(Change.none());
        }
        WaitForParams closed = new WaitForParams(freePort(), "127.0.0.1", null, 1);
        Change wait = harness.plan(closed).change();
        assertThat(wait.changed()).isTrue();
        assertThatThrownBy(() -> harness.apply(wait))
                .hasMessageContaining(
                        "wait_for: port " + closed.port() + " on 127.0.0.1 did not accept a connection within 1 s");
        Change gone = harness.plan(
                        new WaitForParams(null, null, dir.resolve("never").toString(), 1))
                .change();
        assertThatThrownBy(() -> harness.apply(gone))
                .hasMessageContaining("wait_for: " + dir.resolve("never") + " did not appear within 1 s");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void withoutHostTheProbeUsesTheHostnameAndArgumentsStayPositional() {
        WaitForModule module = new WaitForModule();
        WaitForParams p = new WaitForParams(16509, null, null, null);
        List<String> probe = WaitForModule.probe(p);
        assertThat(probe).containsExactly("sh", "-c", WaitForModule.PORT_PROBE, "wait_for", "", "16509");
        Change change = module.plan(p, FakeFacts.forModule(module, p).command(probe, 1, ""));
        assertThat(change.operations())
                .containsExactly(new Operation.RunCommand(
                        List.of("sh", "-c", WaitForModule.PORT_WAIT, "wait_for", "", "16509", "30")));
        assertThat(change.fields().get(0).after()).isEqualTo("port 16509 on testhost (its hostname) (up to 30 s)");
        assertThat(module.plan(p, FakeFacts.forModule(module, p).command(probe, 0, "")))
                .isEqualTo(Change.none());
    }

    @Test
    void withoutNcTheProbeFallsBackToBashDevTcp() throws Exception {
        later.shutdownNow();
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("sh", "bash", "timeout", "hostname")) {
            String real = new ProcessBuilder("sh", "-c", "command -v " + tool)
                    .start()
                    .inputReader()
                    .readLine();
            Path wrapper = Files.writeString(bin.resolve(tool), "#!/bin/sh\nexec " + real + " \"$@\"\n");
            wrapper.toFile().setExecutable(true);
        }
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(runWithPath(
                            bin, WaitForModule.probe(new WaitForParams(open.getLocalPort(), "127.0.0.1", null, null))))
                    .isZero();
        }
        assertThat(runWithPath(bin, WaitForModule.probe(new WaitForParams(freePort(), "127.0.0.1", null, null))))
                .isNotZero();
    }

    private static int runWithPath(Path bin, List<String> argv) throws Exception {
        List<String> command = new ArrayList<>(argv);
        command.set(0, bin.resolve("sh").toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PATH", bin.toString());
        Process process = pb.start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }
}

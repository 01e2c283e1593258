package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.cli.Main;
import dev.converge.testing.Golden;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --graph FILE}: the flagship's DAG as DOT and Mermaid, written without contacting any host. */
class GraphFlagTest {
    @TempDir
    Path dir;

    private int graph(Path file, ByteArrayOutputStream out, int port) throws Exception {
        // every host points at a listening socket of this test: a connection attempt would show
        Path inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  vars: {ansible_host: 127.0.0.1, ansible_port: %d}
                  children:
                    controller:
                      hosts:
                        HostA: {}
                    compute:
                      hosts:
                        HostB: {}
                        HostC: {}
                """.formatted(port));
        return Main.run(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err,
                "-i",
                inventory.toString(),
                "--graph",
                file.toString(),
                Path.of("..", "playbooks", "live-migration.yml").toString());
    }

    @Test
    void dotAndMermaidOfTheFlagshipWithoutContactingAnyHost() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ServerSocket hosts = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(graph(dir.resolve("g.dot"), out, hosts.getLocalPort())).isZero();
            assertThat(graph(dir.resolve("g.mmd"), out, hosts.getLocalPort())).isZero();
            hosts.setSoTimeout(300);
            assertThatThrownBy(hosts::accept).as("no host was contacted").isInstanceOf(SocketTimeoutException.class);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("(nothing was run)");
        String dot = Files.readString(dir.resolve("g.dot"));
        assertThat(dot).startsWith("digraph converge {").contains("cluster_2", "style=dashed");
        Golden.assertMatches("graph/live-migration.dot", dot);
        Golden.assertMatches("graph/live-migration.mmd", Files.readString(dir.resolve("g.mmd")));
    }
}

package dev.converge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile templates end in a RenderException with a clear reason, never an Error or a hang. */
class TemplateLimitsTest {
    @TempDir
    Path dir;

    private Templating.Failure failureOf(ThrowingRender render) {
        Templating.RenderException e = catchThrowableOfType(Templating.RenderException.class, render::run);
        assertThat(e).as("a RenderException").isNotNull();
        return e.failure();
    }

    private interface ThrowingRender {
        void run() throws Exception;
    }

    @Test
    void aHugePadIsRefusedWithoutRunningOutOfMemory() throws Exception {
        Templating t = new Templating(List.of(dir), SecretTaint.none(), RunInputs.none());
        assertThat(failureOf(() -> t.renderString("x${'a'?left_pad(1500000000)}", Map.of()))
                        .reason())
                .contains("?left_pad(1500000000): the width is over the limit of 1048576 characters");
        assertThat(failureOf(() -> t.renderString("${'a'?rightPad(wide)}", Map.of("wide", 2_000_000_000L)))
                        .reason())
                .contains("?rightPad(2000000000): the width is over the limit");
        assertThat(t.renderString("${'a'?left_pad(3, '.')}|${'b'?right_pad(2)}", Map.of()))
                .isEqualTo("..a|b ");
        assertThat(failureOf(() -> t.render("${'a'?left_pad(1000000) + 'b'?left_pad(100000)}", Map.of()))
                        .reason())
                .isEqualTo("template output is larger than 1 MiB");
    }

    @Test
    void exponentialExpansionIsRefused() {
        Templating t = new Templating(List.of(dir), SecretTaint.none(), RunInputs.none());
        assertThat(failureOf(() -> t.renderString(
                                "<#assign s = 'xy'><#list 1..64 as i><#assign s = s + s></#list>${s}", Map.of()))
                        .reason())
                .matches("template (output is larger than 1 MiB|evaluation ran out of memory"
                        + "|took longer than 10.0 s to render \\(an endless or exponential loop\\?\\))");
    }

    @Test
    void endlessRecursionIsRefused() throws Exception {
        Files.writeString(dir.resolve("loop.ftl"), "<#macro m n>${n}<@m n + 1/></#macro><@m 0/>");
        Templating t = new Templating(List.of(dir), SecretTaint.none(), RunInputs.none());
        assertThat(failureOf(() -> t.renderFile("loop.ftl", Map.of())).reason())
                .contains("template recursion too deep");
        assertThat(failureOf(() -> t.render("<#function f n><#return f(n + 1)></#function>${f(0)}", Map.of()))
                        .reason())
                .contains("template recursion too deep");
    }

    @Test
    void aLoopThatRunsTooLongIsStoppedAndTheThreadIsNotLeftInterrupted() {
        Duration before = TemplateLimits.time;
        TemplateLimits.time = Duration.ofMillis(300);
        try {
            Templating t = new Templating(List.of(dir), SecretTaint.none(), RunInputs.none());
            assertThat(failureOf(() -> t.renderString(
                                    "<#list 1..2000000000 as i><#if i == 0>${i}</#if></#list>", Map.of()))
                            .reason())
                    .startsWith("template took longer than 0.3 s");
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        } finally {
            TemplateLimits.time = before;
        }
    }
}

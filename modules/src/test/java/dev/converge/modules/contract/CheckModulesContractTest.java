package dev.converge.modules.contract;

import dev.converge.modules.agree.AgreeModule;
import dev.converge.modules.agree.AgreeParams;
import dev.converge.modules.assertion.AssertModule;
import dev.converge.modules.assertion.AssertParams;
import dev.converge.spi.Module;
import dev.converge.testing.CheckContractTest;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The check modules through the check contract on this machine. */
class CheckModulesContractTest {

    @Nested
    class Assert extends CheckContractTest<AssertParams> {
        @Override
        protected Module<AssertParams> module() {
            return new AssertModule();
        }

        @Override
        protected void prepare() throws Exception {
            Files.writeString(dir.resolve("marker"), "ready\n");
        }

        @Override
        protected List<AssertParams> holdingCases() {
            return List.of(
                    new AssertParams(
                            List.of("cat", dir.resolve("marker").toString()), null, null, "ready", null, null, null),
                    new AssertParams(List.of("true"), 0, null, null, null, null, null),
                    new AssertParams(
                            null, null, null, null, dir.resolve("marker").toString(), "exists", null),
                    new AssertParams(null, null, null, null, dir.resolve("none").toString(), "absent", null));
        }

        @Override
        protected List<AssertParams> failingCases() {
            return List.of(
                    new AssertParams(
                            List.of("cat", dir.resolve("marker").toString()), null, null, "other", null, null, null),
                    new AssertParams(List.of("false"), 0, null, null, null, null, null),
                    new AssertParams(
                            null, null, null, null, dir.resolve("marker").toString(), "directory", null));
        }

        @Override
        protected List<AssertParams> invalidCases() {
            return List.of(
                    new AssertParams(null, null, null, null, null, null, null),
                    new AssertParams(List.of("true"), null, null, null, "/etc/hosts", "exists", null));
        }
    }

    @Nested
    class Agree extends CheckContractTest<AgreeParams> {
        @Override
        protected Module<AgreeParams> module() {
            return new AgreeModule();
        }

        @Override
        protected void prepare() throws Exception {
            Files.writeString(dir.resolve("conf"), "uid=162\n");
        }

        @Override
        protected List<AgreeParams> holdingCases() {
            return List.of(
                    new AgreeParams(null, dir.resolve("conf").toString(), "uid=(\\d+)", "uid"),
                    new AgreeParams(List.of("id", "-u"), null, null, null));
        }

        /** On one host there is no peer to disagree with (the peers' case is AgreeModuleTest's). */
        @Override
        protected List<AgreeParams> failingCases() {
            return List.of();
        }

        @Override
        protected List<AgreeParams> invalidCases() {
            return List.of(
                    new AgreeParams(null, null, null, null), new AgreeParams(List.of("id"), "/etc/passwd", null, null));
        }
    }
}

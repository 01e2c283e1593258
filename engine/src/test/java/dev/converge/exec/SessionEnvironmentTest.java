package dev.converge.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SessionEnvironmentTest {

    @Test
    void readsTheLockWaitAndTheScriptCopiesDirectory() {
        SessionEnvironment env =
                SessionEnvironment.from(Map.of("CONVERGE_LOCK_WAIT", " 7 ", "CONVERGE_DEBUG_SCRIPTS", "/tmp/s")::get);
        assertThat(env.lockWaitSeconds()).isEqualTo(OptionalLong.of(7));
        assertThat(env.scriptCopies()).contains(Path.of("/tmp/s"));
        assertThat(env.controller()).contains("/pid " + ProcessHandle.current().pid() + "/");
    }

    @Test
    void ignoresUnsetBlankAndMalformedValues() {
        SessionEnvironment env =
                SessionEnvironment.from(Map.of("CONVERGE_LOCK_WAIT", "soon", "CONVERGE_DEBUG_SCRIPTS", " ")::get);
        assertThat(env.lockWaitSeconds()).isEmpty();
        assertThat(env.scriptCopies()).isEmpty();
        assertThat(SessionEnvironment.from(name -> null)).isEqualTo(SessionEnvironment.none());
    }
}

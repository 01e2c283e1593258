package dev.converge.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import dev.converge.cli.ParentWatch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherCommandTest {
    @Test
    void theSameJvmWithStartUpOptionsTheClassPathTheRealMainAndTheArgumentsUnchanged() {
        String[] args = {"-i", "inv.yml", "", "a b", "ünï", "-Dnot.a.jvm.option=1", "--check"};
        List<String> command = Launcher.command(
                Path.of("/jdk/bin/java"), List.of("-XX:SharedArchiveFile=/c/a.jsa"), "/x/converge.jar", args);
        assertThat(command.subList(0, 4))
                .containsExactly(
                        "/jdk/bin/java",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-XX:SharedArchiveFile=/c/a.jsa");
        assertThat(command)
                .contains(
                        "-Dconverge.launcher=direct",
                        "-D" + ParentWatch.PROPERTY + "="
                                + ProcessHandle.current().pid());
        int main = command.indexOf(Main.class.getName());
        assertThat(command.subList(main - 2, main)).containsExactly("-cp", "/x/converge.jar");
        assertThat(command.subList(main + 1, command.size())).containsExactly(args);
    }

    @Test
    void theUsersConvergePropertiesReachTheCli() {
        System.setProperty("converge.launcher.test", "v=1");
        try {
            List<String> command = Launcher.command(Path.of("java"), List.of(), "c.jar", new String[0]);
            assertThat(command).contains("-Dconverge.launcher.test=v=1");
            assertThat(command)
                    .filteredOn(a -> a.startsWith("-Dconverge.launcher="))
                    .hasSize(1);
        } finally {
            System.clearProperty("converge.launcher.test");
        }
    }

    @Test
    void theMainClassIsNamedNotLoaded() {
        assertThat(Launcher.MAIN_CLASS).isEqualTo(Main.class.getName());
    }
}

package dev.converge.modules.mount;

import static dev.converge.modules.testing.Texts.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.spi.Change;
import dev.converge.spi.CommandOutput;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import dev.converge.spi.PlanFailure;
import dev.converge.spi.TypedFact;
import dev.converge.testing.FakeFacts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** (params, findmnt's answer) → change, as a table; and findmnt's parser against its printer. */
class MountFactsTest {
    private static final String FSTAB = "hosta:/ /mnt/x nfs4 defaults 0 0\n";
    private final MountModule module = new MountModule();

    /** state, findmnt exit, findmnt stdout, the commands planned ({@code ;} between, {@code -} none), a warning expected. */
    @ParameterizedTest(name = "{0}, findmnt exit {1} [{2}]: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            mounted   | 1 | ''             | mount /mnt/x | false
            mounted   | 0 | hosta:/ nfs4   | -            | false
            mounted   | 0 | hostb:/ nfs4   | -            | true
            unmounted | 0 | hosta:/ nfs4   | umount /mnt/x | false
            unmounted | 1 | ''             | -            | false
            absent    | 0 | hosta:/ nfs4   | umount /mnt/x | false
            """)
    void planTable(String state, int exit, String stdout, String commands, boolean warns) {
        MountParams p =
                bind(MountParams.class, "{'path':'/mnt/x','src':'hosta:/','fstype':'nfs4','state':'" + state + "'}");
        FakeFacts facts = FakeFacts.forModule(module, p)
                .file("/etc/fstab", state.equals("absent") ? "" : FSTAB)
                .command(MountModule.mounted(p).fact(), exit, stdout.isEmpty() ? "" : stdout + "\n");
        facts.fileInfo(new FileInfo("/mnt/x", FileInfo.Kind.DIRECTORY, "0755", "root", "root", null));
        Change change = module.plan(p, facts);
        assertThat(change.operations().stream()
                        .filter(Operation.RunCommand.class::isInstance)
                        .map(o -> String.join(" ", ((Operation.RunCommand) o).argv()))
                        .toList())
                .containsExactlyElementsOf(commands.equals("-") ? List.of() : List.of(commands.split(";")));
        assertThat(change.warnings().stream().anyMatch(w -> w.contains("mounted from")))
                .isEqualTo(warns);
        if (change.operations().stream().anyMatch(Operation.RunCommand.class::isInstance)) {
            // the prediction is what findmnt will say: planned on it, the same resource is a no-op
            CommandOutput after = change.predicted().get(MountModule.mounted(p).fact());
            FakeFacts next = FakeFacts.forModule(module, p)
                    .file("/etc/fstab", state.equals("absent") ? "" : FSTAB)
                    .command(MountModule.mounted(p).fact(), after.exitCode(), after.stdout());
            next.fileInfo(new FileInfo("/mnt/x", FileInfo.Kind.DIRECTORY, "0755", "root", "root", null));
            assertThat(module.plan(p, next).operations()).isEmpty();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0 | hosta:/ nfs4\\n  | hosta:/ | nfs4
            0 | /dev/sda1 ext4\\n | /dev/sda1 | ext4
            1 | ''               | ''      | ''
            """)
    void parserAndPrinter(int exit, String stdout, String source, String fstype) {
        MountParams p = bind(MountParams.class, "{'path':'/mnt/x','src':'hosta:/','fstype':'nfs4'}");
        TypedFact<Optional<MountModule.Mounted>> fact = MountModule.mounted(p);
        Optional<MountModule.Mounted> value = fact.parse(new CommandOutput(exit, stdout.replace("\\n", "\n"), ""));
        assertThat(value)
                .isEqualTo(source.isEmpty() ? Optional.empty() : Optional.of(new MountModule.Mounted(source, fstype)));
        assertThat(fact.parse(fact.print(value))).isEqualTo(value);
    }

    @Test
    void aFailedFindmntFailsThePlan() {
        MountParams p = bind(MountParams.class, "{'path':'/mnt/x','src':'hosta:/','fstype':'nfs4'}");
        assertThatThrownBy(() -> MountModule.mounted(p).parse(new CommandOutput(2, "", "findmnt: bad usage")))
                .isInstanceOf(PlanFailure.class)
                .hasMessageContaining("findmnt failed (exit 2): findmnt: bad usage");
    }
}

package dev.converge.modules.authkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.modules.support.Getent;
import dev.converge.spi.Change;
import dev.converge.spi.FileInfo;
import dev.converge.spi.Operation;
import dev.converge.spi.ParamProblem;
import dev.converge.spi.PlanFailure;
import dev.converge.testing.FakeFacts;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AuthorizedKeyModuleTest {
    private static final String ALICE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAlice alice@laptop";
    private static final String BOB = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQBob bob@desk";
    private static final String FILE = "/home/nova/.ssh/authorized_keys";
    private final AuthorizedKeyModule module = new AuthorizedKeyModule();

    private FakeFacts host(AuthorizedKeyParams p, String content) {
        FakeFacts f = FakeFacts.forModule(module, p)
                .command(Getent.argv("passwd", p.user()), 0, "nova:x:162:162::/home/nova:/bin/sh\n");
        if (content != null) {
            f.file(FILE, content);
            f.fileInfo(new FileInfo("/home/nova/.ssh", FileInfo.Kind.DIRECTORY, "0700", "nova", "nova", new byte[0]));
        }
        return f;
    }

    private static String written(Change c) {
        return c.operations().stream()
                .filter(o -> o instanceof Operation.WriteFile)
                .map(o -> new String(((Operation.WriteFile) o).content(), StandardCharsets.UTF_8))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void oneKeyAmongOthersTheOthersKeptByteForByte() {
        AuthorizedKeyParams p = new AuthorizedKeyParams("nova", ALICE, null, null, null, null);
        String before = "# team keys\n" + BOB + "\n\n";
        Change change = module.plan(p, host(p, before));
        assertThat(written(change)).isEqualTo("# team keys\n" + BOB + "\n\n" + ALICE + "\n");
        assertThat(change.fields())
                .containsExactly(new Change.FieldChange(
                        "key ssh-ed25519 AAAAC3Nz...AAIAlice alice@laptop", "absent", "present"));
        assertThat(module.plan(p, host(p, written(change)))).isEqualTo(Change.none());
    }

    @Test
    void optionsAreSetOnTheExistingLineInPlace() {
        AuthorizedKeyParams p =
                new AuthorizedKeyParams("nova", ALICE, "from=\"10.0.0.0/8\",command=\"echo a b\"", null, null, null);
        Change change = module.plan(p, host(p, ALICE + "\n" + BOB + "\n"));
        assertThat(written(change)).isEqualTo("from=\"10.0.0.0/8\",command=\"echo a b\" " + ALICE + "\n" + BOB + "\n");
        assertThat(KeyLine.parse("from=\"10.0.0.0/8\",command=\"echo a b\" " + ALICE)
                        .orElseThrow()
                        .type())
                .isEqualTo("ssh-ed25519");
        assertThat(module.plan(p, host(p, written(change)))).isEqualTo(Change.none());
    }

    @Test
    void exclusiveKeepsOnlyThisKeyAndAbsentRemovesIt() {
        AuthorizedKeyParams only = new AuthorizedKeyParams("nova", ALICE, null, null, true, null);
        assertThat(written(module.plan(only, host(only, "# keys\n" + BOB + "\n" + ALICE + "\n"))))
                .isEqualTo("# keys\n" + ALICE + "\n");
        AuthorizedKeyParams gone = new AuthorizedKeyParams("nova", ALICE, null, "absent", null, null);
        assertThat(written(module.plan(gone, host(gone, ALICE + "\n" + BOB + "\n" + ALICE + "\n"))))
                .isEqualTo(BOB + "\n");
        assertThat(module.plan(gone, host(gone, BOB + "\n"))).isEqualTo(Change.none());
    }

    @Test
    void aNewFileAndDirectoryBelongToTheUserWithSshdsModes() {
        AuthorizedKeyParams p = new AuthorizedKeyParams("nova", ALICE, null, null, null, null);
        Change change = module.plan(p, host(p, null));
        assertThat(change.operations())
                .containsExactly(
                        new Operation.MakeDirectory("/home/nova/.ssh", "0700", "162", "162"),
                        Operation.WriteFile.replacing(
                                FileInfo.absent(FILE),
                                (ALICE + "\n").getBytes(StandardCharsets.UTF_8),
                                "0600",
                                "162",
                                "162"));
    }

    @Test
    void anotherHomeNeedsAPathAndAUserNotThereYetOwnsByName() {
        AuthorizedKeyParams p = new AuthorizedKeyParams("nova", ALICE, null, null, null, null);
        FakeFacts elsewhere = FakeFacts.forModule(module, p)
                .command(Getent.argv("passwd", "nova"), 0, "nova:x:162:162::/var/lib/nova:/bin/sh\n");
        assertThatThrownBy(() -> module.plan(p, elsewhere))
                .isInstanceOf(PlanFailure.class)
                .hasMessage(
                        "the home of nova is /var/lib/nova, not /home/nova: give path: /var/lib/nova/.ssh/authorized_keys");
        FakeFacts none = FakeFacts.forModule(module, p).command(Getent.argv("passwd", "nova"), 2, "");
        assertThat(module.plan(p, none).operations())
                .as("a user not there yet (created earlier in the run): owned by name")
                .containsExactly(
                        new Operation.MakeDirectory("/home/nova/.ssh", "0700", "nova", ""),
                        Operation.WriteFile.replacing(
                                FileInfo.absent(FILE),
                                (ALICE + "\n").getBytes(StandardCharsets.UTF_8),
                                "0600",
                                "nova",
                                ""));
    }

    @Test
    void invalidParameters() {
        assertThat(module.validate(new AuthorizedKeyParams(null, "not a key", "a\nb", "gone", null, "rel"), null))
                .extracting(ParamProblem::parameter)
                .containsExactlyInAnyOrder("user", "key", "options", "state", "path");
        assertThat(module.validate(new AuthorizedKeyParams("nova", "no-pty " + ALICE, null, null, null, null), null))
                .extracting(ParamProblem::reason)
                .containsExactly("the key line carries options");
    }
}

package dev.converge.modules.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.exec.ModuleHarness;
import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import dev.converge.testing.Shells;
import dev.converge.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module contract through the engine's real gather and apply scripts, rootless: a fake
 * {@code iptables}/{@code iptables-save} first on each shell's PATH keeps the rules in a file of
 * the test's directory (the kernel's tables are never touched here; the lab applies real rules).
 */
class IptablesModuleContractTest extends ModuleContractTest<IptablesParams> {
    /** {@code iptables [-t T] -S|-A|-I|-D CHAIN WORDS...} on a rules file ({@code -A CHAIN WORDS} lines). */
    private static final String FAKE_IPTABLES = """
            #!/bin/sh
            db=${CONVERGE_FAKE_IPTABLES:?}; touch "$db"
            [ "$1" = -t ] && shift 2
            op=$1; chain=$2; shift 2
            rule="-A $chain $*"
            case $op in
              -S) echo "-N $chain"
                  while IFS= read -r l; do case $l in "-A $chain "*) printf '%s\\n' "$l" ;; esac; done < "$db" ;;
              -A) printf '%s\\n' "$rule" >> "$db" ;;
              -I) { printf '%s\\n' "$rule"; cat "$db"; } > "$db.new" && mv "$db.new" "$db" ;;
              -D) grep -qxF -- "$rule" "$db" || { echo "iptables: Bad rule" >&2; exit 1; }
                  awk -v r="$rule" '!d && $0 == r { d = 1; next } { print }' "$db" > "$db.new" && mv "$db.new" "$db" ;;
              *) echo "fake iptables: $op" >&2; exit 2 ;;
            esac
            """;

    private static final String FAKE_SAVE = """
            #!/bin/sh
            echo '*filter'; cat "${CONVERGE_FAKE_IPTABLES:?}"; echo COMMIT
            """;

    @Override
    protected Module<IptablesParams> module() {
        return new IptablesModule();
    }

    private Path bin() {
        return dir.resolve("fakebin");
    }

    private Path rules() {
        return dir.resolve("rules");
    }

    /** Each case starts with one rule in INPUT (an ssh accept) and no other. */
    @Override
    protected void prepare() throws Exception {
        Files.createDirectories(bin());
        for (var fake : List.of(List.of("iptables", FAKE_IPTABLES), List.of("iptables-save", FAKE_SAVE))) {
            Path file = bin().resolve(fake.get(0));
            Files.writeString(file, fake.get(1));
            assertThat(file.toFile().setExecutable(true)).isTrue();
        }
        Files.writeString(rules(), "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n");
    }

    @Override
    protected Transport transport(Shells.Shell shell) {
        return shell.transport("PATH=" + bin() + ":" + shell.path(), "CONVERGE_FAKE_IPTABLES=" + rules());
    }

    @Override
    protected ModuleHarness<IptablesParams> purityHarness() {
        return new ModuleHarness<>(
                module(), templates(), transport(Shells.installed().get(0)));
    }

    @Override
    protected List<IptablesParams> convergingCases() {
        return List.of(
                new IptablesParams(
                        null, null, "tcp", "10.78.35.0/24", null, null, "16509", null, null, null, null, null, null),
                new IptablesParams(
                        null,
                        null,
                        "tcp",
                        "10.78.35.12",
                        null,
                        null,
                        "49152-49215",
                        null,
                        null,
                        null,
                        "append",
                        true,
                        dir.resolve("rules.v4").toString()),
                new IptablesParams(null, null, "tcp", null, null, null, "22", null, null, "absent", null, null, null));
    }

    @Override
    protected List<IptablesParams> invalidCases() {
        return List.of(
                new IptablesParams(
                        null, null, "tcp", "not an address", null, null, "22", null, null, null, null, null, null),
                new IptablesParams(null, null, "icmp", null, null, null, "22", null, null, null, null, null, null),
                new IptablesParams(null, null, "tcp", null, null, null, "22", null, null, "gone", null, null, null));
    }

    /** The timeline's effect, as the fake kernel table has it: the rule inserted at the top, then removed again. */
    @Test
    void insertPutsTheRuleFirstAndAbsentRemovesIt() throws Exception {
        prepare();
        IptablesParams libvirt = convergingCases().get(0);
        ModuleHarness<IptablesParams> harness = purityHarness();
        harness.apply(harness.plan(libvirt).change());
        assertThat(Files.readAllLines(rules()))
                .first()
                .asString()
                .contains("--dport 16509")
                .startsWith("-A INPUT -s 10.78.35.0/24");
        IptablesParams gone = new IptablesParams(
                null, null, "tcp", "10.78.35.0/24", null, null, "16509", null, null, "absent", null, null, null);
        harness.apply(harness.plan(gone).change());
        assertThat(Files.readAllLines(rules())).containsExactly("-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT");
    }
}

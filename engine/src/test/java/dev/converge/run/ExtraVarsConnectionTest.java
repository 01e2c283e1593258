package dev.converge.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.config.RunInputs;
import dev.converge.diag.Problems;
import dev.converge.inventory.Inventory;
import dev.converge.inventory.InventorySources;
import dev.converge.transport.ConnectionSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Extra vars win over the inventory for connecting too, as in Ansible: -e ansible_user=... -e ansible_connection=... */
class ExtraVarsConnectionTest {
    private final Inventory inventory = InventorySources.load(List.of("web1:2222,"), RunInputs.none(), new Problems());

    @Test
    void theInventoryAloneDecidesWithoutExtraVars() {
        ConnectionSpec spec = ConnectionSpecs.of(
                CompiledRun.withExtraVars(inventory, Map.of()).host("web1"),
                RunOptions.defaults(Path.of("p.yml"), null));
        assertThat(spec.connection()).isEqualTo("ssh");
        assertThat(spec.port()).isEqualTo(2222);
    }

    @Test
    void extraVarsOverrideUserPortAndConnection() {
        Inventory connecting = CompiledRun.withExtraVars(
                inventory, Map.of("ansible_user", "deploy", "ansible_connection", "local", "ansible_port", "2200"));
        ConnectionSpec spec = ConnectionSpecs.of(connecting.host("web1"), RunOptions.defaults(Path.of("p.yml"), null));
        assertThat(spec.user()).isEqualTo("deploy");
        assertThat(spec.connection()).isEqualTo("local");
        assertThat(spec.port()).isEqualTo(2200);
    }

    @Test
    void ansiblesOlderSshNamesAreUnderstood() {
        Inventory old = InventorySources.load(
                List.of("src/test/resources/inventory-corpus/kubespray-example/inventory.example"),
                RunInputs.none(),
                new Problems());
        ConnectionSpec spec = ConnectionSpecs.of(old.host("node3"), RunOptions.defaults(Path.of("p.yml"), null));
        assertThat(spec.address()).isEqualTo("10.99.0.4");
    }
}

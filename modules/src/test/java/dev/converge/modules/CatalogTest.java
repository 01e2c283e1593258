package dev.converge.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.converge.spi.Module;
import dev.converge.spi.SecretPolicy;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Checks every registered module against the parts of the contract that need no host. */
class CatalogTest {
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");

    private static List<Module<?>> modules() {
        return ServiceLoader.load(Module.class).stream()
                .<Module<?>>map(ServiceLoader.Provider::get)
                .toList();
    }

    @Test
    void everyModuleIsRegistered() {
        assertThat(modules())
                .extracting(Module::name)
                .containsExactlyInAnyOrder(
                        "file",
                        "command",
                        "line",
                        "blockinfile",
                        "keyvalue",
                        "ini",
                        "hosts_entry",
                        "exports",
                        "mount",
                        "user",
                        "group",
                        "service",
                        "iptables",
                        "live_migration",
                        "agree",
                        "assert",
                        "wait_for",
                        "package",
                        "sysctl",
                        "authorized_key",
                        "systemd",
                        "copy");
    }

    @Test
    void parametersAreSnakeCase() {
        for (Module<?> module : modules()) {
            for (RecordComponent c : module.paramsType().getRecordComponents()) {
                JsonProperty json = c.getAccessor().getAnnotation(JsonProperty.class);
                String yamlName = json == null ? c.getName() : json.value();
                assertThat(yamlName)
                        .as(module.name() + "." + c.getName() + " is snake_case in YAML")
                        .matches(SNAKE);
            }
        }
    }

    @Test
    void validatingEmptyParametersReportsProblemsWithoutThrowing() {
        for (Module<?> module : modules()) {
            assertThatCode(() -> validateEmpty(module)).as(module.name()).doesNotThrowAnyException();
            assertThat(validateEmptyUnchecked(module)).as(module.name()).isNotEmpty();
        }
    }

    private static <P extends Record> List<?> validateEmpty(Module<P> module) throws ReflectiveOperationException {
        Class<P> type = module.paramsType();
        Class<?>[] types = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<P> canonical = type.getDeclaredConstructor(types);
        P empty = canonical.newInstance(new Object[types.length]);
        return module.validate(empty, null);
    }

    private static List<?> validateEmptyUnchecked(Module<?> module) {
        try {
            return validateEmpty(module);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void secretLookingKeysAreMaskedThroughTheSpiPolicy() {
        assertThat(SecretPolicy.shown("password", "x")).isEqualTo(SecretPolicy.MASK);
        assertThat(SecretPolicy.shown("transport_url", "rabbit://u:p@h")).isEqualTo("rabbit://u:********@h");
        assertThat(SecretPolicy.shown("metadata_proxy_shared_secret", "x")).isEqualTo(SecretPolicy.MASK);
        assertThat(SecretPolicy.shown("key_file", "/etc/pki/key.pem")).isEqualTo("/etc/pki/key.pem");
        assertThat(SecretPolicy.shown("live_migration_scheme", "tls")).isEqualTo("tls");
    }
}

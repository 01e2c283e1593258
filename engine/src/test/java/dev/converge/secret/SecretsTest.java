package dev.converge.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
    record Params(String path, Map<String, Object> set, List<Map<String, String>> users) {}

    @Test
    void masksEveryOccurrenceLongestFirstAndIgnoresShortValues() {
        Secrets secrets = Secrets.of(List.of("hunter2-long", "hunter2", "abc", ""));
        assertThat(secrets.mask("a hunter2-long b hunter2 c abc")).isEqualTo("a ******** b ******** c abc");
        assertThat(secrets.size()).isEqualTo(2);
    }

    @Test
    void contentMasksValuesOfSecretKeysButNotHeadersOrOtherKeys() {
        Secrets none = Secrets.none();
        String diff = "--- /etc/nova/nova.conf\n+++ /etc/nova/nova.conf\n@@ -1,2 +1,3 @@\n-password = old\n+password = new\n"
                + " auth_type = password\n+admin_token: xyz\n+\"db_secret\"=\"q\"\n";
        assertThat(none.maskContent(diff)).isEqualTo("--- /etc/nova/nova.conf\n+++ /etc/nova/nova.conf\n@@ -1,2 +1,3 @@\n"
                + "-password = ********\n+password = ********\n auth_type = password\n+admin_token: ********\n+\"db_secret\"=********\n");
        assertThat(none.maskField("password", "x")).isEqualTo(Secrets.MASK);
        assertThat(none.maskField("mode", "0644")).isEqualTo("0644");
    }

    @Test
    void collectsDeclaredNamesAndSecretKeysAtAnyDepth() {
        Map<String, Object> model = Map.of("canary", "declared-value", "db_password", "by-name-value", "plain", "visible-value",
                "hostvars", Map.of("h", Map.of("canary", "skipped-here")),
                "nested", Map.of("api_token", List.of("token-in-list")));
        Params params = new Params("/etc/x", Map.of("password", "param-value", "user", "nova"), List.of(Map.of("secret_key", "deep-value")));
        Secrets secrets = new SecretCollector(List.of("canary")).variables(model).parameters(params).secrets();
        assertThat(secrets.mask("declared-value by-name-value visible-value token-in-list param-value nova deep-value skipped-here"))
                .isEqualTo("******** ******** visible-value ******** ******** nova ******** skipped-here");
    }
}

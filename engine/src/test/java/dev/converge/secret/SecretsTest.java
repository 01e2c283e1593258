package dev.converge.secret;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.plan.Diffs;
import dev.converge.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
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
        String diff =
                "--- /etc/nova/nova.conf\n+++ /etc/nova/nova.conf\n@@ -1,2 +1,3 @@\n-password = old\n+password = new\n"
                        + " auth_type = password\n+admin_token: xyz\n+\"db_secret\"=\"q\"\n";
        assertThat(none.maskContent(diff))
                .isEqualTo(
                        "--- /etc/nova/nova.conf\n+++ /etc/nova/nova.conf\n@@ -1,2 +1,3 @@\n"
                                + "-password = ********\n+password = ********\n auth_type = password\n+admin_token: ********\n+\"db_secret\"=********\n");
        assertThat(none.maskField("[DEFAULT] transport_url", "rabbit://openstack:pw@ctl"))
                .isEqualTo("rabbit://openstack:********@ctl");
        assertThat(none.maskField("[DEFAULT] inject_password", "False")).isEqualTo("False");
        assertThat(none.maskField("password", "x")).isEqualTo(Secrets.MASK);
        assertThat(none.maskField("mode", "0644")).isEqualTo("0644");
    }

    @Test
    void collectsDeclaredNamesAndSecretKeysAtAnyDepth() {
        Map<String, Object> model = Map.of(
                "canary",
                "declared-value",
                "db_password",
                "by-name-value",
                "plain",
                "visible-value",
                "hostvars",
                Map.of("h", Map.of("canary", "skipped-here")),
                "nested",
                Map.of("api_token", List.of("token-in-list")));
        Params params = new Params(
                "/etc/x",
                Map.of("password", "param-value", "user", "nova"),
                List.of(Map.of("secret_key", "deep-value")));
        Secrets secrets = new SecretCollector(List.of("canary"))
                .variables(model)
                .parameters(params)
                .secrets();
        assertThat(
                        secrets.mask(
                                "declared-value by-name-value visible-value token-in-list param-value nova deep-value skipped-here"))
                .isEqualTo("******** ******** visible-value ******** ******** nova ******** skipped-here");
    }

    static final String KEY =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
                    + "QyNTUxOQAAACDJJAd2vSdOOvwM7u3sSeH0Ke+0G0ZUyLdXJKbMH1q4QQAAAJgkDbIhJA2y\n-----END OPENSSH PRIVATE KEY-----\n";

    @Test
    void aMultiLineSecretIsMaskedOnEveryDiffLineAndSoIsTheKeyItReplaces() {
        String old =
                "-----BEGIN OPENSSH PRIVATE KEY-----\nT0xELUtFWS1MSU5FLTEtb2xkLWtleS1tYXRlcmlhbA\nT0xELUtFWS1MSU5FLTI\n-----END OPENSSH PRIVATE KEY-----\n";
        String diff = Diffs.unified("/etc/ssh/id", old.getBytes(), KEY.getBytes());
        String masked = Secrets.of(List.of(KEY)).maskContent(diff);
        assertThat(masked).doesNotContain("b3BlbnNz", "QyNTUx", "T0xELUtF").contains("@@", "+********", "-********");
        assertThat(masked.lines().filter(l -> !l.startsWith("@@") && !l.startsWith("--- ") && !l.startsWith("+++ ")))
                .allMatch(l -> l.substring(1).equals(Secrets.MASK));
    }

    @Test
    void aPrivateKeyAlreadyInAFileIsMaskedInContextLinesWithoutBeingARunValue() {
        String before = "# keys\n" + KEY.replace("-----END", "extra\n-----END");
        String diff = Diffs.unified("/etc/ssh/id", before.getBytes(), ("# our keys\n" + KEY).getBytes());
        String masked = Secrets.none().maskContent(diff);
        assertThat(masked)
                .doesNotContain("b3BlbnNz", "QyNTUx", "extra")
                .contains("-# keys", "+# our keys", " -----BEGIN OPENSSH PRIVATE KEY-----");
    }

    @Test
    void credentialsAlreadyInAFileAreMaskedOnContextLines() {
        String before = "[DEFAULT]\ntransport_url = rabbit://openstack:RABBIT_PASS@ctl\ndebug = true\n[database]\n"
                + "connection = mysql+pymysql://nova:NOVA_DBPASS@controller/nova\n[api]\nauth_strategy = keystone\n";
        String after = before.replace("debug = true", "debug = false");
        String masked =
                Secrets.none().maskContent(Diffs.unified("/etc/nova/nova.conf", before.getBytes(), after.getBytes()));
        assertThat(masked)
                .doesNotContain("RABBIT_PASS", "NOVA_DBPASS")
                .contains(
                        " transport_url = rabbit://openstack:********@ctl",
                        " connection = mysql+pymysql://nova:********@controller/nova",
                        "-debug = true",
                        "+debug = false");
    }

    @Test
    void booleansAndUsernamesUnderSecretLookingKeysStayVisible() {
        String diff = "--- a/x\n+++ b/x\n@@ -1 +1,3 @@\n inject_password = False\n+username = nova\n+api_key = \"\"\n";
        assertThat(Secrets.none().maskContent(diff)).isEqualTo(diff);
    }

    @Test
    void aFileWhoseContentIsASingleLineSecretHidesTheOldValueToo() {
        String diff = Diffs.unified("/etc/token", "old-token-value\n".getBytes(), "new-token-value\n".getBytes());
        assertThat(Secrets.of(List.of("new-token-value")).maskContent(diff))
                .doesNotContain("old-token-value", "new-token-value");
    }

    @Test
    void booleansUnderSecretNamesAreNotCollectedAndUrlsOnlyGiveTheirPassword() {
        Map<String, Object> model = Map.of(
                "inject_password",
                false,
                "use_token",
                "true",
                "connection",
                "mysql://nova:db-pw-1@ctl/nova",
                "endpoint",
                "https://admin:ep-pw-2@keystone:5000",
                "canary",
                "https://declared-url.example/x");
        Secrets secrets =
                new SecretCollector(List.of("canary")).variables(model).secrets();
        assertThat(secrets.mask("false true db-pw-1 ep-pw-2 https://declared-url.example/x"))
                .isEqualTo("false true ******** ******** ********");
    }

    @Test
    void aNovaConfDiffMaskedMatchesTheGoldenFile() throws Exception {
        Path fixtures = Path.of("src/test/resources/fixtures/secrets");
        byte[] before = Files.readAllBytes(fixtures.resolve("nova.conf.before"));
        byte[] after = Files.readAllBytes(fixtures.resolve("nova.conf.after"));
        String diff = Diffs.unified("/etc/nova/nova.conf", before, after);
        String masked = Secrets.of(List.of("Keyst0ne-NEW")).maskContent(diff);
        Golden.assertMatches("secrets/nova.conf.masked.diff", masked);
        assertThat(masked)
                .doesNotContain(
                        "RABBIT_PASS",
                        "NOVA_DBPASS",
                        "OLD_KEYSTONE_PASS",
                        "Keyst0ne-NEW",
                        "EXPORTED_PASS",
                        "MIIEowIB",
                        "VTLw7")
                .contains("inject_password = False", "username = nova", "auth_type = password");
    }
}

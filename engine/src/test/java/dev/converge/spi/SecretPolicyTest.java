package dev.converge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretPolicyTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "password",
                "admin_password",
                "DB_PASSWD",
                "db_pass",
                "pass",
                "ssl_passphrase",
                "api_token",
                "secret",
                "application_credential_secret",
                "credential",
                "private",
                "ssl_private_key",
                "key",
                "api_key",
                "tls-key",
                "connection",
                "slave_connection",
                "transport_url",
                "metadata_proxy_shared_secret"
            })
    void secretLookingKeys(String key) {
        assertThat(SecretPolicy.isSecretKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "username",
                "user",
                "auth_type",
                "auth_url",
                "passthrough",
                "bypass",
                "compass",
                "keymap",
                "keys",
                "monkey",
                "listen_tcp",
                "host",
                "region_name",
                "project_domain_name",
                "ansible_ssh_private_key_file",
                "ssl_key_file",
                "token_path",
                "secrets_dir"
            })
    void plainKeys(String key) {
        assertThat(SecretPolicy.isSecretKey(key)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "password|hunter22|********",
                "ansible_connection|local|local",
                "connection|ssh|ssh",
                "inject_password|False|False",
                "inject_password|true|true",
                "password|''|''",
                "username|nova|nova",
                "transport_url|rabbit://openstack:RABBIT_PASS@ctl:5672/|rabbit://openstack:********@ctl:5672/",
                "transport_url|rabbit://u1:P1@h1:5672,u2:P2@h2:5672/|rabbit://u1:********@h1:5672,u2:********@h2:5672/",
                "connection|mysql+pymysql://nova:NOVA_DBPASS@controller/nova|mysql+pymysql://nova:********@controller/nova",
                "connection|sqlite:////var/lib/nova/nova.sqlite|sqlite:////var/lib/nova/nova.sqlite",
                "endpoint|https://admin:pa:ss@keystone:5000/v3|https://admin:********@keystone:5000/v3",
                "endpoint|http://keystone:5000/v3/users/a@b|http://keystone:5000/v3/users/a@b",
            })
    void shownValues(String key, String value, String shown) {
        assertThat(SecretPolicy.shown(key, value)).isEqualTo(shown);
    }
}

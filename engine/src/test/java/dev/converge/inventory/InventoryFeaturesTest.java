package dev.converge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.converge.config.RunInputs;
import dev.converge.diag.Problem;
import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One feature at a time (the oracle tests compare whole inventories with Ansible; the expectations
 * here are what ansible-core 2.14 answers for the same input).
 */
class InventoryFeaturesTest {
    @TempDir
    Path dir;

    @Test
    void hostRanges() {
        assertThat(HostNames.expand("web[1:3]").names()).containsExactly("web1", "web2", "web3");
        assertThat(HostNames.expand("www[01:10:3].example.com").names())
                .containsExactly("www01.example.com", "www04.example.com", "www07.example.com", "www10.example.com");
        assertThat(HostNames.expand("db-[a:c]-[1:2]").names())
                .containsExactly("db-a-1", "db-a-2", "db-b-1", "db-b-2", "db-c-1", "db-c-2");
        assertThat(HostNames.expand("mail[:2]").names()).containsExactly("mail0", "mail1", "mail2");
        assertThatThrownBy(() -> HostNames.expand("web[01:100]")).hasMessageContaining("equal-length");
    }

    @Test
    void hostPorts() {
        assertThat(HostNames.expand("badwolf.example.com:5309"))
                .isEqualTo(new HostNames.Expanded(List.of("badwolf.example.com"), 5309));
        assertThat(HostNames.expand("[2001:db8::1]:2222"))
                .isEqualTo(new HostNames.Expanded(List.of("2001:db8::1"), 2222));
        assertThat(HostNames.expand("192.168.1.[1:2]:22").names()).containsExactly("192.168.1.1", "192.168.1.2");
        assertThat(HostNames.expand("2001:db8::1").port()).isNull();
    }

    @Test
    void iniValuesArePythonLiterals() {
        assertThat(PythonLiteral.value("22")).isEqualTo(22L);
        assertThat(PythonLiteral.value("True")).isEqualTo(true);
        assertThat(PythonLiteral.value("true")).isEqualTo("true");
        assertThat(PythonLiteral.value("0755")).isEqualTo("0755");
        assertThat(PythonLiteral.value("0o755")).isEqualTo(493L);
        assertThat(PythonLiteral.value("1_000")).isEqualTo(1000L);
        assertThat(PythonLiteral.value("1e3")).isEqualTo(1000.0);
        assertThat(PythonLiteral.value("'a' \"b\"")).isEqualTo("ab");
        assertThat(PythonLiteral.value("[1, 'two', (3,)]")).isEqualTo(List.of(1L, "two", List.of(3L)));
        assertThat(PythonLiteral.value("{'k': None}")).isEqualTo(Collections.singletonMap("k", null));
        assertThat(PythonLiteral.value("None")).isNull();
        assertThat(PythonLiteral.value("host-01.internal")).isEqualTo("host-01.internal");
        assertThat(PythonLiteral.value("1j")).isEqualTo("1j");
    }

    @Test
    void hostLinesSplitAsAShellWithComments() {
        assertThat(ShellWords.split("h1 a=\"x y\" b='c d' e=f\\ g # comment h=i"))
                .containsExactly("h1", "a=x y", "b=c d", "e=f g");
        assertThat(ShellWords.split("h1 x=a#b")).containsExactly("h1", "x=a");
        assertThatThrownBy(() -> ShellWords.split("h1 x='open")).hasMessageContaining("no closing quotation");
    }

    @Test
    void yamlValuesAsAnsiblesLoaderTypesThem() throws Exception {
        Path f = dir.resolve("vars.yml");
        Files.writeString(
                f, "a: 0755\nb: 1_000\nc: yes\nd: y\ne: 1e3\nf: 1.5e+3\ng: 1:30\nh: 2024-05-01\ni: '0755'\nj: ~\n");
        Map<?, ?> v = (Map<?, ?>) AnsibleYaml.read(f, RunInputs.none(), new Problems())
                .orElseThrow()
                .plain();
        assertThat(v.get("a")).isEqualTo(493L);
        assertThat(v.get("b")).isEqualTo(1000L);
        assertThat(v.get("c")).isEqualTo(true);
        assertThat(v.get("d")).isEqualTo("y");
        assertThat(v.get("e")).isEqualTo("1e3");
        assertThat(v.get("f")).isEqualTo(1500.0);
        assertThat(v.get("g")).isEqualTo(90L);
        assertThat(v.get("h")).isEqualTo("2024-05-01");
        assertThat(v.get("i")).isEqualTo("0755");
        assertThat(v.get("j")).isNull();
    }

    @Test
    void patterns() {
        Inventory inv = InventorySources.load(
                List.of(InventoryOracleTest.CORPUS.resolve("docs-basic/hosts").toString()),
                RunInputs.none(),
                new Problems());
        List<Problem> warnings = new ArrayList<>();
        SourceLocation at = SourceLocation.of(Path.of("p.yml"));
        assertThat(inv.select("webservers:dbservers:!two.example.com", at, warnings))
                .containsExactly("foo.example.com", "bar.example.com", "one.example.com", "three.example.com");
        assertThat(inv.select("!webservers", at, warnings))
                .containsExactly("mail.example.com", "one.example.com", "two.example.com", "three.example.com");
        assertThat(inv.select("dbservers[0]", at, warnings)).containsExactly("one.example.com");
        assertThat(inv.select("dbservers[-1]", at, warnings)).containsExactly("three.example.com");
        assertThat(inv.select("dbservers[1:]", at, warnings)).containsExactly("two.example.com", "three.example.com");
        assertThat(inv.select("~(one|two)\\.", at, warnings)).containsExactly("one.example.com", "two.example.com");
        assertThat(inv.select("*.example.com:&dbservers", at, warnings))
                .containsExactly("one.example.com", "two.example.com", "three.example.com");
        assertThat(warnings).isEmpty();
        assertThat(inv.select("webservers:nosuch", at, warnings)).containsExactly("foo.example.com", "bar.example.com");
        assertThat(warnings)
                .extracting(Problem::reason)
                .containsExactly("could not match supplied host pattern, ignoring: nosuch");
        assertThat(inv.select("localhost", at, warnings)).containsExactly("localhost");
        assertThat(inv.select("all", at, warnings)).doesNotContain("localhost");
        assertThatThrownBy(() -> inv.select("dbservers[7]", at, warnings)).isInstanceOf(HostPattern.Invalid.class);
    }

    @Test
    void malformedSourcesAreProblemsWithFileLineColumnAndHint() throws Exception {
        assertThat(problems("hosts", "[web:children]\nnever_defined\n"))
                .containsExactly("2: section [web:children] names the group 'never_defined', which is never defined");
        assertThat(problems("hosts", "[ghost:vars]\nx=1\n"))
                .containsExactly("1: section [ghost:vars] is for a group that is never defined");
        assertThat(problems("hosts", "[web]\nweb[01:100]\n"))
                .containsExactly(
                        "2: host range 'web[01:100]': host range must specify equal-length begin and end formats");
        assertThat(problems("hosts", "[web:weird]\nh\n"))
                .containsExactly("1: section [web:weird] has an unknown type 'weird'");
        assertThat(problems("hosts", "[a:children]\nb\n[b:children]\na\n"))
                .containsExactly("4: adding group 'a' as a child of 'b' makes a loop");
        assertThat(problems("cloud.yml", "plugin: amazon.aws.aws_ec2\nregions: [eu-west-1]\n"))
                .containsExactly(
                        "1: this is the configuration of an inventory plugin (plugin: amazon.aws.aws_ec2), which converge does not run");
        assertThat(problems("hosts.yml", "all:\n  hosts: [a, b]\n"))
                .containsExactly("2: hosts: of group 'all' must be a map, not a list");
        assertThat(problems("hosts.toml", "[web]\n")).containsExactly("1: TOML inventories are not supported");
    }

    private List<String> problems(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        Problems problems = new Problems();
        InventorySources.load(List.of(f.toString()), RunInputs.none(), problems);
        problems.list().forEach(p -> assertThat(p.at().file()).isEqualTo(f));
        problems.list().forEach(p -> assertThat(p.hint()).isNotBlank());
        return problems.list().stream()
                .map(p -> p.at().line() + ": " + p.reason())
                .toList();
    }
}

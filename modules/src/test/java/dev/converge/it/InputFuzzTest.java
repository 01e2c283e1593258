package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.converge.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz (jqwik, fixed seed, bounded tries): valid playbooks and inventories, mutated at random
 * (characters deleted, hostile characters inserted, lines dropped, duplicated, swapped or
 * re-indented, tokens replaced), run with {@code --check} on the local transport. Whatever the
 * mutation, converge never crashes (exit 4 or an exception name on stderr), never hangs (15 s per
 * run), and any exit 3 names {@code file:line:col}.
 */
class InputFuzzTest {
    private static final String PLAYBOOK = """
            vars:
              base: /tmp/converge-fuzz
            plays:
              - name: files
                hosts: web
                vars:
                  owner: root
                resources:
                  - id: dir
                    file: {path: "${base}", state: directory, mode: "0755"}
                  - id: conf
                    file:
                      path: ${base}/${inventory_hostname}.conf
                      content: "slot=${slot}\\n"
                      mode: "0640"
                    notify: reload
                    tags: [config]
                  - id: line
                    after: [conf]
                    line: {path: "${base}/lines", line: "a=1", create: true}
                    when: facts.init == "sysv" or facts.init == "systemd"
                  - id: kv
                    keyvalue: {path: "${base}/kv.conf", syntax: libvirt, set: {listen_tcp: 1}, create: true}
                  - id: per
                    loop: ${groups.web}
                    hosts_entry: {address: 10.79.0.12, names: ["${item}"], path: "${base}/hosts"}
                handlers:
                  - id: reload
                    command: {cmd: [true], creates: "${base}/never"}
            """;
    private static final String INVENTORY = """
            all:
              vars:
                slot: one
              children:
                web:
                  hosts:
                    web1: {ansible_connection: local, slot: two}
                    web2: {ansible_connection: local}
                db:
                  hosts:
                    db1: {ansible_connection: local, ansible_port: 22}
            """;
    private static final String INI_INVENTORY = """
            [web]
            web1 ansible_connection=local slot=two
            web2 ansible_connection=local slot=three
            [db]
            db1 ansible_connection=local
            [all:vars]
            base=/tmp/converge-fuzz
            """;
    private static final List<String> HOSTILE = List.of(
            "'", "\"", "`", "$(", "${", "}", ";", "\n", "\t", ":", "- ", "{", "[", "]", "&", "*", "!", "|", ">", "#",
            "%", "@", "\\", "\u0000", "\u202e", "..", "<#", "?api", "~", "\r\n", "---", "&a ", "*a", " !!str ");
    private static final List<String> TOKENS = List.of(
            "hosts",
            "resources",
            "id",
            "file",
            "path",
            "after",
            "notify",
            "loop",
            "when",
            "vars",
            "children",
            "ansible_connection",
            "ansible_port",
            "tags",
            "handlers",
            "plays",
            "item",
            "groups");

    private static Path dir;
    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-run");
        t.setDaemon(true);
        return t;
    });

    @BeforeContainer
    static void setUp() throws Exception {
        dir = Files.createTempDirectory("converge-fuzz");
    }

    @AfterContainer
    static void tearDown() throws Exception {
        RUNNER.shutdownNow();
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                    .forEach(p -> p.toFile().delete());
        }
    }

    /** One random edit at a relative position. */
    record Mutation(int kind, double where, double other, int pick) {
        String apply(String text) {
            if (text.isEmpty()) {
                return HOSTILE.get(pick % HOSTILE.size());
            }
            int at = (int) (where * text.length());
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            int line = (int) (where * lines.size());
            int line2 = (int) (other * lines.size());
            switch (kind) {
                case 0:
                    return text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + pick % 5));
                case 1:
                    return text.substring(0, at) + HOSTILE.get(pick % HOSTILE.size()) + text.substring(at);
                case 2:
                    lines.remove(line);
                    return String.join("\n", lines);
                case 3:
                    lines.add(line, lines.get(line));
                    return String.join("\n", lines);
                case 4:
                    String a = lines.get(line);
                    lines.set(line, lines.get(line2));
                    lines.set(line2, a);
                    return String.join("\n", lines);
                case 5:
                    lines.set(line, " ".repeat(pick % 7) + lines.get(line).stripLeading());
                    return String.join("\n", lines);
                case 6:
                    String token = TOKENS.get(pick % TOKENS.size());
                    String replacement = TOKENS.get((pick / 7) % TOKENS.size());
                    return text.replaceFirst(token, replacement);
                default:
                    return text.substring(0, at) + "x".repeat(1 + pick * 97 % 5000) + text.substring(at);
            }
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.doubles().between(0, 0.999).ofScale(3),
                        Arbitraries.doubles().between(0, 0.999).ofScale(3),
                        Arbitraries.integers().between(0, 10_000))
                .as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    private static String mutate(String text, List<Mutation> mutations) {
        String out = text;
        for (Mutation m : mutations) {
            out = m.apply(out);
        }
        return out;
    }

    private static void assertNoCrash(Path playbook, Path inventory) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream savedErr = System.err;
        PrintStream savedOut = System.out;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Future<Integer> run = RUNNER.submit(() -> Main.run(
                    "--check",
                    "--no-color",
                    "--command-timeout",
                    "10",
                    "-i",
                    inventory.toString(),
                    playbook.toString()));
            try {
                code = run.get(15, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                run.cancel(true);
                throw new AssertionError("converge hung on:\n" + Files.readString(playbook) + "\n--- inventory:\n"
                        + Files.readString(inventory));
            }
        } finally {
            System.setErr(savedErr);
            System.setOut(savedOut);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        String input = "\n--- playbook:\n" + Files.readString(playbook) + "\n--- inventory:\n"
                + Files.readString(inventory) + "\n--- stderr:\n" + text;
        assertThat(code).as("exit code" + input).isIn(0, 1, 2, 3);
        assertThat(text).as("no stack trace" + input).doesNotContain("\tat ").doesNotContain("internal error");
        if (code == 3) {
            assertThat(text.lines().findFirst().orElse(""))
                    .as("file:line:col" + input)
                    .matches("^.+:\\d+:\\d+: .*");
        }
    }

    @Property(tries = 200, seed = "20240909")
    void mutatedPlaybooksNeverCrashOrHang(@ForAll("mutations") List<Mutation> mutations) throws Exception {
        Path playbook = Files.writeString(dir.resolve("playbook.yml"), mutate(PLAYBOOK, mutations));
        Path inventory = Files.writeString(dir.resolve("inventory.yml"), INVENTORY);
        assertNoCrash(playbook, inventory);
    }

    @Property(tries = 100, seed = "20240910")
    void mutatedInventoriesNeverCrashOrHang(@ForAll("mutations") List<Mutation> mutations, @ForAll boolean ini)
            throws Exception {
        Path playbook = Files.writeString(dir.resolve("playbook.yml"), PLAYBOOK);
        Path inventory = Files.writeString(
                dir.resolve(ini ? "inventory.ini" : "inventory.yml"),
                mutate(ini ? INI_INVENTORY : INVENTORY, mutations));
        assertNoCrash(playbook, inventory);
    }
}

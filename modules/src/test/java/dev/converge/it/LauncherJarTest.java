package dev.converge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar converge.jar} through its launcher (dev.converge.launcher.Launcher), with real
 * processes on the built jar (run by Maven in the package phase, once target/converge.jar exists):
 * the same exit codes, output and input as a direct run; the archive made, mapped, and a bad one
 * ignored; signals; the launcher's death. No timing is asserted (waits have generous guards only).
 */
class LauncherJarTest {
    private static final Path JAR = Path.of(System.getProperty("converge.jar", "../target/converge.jar"))
            .toAbsolutePath()
            .normalize();
    private static final String JAVA =
            Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final List<String> DIRECT = List.of("-Dconverge.launcher=direct");

    @TempDir
    Path dir;

    Path cache;
    Path inventory;
    int runs;

    record Result(int code, String out, String err) {}

    @BeforeEach
    void files() throws Exception {
        assertThat(JAR).as("built by mvn package").isRegularFile();
        cache = dir.resolve("cache");
        inventory = Files.writeString(dir.resolve("hosts.yml"), """
                all:
                  hosts:
                    box1: {ansible_connection: local}
                    box2: {ansible_connection: local}
                """);
    }

    private ProcessBuilder converge(Path jar, List<String> jvmOptions, String... args) throws IOException {
        return converge(JAVA, jar, jvmOptions, args);
    }

    private ProcessBuilder converge(String java, Path jar, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"));
        builder.environment().put("XDG_CACHE_HOME", cache.toString());
        int n = ++runs;
        builder.redirectOutput(dir.resolve("out-" + n).toFile());
        builder.redirectError(dir.resolve("err-" + n).toFile());
        return builder;
    }

    private Result run(Path jar, List<String> jvmOptions, String stdin, String... args) throws Exception {
        return run(JAVA, jar, jvmOptions, stdin, args);
    }

    private Result run(String java, Path jar, List<String> jvmOptions, String stdin, String... args) throws Exception {
        ProcessBuilder builder = converge(java, jar, jvmOptions, args);
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        return finish(process, builder);
    }

    private Result finish(Process process, ProcessBuilder builder) throws Exception {
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("converge hung: " + builder.command());
        }
        return new Result(
                process.exitValue(),
                Files.readString(builder.redirectOutput().file().toPath()),
                Files.readString(builder.redirectError().file().toPath()));
    }

    private Result launcher(String... args) throws Exception {
        return run(JAR, List.of(), "", args);
    }

    private Result direct(String... args) throws Exception {
        return run(JAR, DIRECT, "", args);
    }

    private List<Path> archives() throws IOException {
        Path converge = cache.resolve("converge");
        if (!Files.isDirectory(converge)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(converge)) {
            return files.sorted().toList();
        }
    }

    private Path playbook(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text.replace("DIR", dir.toString()));
    }

    @Test
    void exitCodesOutputAndFilesAreTheDirectRunsFirstRunAndWithTheArchive() throws Exception {
        Path good = playbook("good.yml", """
                - hosts: box1
                  resources:
                    - id: conf
                      file: {path: "DIR/f.conf", content: "v=${v}\\n"}
                """);
        Path bad = playbook("bad.yml", """
                - hosts: box1
                  resources:
                    - id: conf
                      no_such_module: {path: /tmp/x}
                """);
        List<List<String>> cases = List.of(
                List.of("--version"),
                List.of("-i", inventory.toString(), "--syntax-check", bad.toString()),
                List.of("-i", inventory.toString(), "--detailed-exitcode", "-e", "v=1", good.toString()));
        List<Integer> codes = List.of(0, 3, 2);
        for (int i = 0; i < cases.size(); i++) {
            cache = dir.resolve("cache-" + i); // each case's first launch makes the archive
            String[] args = cases.get(i).toArray(String[]::new);
            Files.deleteIfExists(dir.resolve("f.conf"));
            Result first = launcher(args);
            assertThat(archives()).as("made by the first run").hasSize(1);
            Files.deleteIfExists(dir.resolve("f.conf"));
            Result direct = direct(args);
            Files.deleteIfExists(dir.resolve("f.conf"));
            Result second = launcher(args);
            assertThat(direct.code()).as("%s", cases.get(i)).isEqualTo(codes.get(i));
            assertThat(first).as("first launch of %s", cases.get(i)).isEqualTo(direct);
            assertThat(second).as("launch with the archive of %s", cases.get(i)).isEqualTo(direct);
        }
        assertThat(dir.resolve("f.conf")).hasContent("v=1");
        assertThat(direct("-i", inventory.toString(), "--syntax-check", bad.toString())
                        .err())
                .contains("bad.yml:4:");
    }

    @Test
    void standardInputIsTheLaunchersAllTheWayDown() throws Exception {
        Path good = playbook("good.yml", """
                - hosts: box1
                  resources:
                    - id: conf
                      file: {path: "DIR/f.conf", content: "v=${v}\\n"}
                """);
        Result result = run(
                JAR, List.of(), "v: from-stdin\n", "-i", inventory.toString(), "-e", "@/dev/stdin", good.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(dir.resolve("f.conf")).hasContent("v=from-stdin");
    }

    /**
     * A vault password "file" that is an executable: the CLI runs it, so it sees which process runs
     * the CLI (its parent), that process's parent and command line.
     */
    private Path spyPassword() throws IOException {
        Path script = Files.writeString(dir.resolve("pw.sh"), """
                #!/bin/sh
                echo $PPID > DIR/cli.pid
                cut -d' ' -f4 /proc/$PPID/stat > DIR/cli.ppid
                tr '\\0' '\\n' < /proc/$PPID/cmdline > DIR/cli.cmdline
                echo s3cret
                """.replace("DIR", dir.toString()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private Process started(List<String> jvmOptions, String... args) throws Exception {
        ProcessBuilder builder = converge(JAR, jvmOptions, args);
        return builder.start();
    }

    @Test
    void theCliRunsInAChildJvmWithTheStartUpOptionsOrWithDirectInTheStartedJvm() throws Exception {
        Path pw = spyPassword();
        String[] args = {"vault", "encrypt-string", "--vault-password-file", pw.toString(), "value"};

        Process launched = started(List.of(), args);
        assertThat(launched.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(launched.exitValue()).isZero();
        long cli = Long.parseLong(Files.readString(dir.resolve("cli.pid")).trim());
        assertThat(cli).as("a child runs the CLI").isNotEqualTo(launched.pid());
        assertThat(Long.parseLong(Files.readString(dir.resolve("cli.ppid")).trim()))
                .isEqualTo(launched.pid());
        List<String> childArgv = Files.readAllLines(dir.resolve("cli.cmdline"));
        assertThat(childArgv.get(0)).isEqualTo(JAVA);
        assertThat(childArgv)
                .contains(
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Dconverge.launcher=direct",
                        "-Dconverge.launcher.pid=" + launched.pid(),
                        "-cp",
                        JAR.toString(),
                        "dev.converge.cli.Main");
        assertThat(childArgv.subList(childArgv.size() - args.length, childArgv.size()))
                .containsExactly(args);

        Process direct = started(DIRECT, args);
        assertThat(direct.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(direct.exitValue()).isZero();
        assertThat(Long.parseLong(Files.readString(dir.resolve("cli.pid")).trim()))
                .as("-Dconverge.launcher=direct: no child")
                .isEqualTo(direct.pid());
        assertThat(Files.readAllLines(dir.resolve("cli.cmdline"))).doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void jvmOptionsFromTheEnvironmentMakeItRunDirect() throws Exception {
        Path pw = spyPassword();
        ProcessBuilder builder =
                converge(JAR, List.of(), "vault", "encrypt-string", "--vault-password-file", pw.toString(), "v");
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Xss2m");
        Process process = builder.start();
        Result result = finish(process, builder);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Long.parseLong(Files.readString(dir.resolve("cli.pid")).trim()))
                .as("JAVA_TOOL_OPTIONS: no child")
                .isEqualTo(process.pid());
        assertThat(result.err()).as("announced once").containsOnlyOnce("JAVA_TOOL_OPTIONS");
    }

    @Test
    void theArchiveIsMadeOnceInAPrivateDirectoryAndMappedByTheNextRuns() throws Exception {
        assertThat(launcher("--version").code()).isZero();
        List<Path> made = archives();
        assertThat(made).hasSize(1);
        Path archive = made.get(0);
        assertThat(archive.getFileName().toString()).startsWith("converge-").endsWith(".jsa");
        assertThat(Files.size(archive)).isPositive();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(archive.getParent())))
                .isEqualTo("rwx------");
        FileTime madeAt = Files.getLastModifiedTime(archive);

        // the next run maps it: seen in the child's memory maps while it waits for its standard input
        Path good = playbook("good.yml", """
                - hosts: box1
                  resources:
                    - id: conf
                      file: {path: "DIR/f.conf", content: "v=${v}\\n"}
                """);
        ProcessBuilder builder =
                converge(JAR, List.of(), "-i", inventory.toString(), "-e", "@/dev/stdin", good.toString());
        Process process = builder.start();
        ProcessHandle child = childOf(process);
        assertThat(mapped(child, archive)).as("the child maps %s", archive).isTrue();
        try (OutputStream in = process.getOutputStream()) {
            in.write("v: 2\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(finish(process, builder).code()).isZero();
        assertThat(archives()).containsExactly(archive);
        assertThat(Files.getLastModifiedTime(archive))
                .as("used, not made again")
                .isEqualTo(madeAt);
    }

    private static ProcessHandle childOf(Process process) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            Optional<ProcessHandle> child = process.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            assertThat(process.isAlive())
                    .as("the launcher ended without a child")
                    .isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("no child in 60 s");
    }

    /** Whether the process has the file mapped (the JVM maps its archive before main). */
    private static boolean mapped(ProcessHandle process, Path file) throws Exception {
        for (int i = 0; i < 1200; i++) {
            String maps = Files.readString(Path.of("/proc/" + process.pid() + "/maps"));
            if (maps.contains(file.toString())) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void aCorruptOrForeignArchiveIsIgnoredAndTheRunWorks() throws Exception {
        Result expected = direct("--version");
        assertThat(launcher("--version")).isEqualTo(expected);
        Path archive = archives().get(0);

        Files.writeString(archive, "garbage where the archive was");
        assertThat(launcher("--version")).as("corrupt").isEqualTo(expected);
        assertThat(archives()).containsExactly(archive);

        // a real archive, made for another jar
        Path other = Files.copy(JAR, dir.resolve("other.jar"));
        assertThat(run(other, List.of(), "", "--version").code()).isZero();
        Path foreign =
                archives().stream().filter(p -> !p.equals(archive)).findFirst().orElseThrow();
        Files.copy(foreign, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(launcher("--version")).as("foreign").isEqualTo(expected);
    }

    /** A JDK 19 or newer installed beside this one (its archive is the JVM's own AutoCreateSharedArchive). */
    private static Optional<String> newerJava() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                Path java = home.resolve("bin/java");
                if (Files.isRegularFile(release) && Files.isExecutable(java)) {
                    for (String line : Files.readAllLines(release)) {
                        if (line.startsWith("JAVA_VERSION=")) {
                            String feature =
                                    line.substring(13).replace("\"", "").split("\\.")[0];
                            if (feature.matches("\\d+") && Integer.parseInt(feature) >= 19) {
                                return Optional.of(java.toString());
                            }
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void onJdk19AndNewerTheJvmMakesTheArchiveItself() throws Exception {
        Optional<String> java = newerJava();
        assumeTrue(java.isPresent(), "no JDK 19+ under /usr/lib/jvm");
        Result expected = run(java.get(), JAR, DIRECT, "", "--version");
        assertThat(run(java.get(), JAR, List.of(), "", "--version")).isEqualTo(expected);
        assertThat(archives()).hasSize(1);
        Path archive = archives().get(0);
        FileTime madeAt = Files.getLastModifiedTime(archive);
        assertThat(run(java.get(), JAR, List.of(), "", "--version")).isEqualTo(expected);
        assertThat(archives()).containsExactly(archive);
        assertThat(Files.getLastModifiedTime(archive))
                .as("used, not made again")
                .isEqualTo(madeAt);
    }

    @Test
    void twoConcurrentFirstRunsLeaveOneWholeArchive() throws Exception {
        ProcessBuilder a = converge(JAR, List.of(), "--version");
        ProcessBuilder b = converge(JAR, List.of(), "--version");
        Process pa = a.start();
        Process pb = b.start();
        assertThat(finish(pa, a).code()).isZero();
        assertThat(finish(pb, b).code()).isZero();
        assertThat(archives()).hasSize(1);
        Path archive = archives().get(0);
        FileTime madeAt = Files.getLastModifiedTime(archive);
        assertThat(launcher("--version")).isEqualTo(direct("--version"));
        assertThat(Files.getLastModifiedTime(archive))
                .as("usable: not made again")
                .isEqualTo(madeAt);
    }

    /** box1 runs a 3 s step (started, then finished), box2's resource waits for it: a second batch. */
    private Path slowPlaybook() throws IOException {
        return playbook("slow.yml", """
                - hosts: box1
                  resources:
                    - id: slow
                      command: {cmd: [sh, -c, "touch DIR/started; sleep 3; touch DIR/finished"]}
                - hosts: box2
                  resources:
                    - id: later
                      after: [slow]
                      file: {path: "DIR/later", content: "x\\n"}
                """);
    }

    private void awaitStarted() throws InterruptedException {
        for (int i = 0; i < 2400 && !Files.exists(dir.resolve("started")); i++) {
            Thread.sleep(50);
        }
        assertThat(dir.resolve("started")).as("the slow step started").exists();
    }

    private static void kill(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                        .start()
                        .waitFor())
                .isZero();
    }

    @Test
    void sigtermToTheLauncherInterruptsTheRunAndTheChildsExitCodeComesOut() throws Exception {
        ProcessBuilder builder = converge(
                JAR, List.of(), "-i", inventory.toString(), slowPlaybook().toString());
        Process process = builder.start();
        awaitStarted();
        process.destroy(); // SIGTERM, to the launcher alone
        Result result = finish(process, builder);
        assertThat(result.code()).as(result.err()).isEqualTo(143);
        assertThat(result.err()).contains("converge: interrupted");
        assertThat(dir.resolve("finished")).as("the step in flight finished").exists();
        assertThat(dir.resolve("later")).as("no new batch").doesNotExist();
    }

    @Test
    void aKilledLaunchersChildStopsAsOnSigterm() throws Exception {
        ProcessBuilder builder = converge(
                JAR, List.of(), "-i", inventory.toString(), slowPlaybook().toString());
        Process process = builder.start();
        ProcessHandle child = childOf(process);
        awaitStarted();
        process.destroyForcibly(); // SIGKILL: the launcher cannot pass anything on
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        child.onExit().get(180, TimeUnit.SECONDS);
        assertThat(dir.resolve("finished")).as("the step in flight finished").exists();
        assertThat(dir.resolve("later")).as("no new batch").doesNotExist();
        assertThat(Files.readString(builder.redirectError().file().toPath())).contains("converge: interrupted");
    }

    @Test
    void sigintIsTheChildsToHandleTheLauncherWaits() throws Exception {
        String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("SigIgn:"))
                .findFirst()
                .orElseThrow()
                .substring(7)
                .trim();
        assumeTrue((Long.parseLong(ignored, 16) & 2) == 0, "SIGINT is ignored in this build's processes");

        // to the launcher alone: ignored, the run goes on to the end
        ProcessBuilder alone = converge(
                JAR, List.of(), "-i", inventory.toString(), slowPlaybook().toString());
        Process process = alone.start();
        awaitStarted();
        kill("INT", process.pid());
        Result result = finish(process, alone);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(dir.resolve("later")).exists();

        // to both, as a terminal's Ctrl-C: the child's interrupted exit code, 130
        for (String file : List.of("started", "finished", "later")) {
            Files.delete(dir.resolve(file));
        }
        ProcessBuilder group = converge(
                JAR, List.of(), "-i", inventory.toString(), slowPlaybook().toString());
        process = group.start();
        ProcessHandle child = childOf(process);
        awaitStarted();
        kill("INT", process.pid());
        kill("INT", child.pid());
        result = finish(process, group);
        assertThat(result.code()).as(result.err()).isEqualTo(130);
        assertThat(dir.resolve("finished")).exists();
        assertThat(dir.resolve("later")).doesNotExist();
    }

    @Test
    void theLauncherLoadsNoLibraryBeforeTheChildStarts() throws Exception {
        Path log = dir.resolve("class-load.log");
        Result result = run(JAR, List.of("-Xlog:class+load=info:file=" + log), "", "--version");
        assertThat(result.code()).isZero();
        List<String> classes = Files.readAllLines(log).stream()
                .filter(l -> l.contains(" source: "))
                .map(l -> l.substring(l.indexOf("] ", l.indexOf("[class,load]")) + 2, l.indexOf(" source: ")))
                .toList();
        assertThat(classes).contains("dev.converge.launcher.Launcher");
        assertThat(classes)
                .filteredOn(c -> !c.startsWith("java.")
                        && !c.startsWith("jdk.")
                        && !c.startsWith("sun.")
                        && !c.startsWith("javax."))
                .allMatch(c -> c.startsWith("dev.converge.launcher."), "a class of the launcher's package");
        assertThat(classes)
                .as("no lambda of the launcher's (the JDK's process classes spin their own)")
                .noneMatch(c -> c.startsWith("dev.converge.") && c.contains("$$Lambda"));
    }
}

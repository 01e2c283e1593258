package dev.converge.cli;

import dev.converge.report.RunMetadata;
import dev.converge.run.RunOptions;
import dev.converge.saved.InputDigests;
import dev.converge.saved.SavedPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** A run's {@link RunMetadata}, from the command line, its options and the input files it read. */
final class RunDescription {
    private RunDescription() {}

    /**
     * Asked for when the report is built, so the inputs digest covers the templates rendered while planning
     * (the files read so far by the run's {@link RunOptions#inputs}).
     */
    static Supplier<RunMetadata> of(List<String> commandLine, RunOptions options, SavedPlan.Invocation invocation) {
        String started = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return () -> {
            String version = Version.number();
            return new RunMetadata(
                    started,
                    version,
                    commandLine,
                    options.inventories(),
                    options.selection().limit(),
                    List.copyOf(options.selection().tags()),
                    List.copyOf(options.selection().skipTags()),
                    gitCommit(options.playbook()),
                    InputDigests.of(version, invocation, options.inputs().files())
                            .digest());
        };
    }

    static SavedPlan.Invocation invocation(RunOptions options, List<String> extraVars, String hostKeyChecking) {
        return new SavedPlan.Invocation(
                options.playbook().toString(),
                options.inventories(),
                options.selection().limit(),
                List.copyOf(options.selection().tags()),
                List.copyOf(options.selection().skipTags()),
                extraVars,
                options.forks(),
                (int) options.connectTimeout().toSeconds(),
                (int) options.commandTimeout().toSeconds(),
                hostKeyChecking);
    }

    /** The HEAD commit of the git tree holding {@code playbook} ({@code git rev-parse HEAD}), empty outside one or without git. */
    static String gitCommit(Path playbook) {
        Path dir = playbook.toAbsolutePath().getParent();
        try {
            Process git = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!git.waitFor(5, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return "";
            }
            return git.exitValue() == 0 && out.matches("[0-9a-f]{40,64}") ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}

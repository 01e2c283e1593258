package dev.converge.saved;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The digest of a run's inputs: converge's version, the invocation, and every local file it read. */
public final class InputDigests {
    private InputDigests() {}

    /** @param read the files read (absolute); named relative to the working directory when under it */
    public static SavedPlan.Inputs of(String version, SavedPlan.Invocation invocation, List<Path> read) {
        Path cwd = Path.of("").toAbsolutePath();
        List<SavedPlan.InputFile> files = new ArrayList<>();
        for (Path file : read) {
            String name = file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
            files.add(new SavedPlan.InputFile(name, digest(Path.of(name))));
        }
        return new SavedPlan.Inputs(total(version, invocation, files), files);
    }

    /** The files whose content differs from the saved digest now, as {@code path (old → new)}; empty when none. */
    public static List<String> changed(SavedPlan.Inputs saved) {
        List<String> out = new ArrayList<>();
        for (SavedPlan.InputFile f : saved.files()) {
            String now = digest(Path.of(f.path()));
            if (!now.equals(f.digest())) {
                out.add(f.path() + " (" + Digests.shortForm(f.digest()) + " → " + Digests.shortForm(now) + ")");
            }
        }
        return out;
    }

    /** Whether the saved total still matches (the version and invocation included). */
    public static boolean matches(String version, SavedPlan plan) {
        return total(version, plan.invocation(), plan.inputs().files())
                .equals(plan.inputs().digest());
    }

    static String digest(Path file) {
        try {
            return Digests.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return "absent";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    private static String total(String version, SavedPlan.Invocation inv, List<SavedPlan.InputFile> files) {
        StringBuilder text = new StringBuilder("converge ")
                .append(version)
                .append('\n')
                .append(inv)
                .append('\n');
        files.forEach(f -> text.append(f.path()).append(' ').append(f.digest()).append('\n'));
        return Digests.of(text.toString());
    }
}

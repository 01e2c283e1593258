package dev.converge.run;

import dev.converge.secret.Secrets;
import dev.converge.spi.Change;
import dev.converge.spi.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Warnings for secrets a change would expose on the host, whatever the module: a file that
 * receives a secret with a mode that lets every user read it (a new file's default 0644
 * included), and a secret passed as a command-line argument (every user sees it in {@code ps}).
 */
final class SecretExposure {
    private SecretExposure() {}

    static List<String> warnings(Change change, Secrets secrets) {
        if (secrets.isEmpty()) {
            return change.warnings();
        }
        List<String> out = new ArrayList<>(change.warnings());
        for (Operation op : change.operations()) {
            if (op instanceof Operation.WriteFile w
                    && worldReadable(w.mode())
                    && secrets.appearsIn(new String(w.content(), StandardCharsets.UTF_8))) {
                out.add(w.path() + " receives a secret but every user on the host can read it (mode " + w.mode()
                        + "): set mode: \"0600\" (or \"0640\" and group:)");
            } else if (op instanceof Operation.RunCommand c && c.argv().stream().anyMatch(secrets::appearsIn)) {
                out.add("a secret is a command-line argument of '" + c.argv().get(0)
                        + "': every user on the host sees it in ps; "
                        + "give it on the command's standard input (stdin:)");
            } else if (op instanceof Operation.MergeableCommand c
                    && c.argv().stream().anyMatch(secrets::appearsIn)) {
                out.add("a secret is a command-line argument of '" + c.head().get(0)
                        + "': every user on the host sees it in ps");
            }
        }
        return out;
    }

    /** Whether others may read a file of this mode; an empty mode keeps the existing file's mode, which is not judged here. */
    private static boolean worldReadable(String mode) {
        return !mode.isEmpty() && (Character.digit(mode.charAt(mode.length() - 1), 8) & 4) != 0;
    }
}

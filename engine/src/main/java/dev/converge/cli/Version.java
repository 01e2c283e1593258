package dev.converge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version baked into the jar at build time. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"converge " + number() + " (Java " + System.getProperty("java.version") + ")"};
    }

    /** converge's version ({@code 0.1.0}), {@code unknown} outside the built jar. */
    public static String number() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/converge-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }
}

package dev.converge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version baked into the jar at build time. */
public final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/converge-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"converge " + p.getProperty("version", "unknown") + " (Java " + System.getProperty("java.version") + ")"};
    }
}

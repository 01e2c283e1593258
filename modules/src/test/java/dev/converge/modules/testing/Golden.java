package dev.converge.modules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fixtures and golden files. Run with {@code -Dgolden.update=true} to (re)write the golden files
 * under {@code src/test/resources/golden/}; review the diff before committing.
 */
public final class Golden {
    private static final Path SOURCE_ROOT = Path.of("src", "test", "resources");

    private Golden() {}

    /** A fixture from {@code src/test/resources/fixtures/}. */
    public static String fixture(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts {@code actual} equals {@code golden/<module>/<name>.out}, or rewrites it on update. */
    public static void assertGolden(String module, String name, String actual) {
        String resource = "golden/" + module + "/" + name + ".out";
        if (Boolean.getBoolean("golden.update")) {
            try {
                Path file = SOURCE_ROOT.resolve(resource);
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        try (InputStream in = Golden.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new AssertionError("missing golden file " + resource + "; run with -Dgolden.update=true");
            }
            assertThat(actual)
                    .as("golden " + resource)
                    .isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.converge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: compare with the committed text; {@code -Dgolden.update=true} (re)writes them. A
 * missing golden file fails the test: it is never written silently.
 */
public final class Golden {
    private Golden() {}

    /** @param golden path relative to the module's {@code src/test/resources/golden/} */
    public static void assertMatches(String golden, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden").resolve(golden);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        if (!Files.exists(file)) {
            throw new AssertionError("missing golden file " + file + "; run with -Dgolden.update=true to write it");
        }
        assertThat(actual)
                .as("golden file %s (rerun with -Dgolden.update=true to accept)", file)
                .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}

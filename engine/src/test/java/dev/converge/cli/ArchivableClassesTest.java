package dev.converge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.DiffUtils;
import com.google.common.collect.ImmutableList;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.logging.LogFactory;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.common.util.GenericUtils;
import org.jgrapht.Graph;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.nop.NOPServiceProvider;
import org.yaml.snakeyaml.Yaml;

/**
 * bin/converge starts from a class-data-sharing archive (AppCDS on JDK 17, the AOT cache on 25+). The
 * JVM leaves every class file older than Java 6 (major version 50) out of that archive ("Skipping
 * ...: Old class has been linked"), so each such class is read, verified and interpreted from the jar
 * on every run. picocli's published jar and slf4j 1.7 were such (issue 17): no library of a run may be.
 */
class ArchivableClassesTest {
    /** Java 6: the oldest class file version the archives take. */
    private static final int JAVA_6 = 50;

    /** One class of each library in the runnable jar that a run loads (and converge's own CLI). */
    private static final List<Class<?>> LIBRARIES = List.of(
            Main.class,
            picocli.CommandLine.class,
            LoggerFactory.class,
            NOPServiceProvider.class,
            LogFactory.class,
            SshClient.class,
            GenericUtils.class,
            net.i2p.crypto.eddsa.EdDSAEngine.class,
            ObjectMapper.class,
            JsonFactory.class,
            JsonProperty.class,
            Yaml.class,
            freemarker.template.Configuration.class,
            Graph.class,
            ImmutableList.class,
            DiffUtils.class);

    @Test
    void everyLibraryARunLoadsHasClassFilesTheArchiveCanHold() throws Exception {
        List<String> old = new ArrayList<>();
        for (Class<?> library : LIBRARIES) {
            Path location = Path.of(
                    library.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<ClassFile> classes = classFiles(location);
            assertThat(classes).as("classes of %s", location).isNotEmpty();
            classes.stream()
                    .filter(c -> c.major() < JAVA_6)
                    .forEach(c -> old.add(
                            location.getFileName() + "!" + c.name() + " (class file version " + c.major() + ")"));
        }
        assertThat(old)
                .as("class files older than Java 6 (the archive skips them)")
                .isEmpty();
    }

    @Test
    void picocliIsTheBuildForJava17() throws Exception {
        Path location = Path.of(picocli.CommandLine.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        assertThat(classFiles(location))
                .filteredOn(c -> c.name().equals("picocli/CommandLine.class"))
                .extracting(ClassFile::major)
                .containsExactly(61);
    }

    private record ClassFile(String name, int major) {}

    /** Every class file of a jar or a classes directory (multi-release variants and module-info left out). */
    private static List<ClassFile> classFiles(Path location) throws IOException {
        List<ClassFile> found = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = location.relativize(file).toString().replace('\\', '/');
                    if (counts(name)) {
                        try (InputStream in = Files.newInputStream(file)) {
                            found.add(new ClassFile(name, major(in)));
                        }
                    }
                }
            }
            return found;
        }
        try (ZipFile jar = new ZipFile(location.toFile())) {
            for (ZipEntry entry : jar.stream().toList()) {
                if (entry.getName().endsWith(".class") && counts(entry.getName())) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        found.add(new ClassFile(entry.getName(), major(in)));
                    }
                }
            }
        }
        return found;
    }

    private static boolean counts(String name) {
        return !name.startsWith("META-INF/") && !name.endsWith("module-info.class");
    }

    /** The major version: u4 magic, u2 minor, u2 major. */
    private static int major(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
        data.readUnsignedShort();
        return data.readUnsignedShort();
    }
}

package dev.converge.modules.file;

import dev.converge.spi.Module;
import dev.converge.testing.ModuleContractTest;
import java.nio.file.Files;
import java.util.List;

class FileModuleContractTest extends ModuleContractTest<FileParams> {
    @Override
    protected Module<FileParams> module() {
        return new FileModule();
    }

    @Override
    protected void prepare() throws Exception {
        Files.writeString(dir.resolve("existing.conf"), "old\n");
        Files.createDirectories(dir.resolve("gone"));
        Files.writeString(dir.resolve("gone/inner"), "x");
    }

    @Override
    protected List<FileParams> convergingCases() {
        String d = dir.toString();
        return List.of(
                new FileParams(d + "/new.conf", null, "a = 1\n", null, "0640", null, null),
                new FileParams(d + "/existing.conf", "file", "new\n", null, null, null, null),
                new FileParams(d + "/existing.conf", "file", null, null, "600", null, null),
                new FileParams(d + "/sub/dir", "directory", null, null, "0750", null, null),
                new FileParams(d + "/gone", "absent", null, null, null, null, null),
                new FileParams(d + "/it's $(touch pwned) `x`; \"q\"", null, "literal $(id)\n", null, null, null, null));
    }

    @Override
    protected List<FileParams> invalidCases() {
        return List.of(
                new FileParams("relative/path", null, "x", null, null, null, null),
                new FileParams("/tmp/x", "present", null, null, null, null, null),
                new FileParams("/tmp/x", null, "x", "t.ftl", null, null, null),
                new FileParams("/tmp/x", null, null, null, "rw-r--r--", null, null),
                new FileParams("/tmp/../etc/x", null, null, null, null, null, null),
                new FileParams(null, null, null, null, null, null, null));
    }
}

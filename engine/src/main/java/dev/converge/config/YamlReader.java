package dev.converge.config;

import dev.converge.diag.Problems;
import dev.converge.diag.SourceLocation;
import dev.converge.model.YamlValue;
import dev.converge.secret.vault.AnsibleVault;
import dev.converge.secret.vault.Vault;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML file into {@link YamlValue}s with their locations. Syntax errors, duplicate keys,
 * anchors gone wild and unreadable files become problems, never exceptions.
 */
public final class YamlReader {
    private static final int MAX_ALIASES = 50;
    private static final String VAULT_TAG = "!vault";

    private YamlReader() {}

    /** How a scalar's text becomes a value: converge's own rules, or (inventories) Ansible's YAML 1.1 loader's. */
    @FunctionalInterface
    public interface ScalarTyping {
        Object type(ScalarNode scalar, boolean quoted);
    }

    /**
     * The file's single document, or empty when it could not be read (the problems say why). The file is
     * recorded in {@code inputs}, and vault texts in it are decrypted with their passwords.
     */
    public static Optional<YamlValue> read(Path file, RunInputs inputs, Problems problems) {
        return read(file, inputs, problems, YamlReader::typed);
    }

    /** As {@link #read(Path, RunInputs, Problems)}, with scalars typed by {@code typing}. */
    public static Optional<YamlValue> read(Path file, RunInputs inputs, Problems problems, ScalarTyping typing) {
        String text;
        inputs.read(file);
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(
                    SourceLocation.of(file),
                    "file not found",
                    "check the path (relative paths start from the current directory)");
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            problems.add(
                    SourceLocation.of(file),
                    "cannot read file: " + e.getMessage(),
                    "check that the file exists, is readable and is UTF-8 text");
            return Optional.empty();
        }
        return parse(file, text, inputs, problems, typing);
    }

    /**
     * Parses YAML text that came from {@code file}. A whole file encrypted with Ansible Vault is
     * decrypted first with the run's vault, and every value in it is a secret (revealed to that
     * vault); so is each {@code !vault} value.
     */
    public static Optional<YamlValue> parse(Path file, String text, RunInputs inputs, Problems problems) {
        return parse(file, text, inputs, problems, YamlReader::typed);
    }

    /** As {@link #parse(Path, String, RunInputs, Problems)}, with scalars typed by {@code typing}. */
    public static Optional<YamlValue> parse(
            Path file, String text, RunInputs inputs, Problems problems, ScalarTyping typing) {
        Vault vault = inputs.vault();
        if (AnsibleVault.isVault(text)) {
            try {
                Optional<YamlValue> plain = parseYaml(file, vault.decrypt(text), vault, problems, typing);
                plain.ifPresent(v -> revealStrings(v.plain(), vault));
                return plain;
            } catch (Vault.VaultException e) {
                problems.add(
                        SourceLocation.of(file),
                        "vault file: " + e.failure().reason(),
                        e.failure().hint());
                return Optional.empty();
            }
        }
        return parseYaml(file, text, vault, problems, typing);
    }

    private static void revealStrings(Object value, Vault vault) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> revealStrings(v, vault));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> revealStrings(v, vault));
        } else if (value instanceof String s) {
            vault.reveal(s);
        }
    }

    private static Optional<YamlValue> parseYaml(
            Path file, String text, Vault vault, Problems problems, ScalarTyping typing) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowDuplicateKeys(true); // reported by us, with both places
        Yaml yaml = new Yaml(options);
        try (Reader reader = new StringReader(text)) {
            Node root = yaml.compose(reader);
            if (root == null) {
                return Optional.empty();
            }
            return Optional.of(convert(file, root, vault, problems, typing));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            problems.add(
                    at(file, mark),
                    "invalid YAML: " + oneLine(e.getProblem()),
                    "check indentation, quoting and that every ':' in a value is inside quotes");
        } catch (YAMLException | IOException e) {
            problems.add(SourceLocation.of(file), "invalid YAML: " + oneLine(e.getMessage()), "fix the YAML syntax");
        }
        return Optional.empty();
    }

    private static YamlValue convert(Path file, Node node, Vault vault, Problems problems, ScalarTyping typing) {
        SourceLocation at = at(file, node.getStartMark());
        if (node instanceof ScalarNode scalar
                && VAULT_TAG.equals(scalar.getTag().getValue())) {
            try {
                String plain = vault.decrypt(scalar.getValue());
                vault.reveal(plain);
                return new YamlValue.Scalar(plain, true, at);
            } catch (Vault.VaultException e) {
                problems.add(
                        at, "!vault value: " + e.failure().reason(), e.failure().hint());
                return new YamlValue.Scalar("", true, at);
            }
        }
        if (node instanceof ScalarNode scalar) {
            boolean quoted = scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN;
            return new YamlValue.Scalar(typing.type(scalar, quoted), quoted, at);
        }
        if (node instanceof SequenceNode sequence) {
            List<YamlValue> items = new ArrayList<>();
            sequence.getValue().forEach(n -> items.add(convert(file, n, vault, problems, typing)));
            return new YamlValue.Sequence(items, at);
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, YamlValue.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            SourceLocation keyAt = at(file, keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                problems.add(keyAt, "a map key must be a plain value, not a list or map", "write the key as text");
                continue;
            }
            String key = keyScalar.getValue();
            if (key.equals("<<")) {
                problems.add(keyAt, "YAML merge keys ('<<') are not supported", "write the keys out, or use variables");
                continue;
            }
            YamlValue.Entry previous = entries.get(key);
            if (previous != null) {
                problems.add(
                        keyAt,
                        "duplicate key '" + key + "' (first at line "
                                + previous.keyAt().line() + ")",
                        "remove one of them: YAML keeps only one");
                continue;
            }
            entries.put(
                    key, new YamlValue.Entry(key, keyAt, convert(file, tuple.getValueNode(), vault, problems, typing)));
        }
        return new YamlValue.Mapping(entries, at);
    }

    private static Object typed(ScalarNode scalar, boolean quoted) {
        String value = scalar.getValue();
        if (quoted) {
            return value;
        }
        Tag tag = scalar.getTag();
        try {
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return switch (value.toLowerCase()) {
                    case "true", "yes", "on", "y" -> Boolean.TRUE;
                    default -> Boolean.FALSE;
                };
            }
            if (Tag.INT.equals(tag) && value.matches("[-+]?[0-9]+")) {
                if (value.length() > 1 && value.startsWith("0")) {
                    return value; // 0644 stays text: modes are octal strings, not numbers
                }
                return Long.parseLong(value);
            }
            if (Tag.FLOAT.equals(tag)) {
                return Double.parseDouble(value);
            }
        } catch (NumberFormatException e) {
            return value;
        }
        return value;
    }

    static SourceLocation at(Path file, Mark mark) {
        return mark == null
                ? SourceLocation.of(file)
                : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String oneLine(String s) {
        return s == null ? "syntax error" : s.replace('\n', ' ').trim();
    }
}

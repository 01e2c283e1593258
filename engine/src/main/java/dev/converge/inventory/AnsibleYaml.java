package dev.converge.inventory;

import dev.converge.config.RunInputs;
import dev.converge.config.YamlReader;
import dev.converge.diag.Problems;
import dev.converge.model.YamlValue;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * YAML read as Ansible's loader (PyYAML, YAML 1.1) types it: {@code yes}/{@code on} are booleans,
 * {@code 0755} is octal 493, {@code 1_000} is 1000, {@code 1:30} is 90, {@code 1e3} is text (a float
 * needs a dot), a date is its ISO text. Every inventory and vars file is read here: the place where
 * Ansible Vault ({@code !vault} values, encrypted files) slots in.
 */
public final class AnsibleYaml {
    private static final Pattern BOOL =
            Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern FLOAT =
            Pattern.compile("[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9_]+(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)");
    private static final Pattern INT =
            Pattern.compile("[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");
    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern TIMESTAMP =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \\t]+)"
                    + "[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?");
    private static final Pattern TIMESTAMP_PARTS =
            Pattern.compile("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \\t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})"
                    + "(?:\\.([0-9]*))?(?:[ \\t]*(Z|([-+])([0-9]{1,2})(?::([0-9]{2}))?))?)?");

    private AnsibleYaml() {}

    /** Reads one inventory or vars file; empty when it is unreadable or empty (the problems say which). */
    public static Optional<YamlValue> read(Path file, RunInputs inputs, Problems problems) {
        return YamlReader.read(file, inputs, problems, AnsibleYaml::type);
    }

    /** A scalar typed as PyYAML's default resolver and Ansible's constructor would. */
    static Object type(ScalarNode node, boolean quoted) {
        String text = node.getValue();
        if (quoted) {
            return text;
        }
        Tag tag = node.getTag();
        if (tag != null
                && !tag.isSecondary()
                && !Tag.NULL.equals(tag)
                && !Tag.BOOL.equals(tag)
                && !Tag.INT.equals(tag)
                && !Tag.FLOAT.equals(tag)
                && !Tag.STR.equals(tag)
                && !Tag.TIMESTAMP.equals(tag)) {
            return text; // a local tag such as !unsafe (and, once supported, !vault)
        }
        if (BOOL.matcher(text).matches()) {
            return switch (text.toLowerCase()) {
                case "yes", "true", "on" -> Boolean.TRUE;
                default -> Boolean.FALSE;
            };
        }
        if (FLOAT.matcher(text).matches()) {
            return toFloat(text);
        }
        if (INT.matcher(text).matches()) {
            return toInt(text);
        }
        if (NULL.matcher(text).matches()) {
            return null;
        }
        if (TIMESTAMP.matcher(text).matches()) {
            return isoTimestamp(text);
        }
        return text;
    }

    /** A YAML timestamp as Ansible prints it (Python's {@code isoformat()} of the date or datetime PyYAML builds). */
    private static String isoTimestamp(String text) {
        Matcher m = TIMESTAMP_PARTS.matcher(text);
        if (!m.matches()) {
            return text;
        }
        String date =
                String.format("%s-%02d-%02d", m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        if (m.group(4) == null) {
            return date;
        }
        StringBuilder out = new StringBuilder(date)
                .append(String.format("T%02d:%s:%s", Integer.parseInt(m.group(4)), m.group(5), m.group(6)));
        String fraction = m.group(7);
        if (fraction != null && !fraction.isEmpty()) {
            String micros = (fraction + "000000").substring(0, 6);
            if (Integer.parseInt(micros) != 0) {
                out.append('.').append(micros);
            }
        }
        if (m.group(8) != null) {
            if (m.group(8).equals("Z")) {
                out.append("+00:00");
            } else {
                out.append(String.format(
                        "%s%02d:%s",
                        m.group(9), Integer.parseInt(m.group(10)), m.group(11) == null ? "00" : m.group(11)));
            }
        }
        return out.toString();
    }

    private static Object toFloat(String text) {
        String v = text.replace("_", "").toLowerCase();
        double sign = 1;
        if (v.startsWith("-")) {
            sign = -1;
            v = v.substring(1);
        } else if (v.startsWith("+")) {
            v = v.substring(1);
        }
        if (v.equals(".inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (v.equals(".nan")) {
            return Double.NaN;
        }
        if (v.contains(":")) {
            double value = 0;
            for (String part : v.split(":")) {
                value = value * 60 + Double.parseDouble(part);
            }
            return sign * value;
        }
        return sign * Double.parseDouble(v);
    }

    private static Object toInt(String text) {
        String v = text.replace("_", "");
        boolean negative = v.startsWith("-");
        if (v.startsWith("-") || v.startsWith("+")) {
            v = v.substring(1);
        }
        BigInteger value;
        if (v.equals("0")) {
            value = BigInteger.ZERO;
        } else if (v.startsWith("0b")) {
            value = new BigInteger(v.substring(2), 2);
        } else if (v.startsWith("0x")) {
            value = new BigInteger(v.substring(2), 16);
        } else if (v.startsWith("0")) {
            value = new BigInteger(v.substring(1).isEmpty() ? "0" : v.substring(1), 8);
        } else if (v.contains(":")) {
            value = BigInteger.ZERO;
            for (String part : v.split(":")) {
                value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
            }
        } else {
            value = new BigInteger(v);
        }
        if (negative) {
            value = value.negate();
        }
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }
}

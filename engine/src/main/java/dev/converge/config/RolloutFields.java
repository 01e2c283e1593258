package dev.converge.config;

import dev.converge.diag.Problems;
import dev.converge.model.Rollout;
import dev.converge.model.YamlValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a play's {@code serial:}, {@code max_fail_percentage:} and {@code any_errors_fatal:} (see {@link Rollout}). */
final class RolloutFields {
    private static final String SERIAL_HINT =
            "write a number of hosts (`serial: 2`), a percentage of the play's hosts (`serial: \"30%\"`)"
                    + " or a list of them, the last repeating (`serial: [1, 5, \"50%\"]`)";

    private RolloutFields() {}

    static Rollout read(YamlValue.Mapping play, Problems problems) {
        YamlValue serial = play.get("serial");
        List<Rollout.BatchSize> sizes = new ArrayList<>();
        if (serial != null) {
            List<YamlValue> items = serial instanceof YamlValue.Sequence seq ? seq.items() : List.of(serial);
            if (items.isEmpty()) {
                problems.add(serial.at(), "serial: is an empty list", SERIAL_HINT);
            }
            for (YamlValue item : items) {
                batchSize(item, problems).ifPresent(sizes::add);
            }
        }
        Integer maxFail = null;
        YamlValue limit = play.get("max_fail_percentage");
        if (limit != null) {
            maxFail = percentage(limit, problems);
        }
        boolean fatal = false;
        YamlValue any = play.get("any_errors_fatal");
        if (any != null) {
            if (any instanceof YamlValue.Scalar s && s.value() instanceof Boolean b) {
                fatal = b;
            } else {
                problems.add(
                        any.at(),
                        "any_errors_fatal: must be true or false, not " + any.kind(),
                        "write `any_errors_fatal: true`");
            }
        }
        return new Rollout(sizes, maxFail, fatal, serial != null ? serial.at() : play.at());
    }

    private static Optional<Rollout.BatchSize> batchSize(YamlValue item, Problems problems) {
        if (item instanceof YamlValue.Scalar s && (s.value() instanceof Integer || s.value() instanceof Long)) {
            long n = ((Number) s.value()).longValue();
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                problems.add(item.at(), "serial: " + n + " is not a number of hosts", SERIAL_HINT);
                return Optional.empty();
            }
            return Optional.of(new Rollout.BatchSize((int) n, false));
        }
        if (item instanceof YamlValue.Scalar s
                && s.value() instanceof String text
                && text.strip().matches("\\d{1,3}%")) {
            int pct = Integer.parseInt(text.strip().replace("%", ""));
            if (pct <= 100) {
                return Optional.of(new Rollout.BatchSize(pct, true));
            }
        }
        String shown = item instanceof YamlValue.Scalar s && s.value() != null ? "'" + s.text() + "'" : item.kind();
        problems.add(
                item.at(),
                "serial: " + shown + " is neither a number of hosts nor a percentage up to 100%",
                SERIAL_HINT);
        return Optional.empty();
    }

    private static Integer percentage(YamlValue value, Problems problems) {
        if (value instanceof YamlValue.Scalar s
                && (s.value() instanceof Integer || s.value() instanceof Long)
                && ((Number) s.value()).longValue() >= 0
                && ((Number) s.value()).longValue() <= 100) {
            return ((Number) s.value()).intValue();
        }
        if (value instanceof YamlValue.Scalar s
                && s.value() instanceof String text
                && text.strip().matches("\\d{1,3}%?")) {
            int n = Integer.parseInt(text.strip().replace("%", ""));
            if (n <= 100) {
                return n;
            }
        }
        problems.add(
                value.at(),
                "max_fail_percentage: must be a whole number from 0 to 100, not "
                        + (value instanceof YamlValue.Scalar s && s.value() != null
                                ? "'" + s.text() + "'"
                                : value.kind()),
                "write e.g. `max_fail_percentage: 30` (the run stops when more than 30% of a batch's hosts failed)");
        return null;
    }
}

package dev.converge.spi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a resource would do to a host. No operations means the resource is already converged.
 *
 * @param operations what apply does, in order
 * @param fields changed attributes for the report (file content diffs are computed by the engine)
 * @param warnings things the operator must know (e.g. a setting that opens the host)
 * @param converges whether the resource must plan as no-op after apply (false for commands
 *     without guards, which run every time by design)
 * @param predicted what the operations make the command facts they touch print (pyinfra's
 *     {@code create_fact}): the resources planned after this one read these, not the gathered
 *     output. Files need none: the engine predicts them from the file operations.
 */
public record Change(
        List<Operation> operations,
        List<FieldChange> fields,
        List<String> warnings,
        boolean converges,
        Map<Fact.CommandRun, CommandOutput> predicted) {

    public Change {
        operations = List.copyOf(operations);
        fields = List.copyOf(fields);
        warnings = List.copyOf(warnings);
        predicted = Map.copyOf(predicted);
    }

    public Change(List<Operation> operations, List<FieldChange> fields, List<String> warnings, boolean converges) {
        this(operations, fields, warnings, converges, Map.of());
    }

    /** Already in the desired state. */
    public static Change none() {
        return new Change(List.of(), List.of(), List.of(), true);
    }

    public static Change of(List<Operation> operations, List<FieldChange> fields) {
        return new Change(operations, fields, List.of(), true);
    }

    public boolean changed() {
        return !operations.isEmpty();
    }

    public Change withWarnings(List<String> more) {
        return new Change(
                operations,
                fields,
                Stream.concat(warnings.stream(), more.stream()).toList(),
                converges,
                predicted);
    }

    public Change nonConverging() {
        return new Change(operations, fields, warnings, false, predicted);
    }

    /** This change, stating that once applied the typed {@code fact} has {@code value}. */
    public <T> Change predicting(TypedFact<T> fact, T value) {
        return predicting(fact.fact(), fact.print(value));
    }

    /** This change, stating that once applied {@code fact} prints {@code output}. */
    public Change predicting(Fact.CommandRun fact, CommandOutput output) {
        Map<Fact.CommandRun, CommandOutput> more = new HashMap<>(predicted);
        more.put(fact, output);
        return new Change(operations, fields, warnings, converges, more);
    }

    /** One attribute that differs, e.g. {@code mode: 0644 -> 0600}. */
    public record FieldChange(String name, String before, String after) {}
}

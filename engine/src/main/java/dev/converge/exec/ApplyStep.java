package dev.converge.exec;

import dev.converge.bind.ResourceInstance.NodeKey;
import dev.converge.spi.Operation;
import java.util.List;

/**
 * One resource's operations inside an apply batch.
 *
 * @param dependsOn indexes of earlier steps of the same batch that must all succeed first
 * @param anyOf indexes of earlier steps of which at least one must succeed (a handler's notifiers
 *     in this batch); empty: no such condition
 * @param pendOnSuccess the pending-handler lines ({@link dev.converge.gather.PendingHandlers}) the
 *     host records when this step succeeds: the handlers it notifies
 * @param clearOnSuccess the lines removed when it succeeds: its own, for a handler
 */
record ApplyStep(
        NodeKey key,
        List<Operation> operations,
        List<Integer> dependsOn,
        List<Integer> anyOf,
        List<String> pendOnSuccess,
        List<String> clearOnSuccess) {
    ApplyStep {
        operations = List.copyOf(operations);
        dependsOn = List.copyOf(dependsOn);
        anyOf = List.copyOf(anyOf);
        pendOnSuccess = List.copyOf(pendOnSuccess);
        clearOnSuccess = List.copyOf(clearOnSuccess);
    }

    ApplyStep(NodeKey key, List<Operation> operations, List<Integer> dependsOn, List<Integer> anyOf) {
        this(key, operations, dependsOn, anyOf, List.of(), List.of());
    }

    ApplyStep(NodeKey key, List<Operation> operations, List<Integer> dependsOn) {
        this(key, operations, dependsOn, List.of());
    }
}

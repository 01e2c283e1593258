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
 */
record ApplyStep(NodeKey key, List<Operation> operations, List<Integer> dependsOn, List<Integer> anyOf) {
    ApplyStep {
        operations = List.copyOf(operations);
        dependsOn = List.copyOf(dependsOn);
        anyOf = List.copyOf(anyOf);
    }

    ApplyStep(NodeKey key, List<Operation> operations, List<Integer> dependsOn) {
        this(key, operations, dependsOn, List.of());
    }
}

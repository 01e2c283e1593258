package dev.converge.exec;

import dev.converge.engine.ResourceInstance.NodeKey;
import dev.converge.spi.Operation;
import java.util.List;

/**
 * One resource's operations inside an apply batch.
 *
 * @param dependsOn indexes of earlier steps of the same batch that must succeed first
 */
record ApplyStep(NodeKey key, List<Operation> operations, List<Integer> dependsOn) {
    ApplyStep {
        operations = List.copyOf(operations);
        dependsOn = List.copyOf(dependsOn);
    }
}

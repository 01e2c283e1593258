package dev.converge.spi;

import java.util.function.Function;

/**
 * A command fact with its parser beside it (pyinfra's {@code FactBase}: command and
 * {@code process}): what to run, what its output means, and what it prints for a given value (so
 * a change can predict it: {@link Change#predicting(TypedFact, Object)}). Modules declare
 * {@link #fact()} in {@link Module#facts} and read the value with {@link FactView#read}.
 *
 * @param parser the value of an output; throws {@link PlanFailure} when the output says the read failed
 * @param printer the output that gives a value (its inverse on the values it produces)
 */
public record TypedFact<T>(
        Fact.CommandRun fact, Function<CommandOutput, T> parser, Function<T, CommandOutput> printer) {

    public T parse(CommandOutput output) {
        return parser.apply(output);
    }

    public CommandOutput print(T value) {
        return printer.apply(value);
    }
}

package dev.converge.spi;

import java.util.List;

/**
 * The gathered facts of one host, as seen at this point of the plan: files reflect the edits of
 * the resources planned before this one (so edits of one file compose).
 */
public interface FactView {

    /** @throws UndeclaredFactException if the module did not name this fact */
    FileInfo file(String path);

    /** @throws UndeclaredFactException if the module did not name this fact */
    CommandOutput command(List<String> argv);

    /** A typed fact's value. @throws UndeclaredFactException if the module did not name its command */
    default <T> T read(TypedFact<T> fact) {
        return fact.parse(command(fact.fact()));
    }

    /**
     * A command fact, with standard input or a host-fact condition ({@link Fact.When}).
     * @throws UndeclaredFactException if the module did not name it
     * @throws UnreadableFactException if the host did not run it (its condition does not hold)
     */
    default CommandOutput command(Fact.CommandRun fact) {
        if (fact.input().isEmpty() && fact.when().always()) {
            return command(fact.argv());
        }
        throw new UndeclaredFactException(fact);
    }
}

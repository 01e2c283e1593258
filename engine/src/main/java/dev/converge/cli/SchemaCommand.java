package dev.converge.cli;

import dev.converge.bind.ModuleRegistry;
import dev.converge.schema.PlaybookSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code converge schema}: prints the playbook language's JSON Schema, from the registered modules. */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the JSON Schema of playbooks (draft-07), generated from the registered modules.",
            "Editors validate playbooks with it: java -jar converge.jar schema > playbook.schema.json"
        })
final class SchemaCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(PlaybookSchema.render(ModuleRegistry.discover()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}

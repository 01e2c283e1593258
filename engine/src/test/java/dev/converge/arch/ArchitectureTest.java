package dev.converge.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering rules of docs/architecture.md, checked on the compiled engine. */
class ArchitectureTest {
    private static JavaClasses engine;

    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.converge");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.converge.(**)").should().beFreeOfCycles().check(engine);
    }

    @Test
    void onlyTheCliAndTheReportersPrint() {
        // Trace is the benchmarks' timing trace (-Dconverge.trace=true), not output a user reads.
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.converge.cli..", "dev.converge.report..")
                .and()
                .doNotHaveFullyQualifiedName("dev.converge.diag.Trace")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .because("the engine never prints: reporters do")
                .check(engine);
    }

    @Test
    void theSpiDependsOnNothingButItself() {
        noClasses()
                .that()
                .resideInAPackage("dev.converge.spi..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.converge.run..",
                        "dev.converge.exec..",
                        "dev.converge.cli..",
                        "dev.converge.report..",
                        "dev.converge.transport..",
                        "dev.converge.bind..",
                        "dev.converge.plan..",
                        "dev.converge.config..")
                .check(engine);
    }

    @Test
    void theRunsInputsAreNotProcessState() {
        // TemplateLimits.time is the template time limit tests shorten; run.Interruption is process-wide (a signal is).
        fields().that()
                .areStatic()
                .and()
                .areDeclaredInClassesThat()
                .resideInAPackage("dev.converge..")
                .and()
                .areDeclaredInClassesThat()
                .doNotHaveFullyQualifiedName("dev.converge.config.TemplateLimits")
                .and()
                .areDeclaredInClassesThat()
                .doNotHaveFullyQualifiedName("dev.converge.run.Interruption")
                .should()
                .beFinal()
                .because("a run's vault and input files reach the loaders as values (config.RunInputs), "
                        + "so two runs in one JVM share nothing")
                .check(engine);
    }
}

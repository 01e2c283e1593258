package dev.converge.modules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.converge.modules.migration.nova.NovaMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The modules' side of docs/module-contract.md and docs/architecture.md, checked on the compiled modules. */
class ModulesArchitectureTest {
    private static JavaClasses modules;

    @BeforeAll
    static void importModules() {
        modules = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.converge.modules");
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.converge.modules.(**)").should().beFreeOfCycles().check(modules);
    }

    /**
     * A module never prints: the engine's reporters do. The one exception is the nova driver's
     * helper, a process of its own whose output the engine reads as a command's.
     */
    @Test
    void modulesDoNotPrintButTheNovaHelperProcess() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName(NovaMain.class.getName())
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .because("modules never print: reporters do (NovaMain is a separate process's main)")
                .check(modules);
    }

    /**
     * Modules see the engine only through its SPI ({@code dev.converge.spi}): no binder, planner,
     * transport, secret store or reporter; besides it, the JDK and Jackson (parameter records and
     * the nova driver's JSON).
     */
    @Test
    void modulesDependOnTheSpiTheJdkAndJacksonOnly() {
        classes()
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.converge.spi..", "dev.converge.modules..", "java..", "com.fasterxml.jackson..")
                .because("a module is found by ServiceLoader and sees the engine only through dev.converge.spi")
                .check(modules);
    }
}

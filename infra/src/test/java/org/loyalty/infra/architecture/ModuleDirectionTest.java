package org.loyalty.infra.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module direction of ../shared/DESIGN.md: api <- loyalty-rules <- command-side; api <- query-side;
 * infra on top. Maven already forbids the upward imports; this also keeps frameworks out of the core.
 */
class ModuleDirectionTest {

    static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.loyalty");
    }

    @Test
    void theApiContractDependsOnNoFrameworkAndNoOtherModule() {
        noClasses().that().resideInAPackage("org.loyalty.api..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.axonframework..", "reactor..", "jakarta.persistence..",
                        "org.loyalty.rules..", "org.loyalty.command..", "org.loyalty.query..", "org.loyalty.infra..")
                .check(classes);
    }

    @Test
    void loyaltyRulesArePureJavaOnTheApi() {
        noClasses().that().resideInAPackage("org.loyalty.rules..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.axonframework..", "reactor..",
                        "org.loyalty.command..", "org.loyalty.query..", "org.loyalty.infra..")
                .check(classes);
    }

    @Test
    void theCommandSideKnowsNothingOfTheQuerySideOrTheApplication() {
        noClasses().that().resideInAPackage("org.loyalty.command..")
                .should().dependOnClassesThat().resideInAnyPackage("org.loyalty.query..", "org.loyalty.infra..")
                .check(classes);
    }

    @Test
    void theQuerySideKnowsNothingOfTheCommandSideTheRulesOrTheApplication() {
        noClasses().that().resideInAPackage("org.loyalty.query..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.loyalty.command..", "org.loyalty.rules..", "org.loyalty.infra..")
                .check(classes);
    }

    @Test
    void theCoreModulesNeverUseSpringBoot() {
        noClasses().that().resideInAnyPackage("org.loyalty.api..", "org.loyalty.rules..", "org.loyalty.command..", "org.loyalty.query..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.boot..")
                .check(classes);
    }
}

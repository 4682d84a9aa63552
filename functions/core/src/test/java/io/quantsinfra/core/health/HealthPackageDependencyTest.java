package io.quantsinfra.core.health;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class HealthPackageDependencyTest {

    @Test
    void healthPackage_importsNeitherTheAwsSdkNorMicronaut() {
        var classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.quantsinfra.core.health");

        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "io.micronaut..", "com.fasterxml..")
                .check(classes);
    }
}

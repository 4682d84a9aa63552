package io.quantsinfra.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** House rule 1: the domain knows nothing of AWS or HTTP frameworks; adapters depend on it, never the reverse. */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.quantsinfra.core");

    @Test
    void core_importsNoAwsSdk() {
        noClasses().should().dependOnClassesThat().resideInAPackage("software.amazon..")
                .because("core holds the domain; AWS lives in functions/aws").check(CORE);
    }

    @Test
    void core_importsNoMicronautHttpOrMicronautAtAll() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "com.amazonaws..")
                .because("core is plain Java; controllers and handlers live in functions/api").check(CORE);
    }

    @Test
    void core_importsNoJsonOrYamlLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "org.yaml..")
                .because("documents reach core as maps and lists; parsing happens at the edges").check(CORE);
    }

    @Test
    void core_importsNoMetricsLibrary() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
                .because("core reports to the Telemetry port; micrometer and CloudWatch live in the adapters").check(CORE);
    }

    @Test
    void core_dependsOnNoAdapterModule() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.quantsinfra.aws..", "io.quantsinfra.api..",
                "io.quantsinfra.cli..").check(CORE);
    }
}

package org.neuronworkbench.export;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The export package is a leaf: others may use it, it uses no other project package but the work room (atomic writes). */
class ExportPackagePurityTest {

    @Test
    void dependsOnlyOnTheJdkJavaFxAndTheWorkRoom() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.neuronworkbench.export");
        classes().that().resideInAPackage("org.neuronworkbench.export..")
                .should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.neuronworkbench.export..", "org.neuronworkbench.work..", "java..", "javax..", "javafx..")
                .check(main);
    }
}

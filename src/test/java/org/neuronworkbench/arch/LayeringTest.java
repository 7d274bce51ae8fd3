package org.neuronworkbench.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The rooms of ARCHITECTURE.md: dependencies point inward only. */
@AnalyzeClasses(packages = "org.neuronworkbench", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Work").definedBy("org.neuronworkbench.work..")
            .layer("Model").definedBy("org.neuronworkbench.model..")
            .layer("Corpus").definedBy("org.neuronworkbench.corpus..")
            .layer("Index").definedBy("org.neuronworkbench.index..")
            .layer("Analysis").definedBy("org.neuronworkbench.analysis..")
            .layer("Export").definedBy("org.neuronworkbench.export..")
            .layer("Cli").definedBy("org.neuronworkbench.cli..")
            .layer("Ui").definedBy("org.neuronworkbench.ui..")
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("Ui")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Analysis").mayOnlyBeAccessedByLayers("Cli", "Ui")
            .whereLayer("Export").mayOnlyBeAccessedByLayers("Cli", "Ui")
            .whereLayer("Index").mayOnlyBeAccessedByLayers("Analysis", "Cli", "Ui")
            .whereLayer("Corpus").mayOnlyBeAccessedByLayers("Index", "Analysis", "Cli", "Ui")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Corpus", "Index", "Analysis", "Cli", "Ui")
            .whereLayer("Work").mayOnlyBeAccessedByLayers("Model", "Corpus", "Index", "Analysis", "Export", "Cli", "Ui");

    @ArchTest
    static final ArchRule noJavaFxBelowTheUi = noClasses()
            .that().resideInAnyPackage("org.neuronworkbench.work..", "org.neuronworkbench.model..", "org.neuronworkbench.corpus..",
                    "org.neuronworkbench.index..", "org.neuronworkbench.analysis..", "org.neuronworkbench.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule exportIsPure = noClasses()
            .that().resideInAPackage("org.neuronworkbench.export..")
            .should().dependOnClassesThat().resideInAnyPackage("org.neuronworkbench.model..",
                    "org.neuronworkbench.corpus..", "org.neuronworkbench.index..", "org.neuronworkbench.analysis..")
            .allowEmptyShould(true);
}

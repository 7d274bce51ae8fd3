package org.neuronworkbench.arch;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of ARCHITECTURE.md, one for each sentence there: the rooms table, JavaFX only in the
 * ui (and in the export classes marked {@link LayeringException}), export a leaf, panes
 * independent of each other, and no cycles between packages.
 */
@AnalyzeClasses(packages = "org.neuronworkbench", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    private static final String UI = "org.neuronworkbench.ui..";

    /** The rooms table: each room uses only the rooms its row lists; all may use arch and work. */
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true)
            .layer("Arch").definedBy("org.neuronworkbench.arch..")
            .layer("Work").definedBy("org.neuronworkbench.work..")
            .layer("Model").definedBy("org.neuronworkbench.model..")
            .layer("Corpus").definedBy("org.neuronworkbench.corpus..")
            .layer("Index").definedBy("org.neuronworkbench.index..")
            .layer("Analysis").definedBy("org.neuronworkbench.analysis..")
            .layer("Export").definedBy("org.neuronworkbench.export..")
            .layer("Cli").definedBy("org.neuronworkbench.cli..")
            .layer("Ui").definedBy(UI)
            .layer("Spark").definedBy("org.neuronworkbench.spark..")
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("Ui")
            .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("Spark").mayNotBeAccessedByAnyLayer()
            .whereLayer("Analysis").mayOnlyBeAccessedByLayers("Cli", "Ui")
            .whereLayer("Export").mayOnlyBeAccessedByLayers("Cli", "Ui")
            .whereLayer("Index").mayOnlyBeAccessedByLayers("Analysis", "Cli", "Ui", "Spark")
            .whereLayer("Corpus").mayOnlyBeAccessedByLayers("Index", "Analysis", "Cli", "Ui", "Spark")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Corpus", "Index", "Analysis", "Cli", "Ui", "Spark")
            .whereLayer("Work").mayOnlyBeAccessedByLayers("Model", "Corpus", "Index", "Analysis", "Export", "Cli", "Ui", "Spark")
            .whereLayer("Arch").mayOnlyBeAccessedByLayers("Work", "Model", "Corpus", "Index", "Analysis", "Export", "Cli", "Ui", "Spark");

    /**
     * Spark and the Hadoop client it brings (provided dependencies, absent from the app) are used
     * only in the spark room: the corpus room reads other file systems through {@code CorpusFiles}.
     */
    @ArchTest
    static final ArchRule sparkOnlyInTheSparkRoom = noClasses()
            .that().resideOutsideOfPackages("org.neuronworkbench.spark..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..", "org.apache.hadoop..");

    /** Nothing below the ui imports JavaFX, except export classes marked with a reason. */
    @ArchTest
    static final ArchRule noJavaFxBelowTheUi = noClasses()
            .that().resideOutsideOfPackages(UI)
            .and().areNotAnnotatedWith(LayeringException.class)
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    /** The one exception is in export: nowhere else may a class opt out. */
    @ArchTest
    static final ArchRule exceptionsOnlyInExport = classes()
            .that().areAnnotatedWith(LayeringException.class)
            .should().resideInAPackage("org.neuronworkbench.export..")
            .allowEmptyShould(true);

    /** export is a leaf: tokens and numbers in, files out (through work's atomic writer); no other room of ours. */
    @ArchTest
    static final ArchRule exportIsALeaf = classes()
            .that().resideInAPackage("org.neuronworkbench.export..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.neuronworkbench.export..",
                    "org.neuronworkbench.arch..", "org.neuronworkbench.work..", "java..", "javax..", "javafx..");

    /** Panes use only ui.common (and lower rooms); the shell, which lists them, may use them all. */
    @ArchTest
    static final ArchRule panesDoNotDependOnEachOther = slices().matching("org.neuronworkbench.ui.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(resideInAPackage("org.neuronworkbench.ui.shell.."), DescribedPredicate.alwaysTrue())
            .ignoreDependency(DescribedPredicate.alwaysTrue(), resideInAPackage("org.neuronworkbench.ui.common.."));

    /** No cycles between rooms (a room with its sub-packages is one slice). */
    @ArchTest
    static final ArchRule noCyclesBetweenRooms = slices().matching("org.neuronworkbench.(*)..").should().beFreeOfCycles();

    /**
     * No cycles between packages. The one known exception: inside the model room, {@code model} and
     * its sub-packages (model.arch, model.weights, model.hf, model.onnx, model.tokenizer) still use
     * each other both ways (ModelConfig and Token live at the top, the runner uses the loaders);
     * see ARCHITECTURE.md.
     */
    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("org.neuronworkbench.(**)").should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("org.neuronworkbench.model.."), resideInAPackage("org.neuronworkbench.model.."));
}

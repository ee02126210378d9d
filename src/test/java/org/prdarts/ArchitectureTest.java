package org.prdarts;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction of imports between the packages: cli on top, imported by nobody; the experiments
 * (study, theory), the views (report) and the bridges (export, katib) above search and train; those
 * above the supernet; the supernet above the search space; data, optim and repro at the bottom,
 * usable by all; below them the engine workarounds, which import only DJL. A lower package that imports a higher one fails here, naming the class and the
 * dependency.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.prdarts");

    @Test
    void importsPointDownward() {
        Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("org.prdarts.cli..")
                .layer("study").definedBy("org.prdarts.study..")
                .layer("report").definedBy("org.prdarts.report..")
                .layer("export").definedBy("org.prdarts.export..")
                .layer("katib").definedBy("org.prdarts.katib..")
                .layer("theory").definedBy("org.prdarts.theory..")
                .layer("search").definedBy("org.prdarts.search..")
                .layer("train").definedBy("org.prdarts.train..")
                .layer("supernet").definedBy("org.prdarts.supernet..")
                .layer("space").definedBy("org.prdarts.space..")
                .layer("data").definedBy("org.prdarts.data..")
                .layer("optim").definedBy("org.prdarts.optim..")
                .layer("repro").definedBy("org.prdarts.repro..")
                .layer("engine").definedBy("org.prdarts.engine..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("study").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("export").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "study")
                .whereLayer("katib").mayOnlyBeAccessedByLayers("cli", "study")
                .whereLayer("theory").mayOnlyBeAccessedByLayers("cli", "study")
                .whereLayer("search").mayOnlyBeAccessedByLayers("cli", "study", "report")
                .whereLayer("train").mayOnlyBeAccessedByLayers("cli", "study", "report", "export")
                .whereLayer("supernet").mayOnlyBeAccessedByLayers("cli", "study", "report", "export", "search",
                        "train")
                .whereLayer("space").mayOnlyBeAccessedByLayers("cli", "study", "report", "export", "search",
                        "train", "supernet")
                .whereLayer("data").mayOnlyBeAccessedByLayers("cli", "study", "report", "export", "katib",
                        "theory", "search", "train", "supernet", "space")
                .whereLayer("optim").mayOnlyBeAccessedByLayers("cli", "study", "report", "export", "katib",
                        "theory", "search", "train", "supernet", "space")
                .check(CLASSES);
    }

    @Test
    void engineWorkaroundsImportOnlyTheEngine() {
        classes().that().resideInAPackage("org.prdarts.engine..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("org.prdarts.engine..", "ai.djl..", "java..").check(CLASSES);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.prdarts.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}

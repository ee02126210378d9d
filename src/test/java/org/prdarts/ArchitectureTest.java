package org.prdarts;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The direction of imports between the packages: cli on top, imported by nobody; the experiments
 * (study, theory), the views (report) and the bridges (export, katib) above search and train; those
 * above the supernet; the supernet above the search space; data, optim and repro at the bottom,
 * usable by all; below them the engine workarounds, which import only DJL. A lower package that
 * imports a higher one fails here, naming the class and the dependency, and so does a package
 * whose package-info leaves out a package it imports.
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
                .layer("host").definedBy("org.prdarts.host..")
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

    /** Every package, sub-packages included: a cycle between search and search.reg fails too. */
    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.prdarts.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * Each top-level package's package-info says which packages it imports ("Imports only data,
     * repro and engine.", "Imports no other package of the project.", "Imports any package."),
     * sub-packages included; a dependency the sentence does not name fails here.
     */
    @Test
    void packageInfosSayWhatTheirPackagesImport() throws IOException {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (JavaClass c : CLASSES) {
            String from = topLevel(c.getPackageName());
            if (from == null) {
                continue;
            }
            Set<String> targets = actual.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = topLevel(d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : actual.entrySet()) {
            Path info = SOURCES.resolve(e.getKey()).resolve("package-info.java");
            Optional<Claim> claimed = claimedImports(Files.readString(info));
            if (claimed.isEmpty()) {
                wrong.add(e.getKey() + ": its package-info says nothing of what it imports");
            } else if (!claimed.get().allows(e.getValue())) {
                Set<String> extra = new TreeSet<>(e.getValue());
                extra.removeAll(claimed.get().packages());
                wrong.add(e.getKey() + " imports " + extra + ", which its package-info does not name");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void claimsAreReadAcrossLines() {
        assertEquals(Optional.of(new Claim(false, Set.of("data", "repro", "engine"))),
                claimedImports("/**\n * Things. Imports only data,\n * repro and engine; imported by cli.\n */"));
        assertEquals(Optional.empty(), claimedImports("/** May import anything. */"));
    }

    private static final Path SOURCES = Path.of("src/main/java/org/prdarts");
    private static final Pattern CLAIM = Pattern.compile(
            "Imports (only ([a-z, ]+)[.;]|no other package of the project|any package)");

    /** What a package-info says its package imports: any package, or the ones named. */
    record Claim(boolean any, Set<String> packages) {
        boolean allows(Set<String> imported) {
            return any || packages.containsAll(imported);
        }
    }

    /** The claim of a package-info; empty where it has no such sentence. */
    static Optional<Claim> claimedImports(String packageInfo) {
        Matcher m = CLAIM.matcher(packageInfo.replaceAll("\\s*\\n\\s*\\*\\s*", " "));
        if (!m.find()) {
            return Optional.empty();
        }
        if (m.group(1).equals("any package")) {
            return Optional.of(new Claim(true, Set.of()));
        }
        Set<String> names = new TreeSet<>();
        if (m.group(2) != null) {
            for (String s : m.group(2).split(",\\s*|\\s+and\\s+")) {
                names.add(s.strip());
            }
        }
        return Optional.of(new Claim(false, names));
    }

    /** "search" for org.prdarts.search.reg; null outside the project. */
    private static String topLevel(String packageName) {
        if (!packageName.startsWith("org.prdarts.")) {
            return null;
        }
        String rest = packageName.substring("org.prdarts.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}

package org.prdarts.report;

import org.prdarts.repro.AtomicFiles;
import org.prdarts.space.Genotype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes the report of a run directory: {@value #FILE} (one self-contained page, see {@link Page}),
 * and for a search or training run its cells as {@value #NORMAL_SVG}, {@value #REDUCE_SVG} and
 * Graphviz {@value #CELLS_DOT}. Reads only the run's files, so a report can be rebuilt at any time,
 * also from a run that was interrupted.
 *
 * <pre>{@code
 * Path page = Reports.write(Path.of("runs/20261127-190000-prdarts"));
 * }</pre>
 */
public final class Reports {
    public static final String FILE = "report.html";
    public static final String NORMAL_SVG = "normal.svg";
    public static final String REDUCE_SVG = "reduce.svg";
    public static final String CELLS_DOT = "cells.dot";

    private Reports() {
    }

    /**
     * Writes the report of a search, training or comparison directory into it (for a comparison
     * directory, every run's report too).
     *
     * @return the path of {@value #FILE}
     * @throws ReportException when the directory is not a run directory or a file in it is malformed
     */
    public static Path write(Path dir) {
        RunFiles run = RunFiles.read(dir);
        if (run.kind() == RunFiles.Kind.COMPARE) {
            for (Path sub : RunFiles.runDirectories(dir)) {
                writeRun(RunFiles.read(sub));
            }
            return writeComparisonPage(dir);
        }
        return writeRun(run);
    }

    /**
     * Writes only the page of a comparison directory (not its runs' reports): the cheap update
     * while a comparison is running.
     */
    public static Path writeComparisonPage(Path dir) {
        List<RunFiles> runs = new ArrayList<>();
        for (Path sub : RunFiles.runDirectories(dir)) {
            runs.add(RunFiles.read(sub));
        }
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        return writePage(dir.resolve(FILE), ComparisonReport.html("Comparison: " + name, runs, dir));
    }

    /**
     * One comparison page over several run directories (a comparison directory stands for its
     * runs), written to {@code out}; every run's own report is rewritten so the page's links work.
     */
    public static Path compare(List<Path> dirs, Path out) {
        List<RunFiles> runs = new ArrayList<>();
        for (Path dir : dirs) {
            RunFiles run = RunFiles.read(dir);
            List<Path> members = run.kind() == RunFiles.Kind.COMPARE ? RunFiles.runDirectories(dir) : List.of(dir);
            for (Path m : members) {
                RunFiles r = RunFiles.read(m);
                writeRun(r);
                runs.add(r);
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        return writePage(out, ComparisonReport.html("Comparison of " + runs.size() + " runs", runs, parent));
    }

    private static Path writeRun(RunFiles run) {
        Path dir = run.dir();
        Optional<Genotype> g = run.genotype();
        try {
            if (g.isPresent()) {
                AtomicFiles.writeString(dir.resolve(NORMAL_SVG), svgFile(CellDiagram.of(g.get(), false).svg("normal")));
                AtomicFiles.writeString(dir.resolve(REDUCE_SVG), svgFile(CellDiagram.of(g.get(), true).svg("reduce")));
                AtomicFiles.writeString(dir.resolve(CELLS_DOT), CellDiagram.dot(g.get()));
            }
        } catch (IOException e) {
            throw new org.prdarts.repro.RunIOException(e.getMessage(), e);
        }
        return writePage(dir.resolve(FILE), RunReport.html(run, dir));
    }

    /** An SVG element as a standalone file. */
    public static String svgFile(String svg) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg + "\n";
    }

    private static Path writePage(Path file, String html) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.writeString(file, html);
            return file;
        } catch (IOException e) {
            throw new org.prdarts.repro.RunIOException(e.getMessage(), e);
        }
    }
}

package org.prdarts.cli;

import org.prdarts.report.CellDiagram;
import org.prdarts.report.Charts;
import org.prdarts.report.Reports;
import org.prdarts.repro.AtomicFiles;
import org.prdarts.space.Genotype;
import org.prdarts.space.Genotypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** `prdarts draw`: a genotype's cells as an SVG diagram (and a PNG or a Graphviz file). */
@Command(name = "draw", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw the cells of a genotype in the DARTS style as SVG (no Graphviz needed); "
                + "an --out ending in .dot writes the Graphviz source instead.")
final class DrawCommand implements Callable<Integer> {

    @Option(names = "--genotype", required = true, description = "A published name (DARTS_V1, DARTS_V2, PRDARTS), "
            + "a .json/.txt file, a run directory, or DARTS notation.")
    String genotype;

    @Option(names = "--out", defaultValue = "cell.svg", description = "Output file. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--cell", defaultValue = "both", description = "normal, reduce or both (one below the "
            + "other). Default: ${DEFAULT-VALUE}.")
    String cell;

    @Option(names = "--png", description = "Also write a PNG beside the SVG (same name, .png), at twice the size.")
    boolean png;

    @Override
    public Integer call() throws IOException {
        if (!List.of("normal", "reduce", "both").contains(cell)) {
            throw new IllegalArgumentException("--cell must be normal, reduce or both, found '" + cell + "'");
        }
        Genotype g = Genotypes.resolve(genotype);
        JsonOutput.requireWritable(out);
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".dot")) {
            AtomicFiles.writeString(out, CellDiagram.dot(g));
            System.out.println("written: " + out);
            return 0;
        }
        List<CellDiagram> diagrams = new ArrayList<>();
        if (!cell.equals("reduce")) {
            diagrams.add(CellDiagram.of(g, false));
        }
        if (!cell.equals("normal")) {
            diagrams.add(CellDiagram.of(g, true));
        }
        AtomicFiles.writeString(out, Reports.svgFile(CellDiagram.svg(diagrams, "cells")));
        System.out.println("written: " + out);
        if (png) {
            String base = out.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            Path file = out.resolveSibling(base + ".png");
            Charts.writePng(CellDiagram.image(diagrams, 2), file);
            System.out.println("written: " + file);
        }
        return 0;
    }
}

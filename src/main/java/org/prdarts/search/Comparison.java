package org.prdarts.search;

import org.prdarts.repro.AtomicFiles;
import org.prdarts.repro.Json;
import org.prdarts.repro.RunIOException;
import org.prdarts.space.CellAgreement;
import org.prdarts.space.CellStats;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeFormat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * DARTS and PR-DARTS side by side on the same data, budget and seeds: the table that shows, on a
 * user's own data, whether a softmax search collapses to skip connections and the gated one does not.
 */
public final class Comparison {

    /** Builds the job of one (method, seed) run. */
    @FunctionalInterface
    public interface JobFactory {
        SearchJob job(String method, long seed, Path runDir);
    }

    /** Makes a progress listener for one run; it is closed after the run. */
    @FunctionalInterface
    public interface ListenerFactory {
        SearchListener listener(String method, long seed);
    }

    /**
     * One row of the table.
     *
     * @param parametricDepthNormal convolutions on the longest path through the derived normal cell
     * @param nodeDepthNormal       intermediate nodes on its longest chain, skips included
     * @param validAcc              the last epoch's architecture-step accuracy (the method's own supernet)
     * @param derivedHeldOutAcc     the last epoch's derived cell's discrete network on the held-out half,
     *                              eval-mode BatchNorm: the accuracy comparable across methods
     */
    public record Row(String method, long seed, String genotype, int skipNormal, int skipReduce,
                      int parametricDepthNormal, int parametricDepthReduce, int nodeDepthNormal,
                      double validAcc, double derivedHeldOutAcc, double seconds, Path runDir) {
    }

    /**
     * How much one method's derived cells agree across seeds: the mean share of (node, input, op)
     * pairs held in common by two seeds' cells ({@link CellAgreement}), beside what two random cells
     * of the space share.
     *
     * @param seeds  the seeds of the method that have finished
     * @param normal mean pairwise agreement of the normal cells, NaN with fewer than 2 seeds
     * @param reduce the same of the reduction cells
     * @param chance expected agreement of two uniformly random cells of the space
     */
    public record Agreement(String method, int seeds, double normal, double reduce, double chance) {
    }

    /**
     * The table, rendered.
     *
     * @param ops    the candidate operations of the runs, for the chance level of agreement
     * @param budget how the methods shared compute
     */
    public record Result(List<Row> rows, List<String> ops, Budget budget) {

        /** Cross-seed agreement of every method, in the order the methods first appear. */
        public List<Agreement> agreement() {
            List<Agreement> out = new ArrayList<>();
            List<String> methods = rows.stream().map(Row::method).distinct().toList();
            for (String m : methods) {
                List<Genotype> cells = rows.stream().filter(r -> r.method().equals(m))
                        .map(r -> GenotypeFormat.parse(r.genotype())).toList();
                out.add(new Agreement(m, cells.size(), CellAgreement.meanPairwise(cells.stream()
                        .map(Genotype::normal).toList()), CellAgreement.meanPairwise(cells.stream()
                        .map(Genotype::reduce).toList()), CellAgreement.chance(cells.get(0).nodes(), ops)));
            }
            return out;
        }

        public String markdown() {
            StringBuilder sb = new StringBuilder("Budget: " + budget.label() + (budget == Budget.PAPER_RATIO
                    ? " (PR-DARTS ran 4 x the epochs of DARTS)" : " (every method ran the same epochs)") + ".\n\n");
            sb.append("| method | seed | skip (normal) | skip (reduce) | parametric depth (normal) | "
                    + "parametric depth (reduce) | node depth (normal) | derived cell held-out acc | "
                    + "architecture-step acc | search s | normal cell |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %.2f%% | %.2f%% | %.0f | %s |%n",
                        r.method(), r.seed(), r.skipNormal(), r.skipReduce(), r.parametricDepthNormal(),
                        r.parametricDepthReduce(), r.nodeDepthNormal(), 100 * r.derivedHeldOutAcc(),
                        100 * r.validAcc(), r.seconds(), normalCell(r.genotype())));
            }
            sb.append("\nAgreement across seeds: mean share of (node, input, op) pairs two seeds' cells hold in "
                    + "common; chance = two random cells of the space.\n\n"
                    + "| method | seeds | normal | reduce | chance |\n|---|---|---|---|---|\n");
            for (Agreement a : agreement()) {
                sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f |%n", a.method(), a.seeds(),
                        a.normal(), a.reduce(), a.chance()));
            }
            return sb.toString();
        }

        public String csv() {
            StringBuilder sb = new StringBuilder(
                    "method,seed,skip_normal,skip_reduce,parametric_depth_normal,parametric_depth_reduce,"
                    + "node_depth_normal,valid_acc,derived_held_out_acc,search_seconds,genotype,run_dir\n");
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d,%d,%d,%.6f,%.6f,%.1f,\"%s\",%s%n", r.method(),
                        r.seed(), r.skipNormal(), r.skipReduce(), r.parametricDepthNormal(), r.parametricDepthReduce(),
                        r.nodeDepthNormal(), r.validAcc(), r.derivedHeldOutAcc(), r.seconds(),
                        r.genotype().replace("\"", "\"\""), r.runDir()));
            }
            return sb.toString();
        }

        private static String normalCell(String genotype) {
            int a = genotype.indexOf("normal=[");
            int b = genotype.indexOf("]", a);
            return a < 0 || b < 0 ? genotype : genotype.substring(a + 7, b + 1);
        }
    }

    private Comparison() {
    }

    /** Runs every method for every seed, writing compare.md/.csv/.json into dir. */
    public static Result run(Path dir, List<String> methods, List<Long> seeds, JobFactory jobs,
                             ListenerFactory listeners, List<String> commandLine) {
        return run(dir, methods, seeds, Budget.EQUAL_EPOCHS, jobs, 0, listeners, commandLine);
    }

    /**
     * Runs every method for every seed, writing compare.md/.csv/.json into dir; every run's memory
     * estimate is checked against maxMemoryBytes (0 = what the system has available) before the
     * first one starts.
     */
    public static Result run(Path dir, List<String> methods, List<Long> seeds, Budget budget, JobFactory jobs,
                             long maxMemoryBytes, ListenerFactory listeners, List<String> commandLine) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds must list at least one seed, found none");
        }
        for (String m : methods) {
            Method.parse("methods", m);
        }
        // build every job first so a bad option fails before any run starts
        Map<String, SearchJob> planned = new LinkedHashMap<>();
        for (long seed : seeds) {
            for (String method : methods) {
                planned.put(method + "-seed" + seed, jobs.job(method, seed, dir.resolve(method + "-seed" + seed)));
            }
        }
        for (SearchJob job : planned.values()) {
            Search.estimate(job).require(maxMemoryBytes, job.search().method() + " search of seed "
                    + job.search().seed(), SearchMemory.suggestion(job.search().method(), job.search().gates().mode()));
        }
        if (Files.exists(dir) && !isEmptyDir(dir)) {
            throw new IllegalArgumentException("comparison directory " + dir + " already holds files; choose another --out");
        }
        List<Row> rows = new ArrayList<>();
        for (SearchJob job : planned.values()) {
            String method = job.search().method().label();
            long seed = job.search().seed();
            SearchListener listener = listeners.listener(method, seed);
            SearchResult r;
            try {
                r = Search.runs().run(job, maxMemoryBytes, listener, commandLine);
            } finally {
                if (listener instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
            }
            rows.add(new Row(method, seed, GenotypeFormat.format(r.genotype()),
                    CellStats.skipCount(r.genotype().normal()), CellStats.skipCount(r.genotype().reduce()),
                    CellStats.parametricDepth(r.genotype().normal()), CellStats.parametricDepth(r.genotype().reduce()),
                    CellStats.nodeDepth(r.genotype().normal()), r.last().validAcc(), r.last().derivedHeldOutAcc(),
                    r.seconds(),
                    r.runDir()));
            write(dir, new Result(rows, job.ops(), budget));
        }
        return new Result(rows, planned.values().iterator().next().ops(), budget);
    }

    private static void write(Path dir, Result result) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeString(dir.resolve("compare.md"), result.markdown());
            AtomicFiles.writeString(dir.resolve("compare.csv"), result.csv());
            AtomicFiles.writeString(dir.resolve("compare.json"), Json.toPrettyJson(result.rows()) + "\n");
            AtomicFiles.writeString(dir.resolve("agreement.json"), Json.toPrettyJson(result.agreement()) + "\n");
        } catch (IOException e) {
            // the runs are complete and kept: only the table is missing
            throw new RunIOException(e.getMessage() + "; the runs in " + dir + " are complete", e);
        }
    }

    private static boolean isEmptyDir(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}

package org.prdarts.search;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.data.DataConfig;
import org.prdarts.repro.Checkpoint;
import org.prdarts.space.CellStats;
import org.prdarts.space.Genotype;
import org.prdarts.space.GenotypeJson;
import org.prdarts.space.GenotypeValidator;
import org.prdarts.space.ops.Primitives;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seconds-long end-to-end searches on synthetic 8x8 images with a tiny supernet. */
class SearchSmokeTest {

    static SearchJob tinyJob(String method, Path out) {
        return tinyJob(method, out, 0);
    }

    static SearchJob tinyJob(String method, Path out, int threads) {
        DataConfig data = DataConfig.defaults("synthetic").withSubset(64).withImage(1, 8);
        SearchConfig sc = SearchConfig.defaults(Method.parse("method", method), 2, 16, 7);
        return new SearchJob("test", data, 4, 3, 2, Primitives.DARTS, sc, "cpu", threads, out);
    }

    @Test
    void dartsSearchWritesRunDirectoryAndIsReproducible(@TempDir Path dir) throws Exception {
        // bitwise equal only with the thread count pinned: reductions split over threads round differently
        SearchResult a = Search.run(tinyJob("darts", dir.resolve("a"), 1));
        SearchResult b = Search.run(tinyJob("darts", dir.resolve("b"), 1));
        Genotype g = a.genotype();
        GenotypeValidator.validate(g);
        assertEquals(4, g.normal().size());
        for (String f : List.of("config.json", "manifest.json", "metrics.jsonl", "genotype.json", "genotype.txt")) {
            assertTrue(Files.isRegularFile(a.runDir().resolve(f)), f);
        }
        assertEquals(g, GenotypeJson.read(a.runDir().resolve("genotype.json")));
        assertEquals(2, Files.readAllLines(a.runDir().resolve("metrics.jsonl")).size());
        assertEquals(a.genotype(), b.genotype());
        for (int e = 0; e < 2; e++) {
            SearchEpoch ra = a.history().get(e);
            SearchEpoch rb = b.history().get(e);
            assertEquals(ra.trainLoss(), rb.trainLoss());
            assertEquals(ra.validLoss(), rb.validLoss());
        }
        assertEquals(CellStats.skipCount(g.normal()), a.last().facts().skipNormal());
    }

    @Test
    void prdartsSearchRuns(@TempDir Path dir) {
        SearchResult r = Search.run(tinyJob("prdarts", dir.resolve("p")));
        GenotypeValidator.validate(r.genotype());
        SearchEpoch.PrDartsFacts last = (SearchEpoch.PrDartsFacts) r.last().facts();
        assertEquals(0.1, last.tau(), 1e-12);
        assertTrue(last.regularizers().containsKey("skip"));
    }

    @Test
    void architectureLearningRateFollowsTheBudgetAndDecidednessIsReported(@TempDir Path dir) {
        SearchResult r = Search.run(tinyJob("prdarts", dir.resolve("p")));
        // 64 images, half for each step kind, batch 16: 2 steps per epoch, 2 epochs
        SearchConfig sc = SearchConfig.defaults(Method.PRDARTS, 2, 16, 7);
        assertEquals(sc.arch().reach() / 4, r.last().architecture().archLr(), 1e-12);
        assertEquals(ArchOptimizerConfig.DEFAULT_LR, sc.archLrFor(1_000_000), 1e-15);
        assertEquals(sc.arch().lr(), sc.withArch(sc.arch().withLr(sc.arch().lr())).archLrFor(4), 1e-15);
        SearchEpoch.Architecture last = r.last().architecture();
        assertEquals(2, last.marginsNormal().length);
        assertEquals(5, last.entropyReduce().length);
        assertEquals(r.normalDecidedness().noise(), last.archNoise(), 1e-12);
        assertEquals(r.normalDecidedness().decidedNodes(), last.decidedNodesNormal());
        // 4 Adam steps at lr 1.5 from a 1e-3 start: noise sqrt(2 * (1e-6 + 2.25 * 4))
        assertEquals(Math.sqrt(2 * (1e-6 + 2.25 * 4)), r.normalDecidedness().noise(), 1e-9);
        assertTrue(r.normalDecidedness().spread() > 0.5, "logits moved " + r.normalDecidedness().spread());
    }

    /** Resolved once: the checkpoint's rate on resume, else the configured one scaled to the budget. */
    @Test
    void architectureLearningRateIsTheCheckpointsOnResume() {
        SearchConfig sc = SearchConfig.defaults(Method.PRDARTS, 2, 16, 7);
        assertEquals(sc.archLrFor(4), Search.architectureLearningRate(sc, 4, Optional.empty()), 1e-15);
        Checkpoint started = Checkpoint.builder().meta(BilevelStrategy.ARCH_LR, 0.125).build();
        assertEquals(0.125, Search.architectureLearningRate(sc, 4, Optional.of(started)), 1e-15);
        Checkpoint older = Checkpoint.builder().build();
        assertEquals(sc.archLrFor(4), Search.architectureLearningRate(sc, 4, Optional.of(older)), 1e-15);
    }

    @Test
    void aWarmupEpochMovesNoLogitAndTheGradientSharesAddUpToOne(@TempDir Path dir) {
        SearchJob job = tinyJob("prdarts", dir.resolve("w"));
        job = job.withSearch(job.search().withEpochs(3).withWarmupEpochs(1));
        SearchResult r = Search.run(job);
        SearchEpoch.PrDartsFacts warm = (SearchEpoch.PrDartsFacts) r.history().get(0).facts();
        SearchEpoch.PrDartsFacts last = (SearchEpoch.PrDartsFacts) r.last().facts();
        // the logits start at 1e-3 N(0, 1) and take no step in the warm-up
        assertTrue(r.history().get(0).architecture().archSpreadNormal() < 0.02,
                "spread after the warm-up " + r.history().get(0).architecture().archSpreadNormal());
        assertTrue(warm.archGradientShares().isEmpty(), warm.archGradientShares().toString());
        assertEquals(1.0, warm.tau(), 1e-12);
        assertTrue(Double.isFinite(r.history().get(0).validLoss()));
        // 2 searching epochs of 2 steps at reach 6: lr 1.5, and the logits moved
        assertEquals(1.5, r.last().architecture().archLr(), 1e-12);
        assertTrue(r.last().architecture().archSpreadNormal() > 0.5);
        assertEquals(List.of("crossEntropy", "skip", "nonskip", "path"),
                List.copyOf(last.archGradientShares().keySet()));
        double sum = last.archGradientShares().values().stream().mapToDouble(Double::doubleValue).sum();
        assertEquals(1.0, sum, 1e-6);
        assertTrue(last.archGradientShares().get("crossEntropy") > 0);
        assertEquals(List.of("skip", "nonskip", "path"), List.copyOf(last.regularizers().keySet()));
    }

    @Test
    void aTermsGradientShareGrowsWithItsLambda(@TempDir Path dir) {
        double[] share = new double[2];
        double[] lambdas = {0.005, 0.5};
        for (int i = 0; i < 2; i++) {
            SearchJob job = tinyJob("prdarts", dir.resolve("l" + i));
            SearchConfig sc = job.search();
            job = job.withSearch(sc.withLambdas(sc.regularizer().lambdaSkip(), sc.regularizer().lambdaNonSkip(),
                    lambdas[i]));
            SearchResult r = Search.run(job);
            share[i] = ((SearchEpoch.PrDartsFacts) r.history().get(0).facts()).archGradientShares().get("path");
        }
        // the same first step from the same seed: a 100 times larger weight takes a larger share
        assertTrue(share[1] > 5 * share[0], "path share " + share[0] + " at lambda 0.005, " + share[1] + " at 0.5");
    }

    @Test
    void aTimeBudgetLaysTheRunOutForTheEpochsThatFit(@TempDir Path dir) throws Exception {
        SearchJob job = tinyJob("prdarts", dir.resolve("t"));
        // a first guess of 50 epochs; a budget far below one epoch's time leaves the first epoch alone
        job = job.withSearch(job.search().withEpochs(50).withTimeBudget(0.001));
        SearchResult r = Search.run(job);
        assertEquals(1, r.history().size());
        assertEquals(1, Files.readAllLines(r.runDir().resolve("metrics.jsonl")).size());
        // the first epoch ran at the first guess's rate (reach 6 over 50 x 2 steps); the plan then laid the run out
        // for that one epoch of 2 architecture steps: rate 3; the noise scale counts the 2 steps taken, at 0.06
        assertEquals(0.06, r.last().architecture().archLr(), 1e-12);
        assertEquals(Math.sqrt(2 * (1e-6 + 0.0036 * 2)), r.normalDecidedness().noise(), 1e-9);
    }

    @Test
    void aResumedTimeBudgetKeepsItsPlannedEpochs() {
        SearchConfig sc = SearchConfig.defaults(Method.PRDARTS, 50, 16, 7).withTimeBudget(60);
        Checkpoint planned = Checkpoint.builder().meta(BilevelStrategy.PLANNED_EPOCHS, 7).build();
        assertEquals(7, Search.plannedEpochs(sc, Optional.of(planned)));
        assertEquals(50, Search.plannedEpochs(sc, Optional.empty()));
        assertEquals(50, Search.plannedEpochs(sc.withTimeBudget(0), Optional.of(planned)));
    }
}

package org.prdarts.study;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How search-quality sizes its training seeds and bounds its difference to random. */
class SearchQualityStudyTest {

    private static StudyPlan plan() {
        return StudyPresets.plan(StudyName.SEARCH_QUALITY, "quick", "synthetic");
    }

    @Test
    void aSearchsTimeIsItsEpochsSumWhenItsRecordKeptLess(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path dir = tmp.resolve("study");
        java.nio.file.Files.createDirectories(dir.resolve("search-darts-seed1"));
        java.nio.file.Files.writeString(dir.resolve("search-darts-seed1").resolve("metrics.jsonl"),
                "{\"epoch\": 1, \"seconds\": 300.0}\n{\"epoch\": 2, \"seconds\": 350.5}\n");
        // a record of a search resumed once, written when only the last process's time was kept
        assertEquals(650.5, SearchQualityStudy.searchSeconds(dir,
                java.util.Map.of("name", "search-darts-seed1", "seconds", 360.0)), 1e-9);
        assertEquals(700.0, SearchQualityStudy.searchSeconds(dir,
                java.util.Map.of("name", "search-darts-seed1", "seconds", 700.0)), 1e-9, "never below the record");
        assertEquals(42.0, SearchQualityStudy.searchSeconds(dir,
                java.util.Map.of("name", "gone", "seconds", 42.0)), 1e-9, "no metrics: the record's");
        assertEquals(640.0, SearchQualityStudy.searchSeconds(dir,
                java.util.Map.of("name", "gone", "seconds", 42.0, "epochSeconds", 640.0)), 1e-9,
                "no metrics: the epochs' sum the record keeps");
    }

    @Test
    void aStudyStillRunningSumsUpItsSearchesAndTrainingsSoFarWithoutAVerdict(@org.junit.jupiter.api.io.TempDir
                                                                                java.nio.file.Path tmp) {
        StudyPlan plan = plan();
        String cell = org.prdarts.space.GenotypeFormat.format(org.prdarts.space.RandomCells.genotype(
                plan.search().ops(), plan.search().nodes(), new java.util.Random(99)));
        java.util.Map<String, java.util.Map<String, Object>> done = new java.util.LinkedHashMap<>();
        done.put("search-darts-seed1", search("darts", cell, List.of(0.5, 0.1, 0.05, 0.3)));
        done.put("search-prdarts-seed1", search("prdarts", cell, List.of(0.5, 0.5, 0.5, 0.5)));
        // DARTS' null: its 95 % quantile over both cells' 8 margins is their largest, 0.2
        done.put("null-darts-seed1", search("darts", cell, List.of(0.2, 0.1, 0.1, 0.1)));
        done.put("train-random-1-t1", java.util.Map.of("kind", "train", "arm", "random", "cell", "random-1",
                "trainSeed", 1.0, "testAcc", 0.80));
        done.put("train-darts-seed1-t1", java.util.Map.of("kind", "train", "arm", "darts", "cell", "darts-seed1",
                "trainSeed", 1.0, "testAcc", 0.82));
        java.util.Map<String, Object> soFar = SearchQualityStudy.summarySoFar(tmp, plan, done);
        assertEquals(2, soFar.get("trainings"));
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> darts = (java.util.Map<String, Object>) soFar.get("darts");
        assertEquals(0.2, (double) darts.get("nullMarginQ95"), 1e-12);
        assertEquals(List.of(2), darts.get("decidedNodesNormal"), "0.5 and 0.3 lie above the null's 0.2");
        assertEquals(SearchQualityStudy.NOT_COMPLETE, darts.get("verdict"));
        assertEquals(0.02, ((Bootstrap.Interval) darts.get("differenceToRandom")).mean(), 1e-12);
        assertEquals(1, ((Records.Stats) soFar.get("random")).n(), "one of the 8 random cells trained so far");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> pr = (java.util.Map<String, Object>) soFar.get("prdarts");
        assertTrue(!pr.containsKey("nullMarginQ95") && !pr.containsKey("decidedNodesNormal"),
                "no PR-DARTS null yet, so nothing counted against it: " + pr);
        assertEquals(0, ((Records.Stats) pr.get("accuracy")).n(), "its cell is not trained yet");
        assertEquals(List.of(3), pr.get("epochs"));
    }

    private static java.util.Map<String, Object> search(String method, String genotype, List<Double> margins) {
        java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
        r.put("method", method);
        r.put("genotype", genotype);
        r.put("marginsNormal", margins);
        r.put("marginsReduce", List.of(0.1, 0.1, 0.1, 0.1));
        r.put("decidedNodesNormal", 0.0);
        r.put("archHessianEigenvalue", Double.NaN);
        r.put("epochCount", 3.0);
        r.put("parametricDepthNormal", 2.0);
        r.put("seconds", 60.0);
        r.put("name", "search-" + method + "-seed1");
        return r;
    }

    @Test
    void aWideProbeSpreadAddsSeedsUpToTheCap() {
        List<Long> probed = new ArrayList<>();
        double[] acc = {0.5, 0.6, 0.7};
        List<Long> seeds = SearchQualityStudy.sizedTrainSeeds(plan(), s -> {
            probed.add(s);
            return acc[(int) s - 1];
        });
        assertEquals(List.of(1L, 2L, 3L), probed);
        // sd 0.1: 1.96^2 * 0.01 / 0.003^2 * (1/3 + 1/8) > 5, so the cap
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), seeds);
    }

    @Test
    void aNarrowProbeSpreadKeepsThePlanSeeds() {
        // the probe cell is trained with 3 seeds; every other cell with the plan's 2
        assertEquals(List.of(1L, 2L, 3L), SearchQualityStudy.probeSeeds(plan()));
        assertEquals(List.of(1L, 2L), SearchQualityStudy.sizedTrainSeeds(plan(), s -> 0.8 + 1e-5 * s));
    }

    @Test
    void aModerateProbeSpreadAddsJustTheSeedsItNeeds() {
        // sd 0.4 points: 1.96^2 * 0.004^2 / 0.003^2 * (1/3 + 1/8) = 3.1 -> 4 seeds
        double[] acc = {0.796, 0.800, 0.804};
        assertEquals(4, SearchQualityStudy.trainSeedsFor(0.004, 3, 8));
        assertEquals(List.of(1L, 2L, 3L, 4L), SearchQualityStudy.sizedTrainSeeds(plan(), s -> acc[(int) s - 1]));
    }

    @Test
    void givenSeedsAreTrainedAsGiven() {
        StudyPlan fixed = plan().withTrainSeeds(List.of(7L, 9L));
        assertEquals(List.of(7L, 9L), SearchQualityStudy.sizedTrainSeeds(fixed, s -> {
            throw new AssertionError("no probe with fixed seeds");
        }));
    }

    @Test
    void seedsForTheTargetIntervalFollowTheSpread() {
        // sd 0.5 points, 3 searched and 8 random cells: 1.96^2 * 0.005^2 / 0.003^2 * (1/3 + 1/8) = 4.9 -> 5
        assertEquals(5, SearchQualityStudy.trainSeedsFor(0.005, 3, 8));
        assertEquals(1, SearchQualityStudy.trainSeedsFor(0.0, 3, 8));
        assertEquals(-1, SearchQualityStudy.trainSeedsFor(Double.NaN, 3, 8));
    }

    @Test
    void theBootstrapIntervalHoldsTheObservedDifference() {
        double[] a = {0.80, 0.82, 0.81};
        double[] b = {0.70, 0.75, 0.72, 0.74, 0.71, 0.73, 0.76, 0.69};
        Bootstrap.Interval d = Bootstrap.differenceOfMeans(a, b, 10_000, 1);
        assertEquals(0.81 - 0.725, d.mean(), 1e-12);
        assertTrue(d.low() > 0.06 && d.low() < d.mean() && d.high() > d.mean() && d.high() < 0.11, d.toString());
        // the same seed gives the same interval
        assertEquals(d, Bootstrap.differenceOfMeans(a, b, 10_000, 1));
    }
}

package org.prdarts.study;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.search.SearchJob;
import org.prdarts.search.SearchListener;
import org.prdarts.train.TrainJob;
import org.prdarts.train.TrainListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Several workers on one study directory: each sub-run runs once, study.json gathers them all. */
class StudyWorkersTest {

    private static final class Notes implements StudyRun.Listeners {
        final List<String> notes = new CopyOnWriteArrayList<>();

        @Override
        public SearchListener search(String subRun) {
            return SearchListener.SILENT;
        }

        @Override
        public TrainListener train(String subRun) {
            return TrainListener.SILENT;
        }

        @Override
        public void note(String message) {
            notes.add(message);
        }
    }

    private static StudyRun resume(Path dir, Notes notes) {
        StudyRun r = StudyRun.resume(dir, p -> p, notes, Long.MAX_VALUE, List.of("prdarts", "study"));
        r.pollEvery(20);
        return r;
    }

    private static Set<String> subRuns(Path dir) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(dir.resolve(StudyRun.RESULT_JSON))).getAsJsonObject();
        return o.getAsJsonObject("subRuns").keySet();
    }

    @Test
    void aStudyContinuedWhereItsDataNameReadsOtherImagesIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("study");
        Path folder = tmp.resolve("fashion-mnist");
        Files.createDirectories(folder);
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.writeString(folder.resolve(f), "");
        }
        org.prdarts.data.DataConfig full = new org.prdarts.data.DataConfig("fashion-mnist", folder, 0, 0.5, false, 0,
                0, 0);
        StudyRun first = StudyRun.start(dir, StudyPresets.plan(StudyName.THEORY, "quick", "synthetic"), new Notes(),
                Long.MAX_VALUE, List.of("prdarts", "study"));
        first.requireSameData(full);
        first.summariseSoFar(done -> Map.of());
        JsonObject o = JsonParser.parseString(Files.readString(dir.resolve(StudyRun.RESULT_JSON))).getAsJsonObject();
        assertEquals(org.prdarts.data.Datasets.FASHION_MNIST_FULL,
                o.getAsJsonObject(StudyRun.DATA_READ).get("fashion-mnist").getAsString());
        resume(dir, new Notes()).requireSameData(full);
        // as if the study had started on a machine that had only the bundled sample
        o.getAsJsonObject(StudyRun.DATA_READ).addProperty("fashion-mnist",
                org.prdarts.data.Datasets.FASHION_MNIST_BUNDLED);
        Files.writeString(dir.resolve(StudyRun.RESULT_JSON), o.toString());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> resume(dir, new Notes()).requireSameData(full));
        assertTrue(e.getMessage().contains("its sub-runs read the bundled Fashion-MNIST sample, and on this machine "
                + "fashion-mnist is the full Fashion-MNIST"), e.getMessage());
        assertTrue(e.getMessage().endsWith("start a new study with --out"), e.getMessage());
    }

    /** A claim as a live worker of another process would write it: this process, another worker. */
    private static void claimForAnotherWorker(Path dir, String name) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().orElseThrow().toEpochMilli();
        Files.createDirectories(dir.resolve(SubRunClaims.CLAIMS));
        Files.writeString(dir.resolve(SubRunClaims.CLAIMS).resolve(name), self.pid() + " " + start + " other");
    }

    /**
     * Starts {@code plan} in {@code dir} with sub-run {@code held} claimed by another live worker, runs the
     * study in a worker of its own and returns once that worker waits for {@code held}.
     */
    private static CompletableFuture<Void> studyWhileAnotherWorkerHolds(Path dir, StudyPlan plan, String held,
                                                                        Notes notes) throws Exception {
        StudyRun.start(dir, plan, new Notes(), Long.MAX_VALUE, List.of("prdarts", "study"));
        claimForAnotherWorker(dir, held);
        StudyRun worker = resume(dir, notes);
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> Studies.run(worker));
        awaitWaiting(notes, done, held);
        return done;
    }

    /** Waits until the worker says it waits for another worker; fails if it finishes first, or never waits. */
    private static void awaitWaiting(Notes notes, CompletableFuture<?> done, String held) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (notes.notes.stream().noneMatch(n -> n.startsWith("waiting for"))) {
            if (done.isDone()) {
                done.join();
                fail("the worker cannot finish while " + held + " is held elsewhere");
            }
            assertTrue(System.nanoTime() < until, "the worker never waited: " + notes.notes);
            Thread.sleep(10);
        }
    }

    @Test
    void aSubRunAnotherWorkerRunsIsSkippedThenTakenFromItsRecord(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("study");
        StudyPlan plan = StudyPresets.plan(StudyName.THEORY, "quick", "synthetic");
        StudyRun.start(dir, plan, new Notes(), Long.MAX_VALUE, List.of("prdarts", "study"));
        StudyRun a = resume(dir, new Notes());
        StudyRun b = resume(dir, new Notes());
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<Map<String, Object>> first = CompletableFuture.supplyAsync(() -> a.once("x", () -> {
            running.countDown();
            try {
                assertTrue(proceed.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("loss", 1.5);
        }));
        assertTrue(running.await(30, TimeUnit.SECONDS));
        assertTrue(b.tryOnce("x", () -> fail("x is run by the other worker")).isEmpty());
        assertEquals(2.0, Records.number(b.once("y", () -> Map.of("loss", 2.0)), "loss"));
        proceed.countDown();
        assertEquals(1.5, Records.number(first.get(30, TimeUnit.SECONDS), "loss"));
        // b waited for nothing more and takes x from study.json; a sees y the same way
        assertEquals(1.5, Records.number(b.once("x", () -> fail("x finished elsewhere")), "loss"));
        assertEquals(2.0, Records.number(a.once("y", () -> fail("y finished elsewhere")), "loss"));
        // asked again, as a study's later pass does: counted once, and never what the worker ran itself
        b.once("x", () -> fail("x finished elsewhere"));
        b.once("y", () -> fail("y finished here"));
        assertEquals(1, b.reused());
        assertEquals(1, a.reused());
        assertEquals(Set.of("x", "y"), subRuns(dir), "neither worker's write lost the other's record");
        assertTrue(Files.list(dir.resolve(SubRunClaims.CLAIMS)).findAny().isEmpty(), "claims are released");
    }

    @Test
    void allRunsWhatNoOtherWorkerHoldsThenWaitsForTheRestAndKeepsTheOrder(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("study");
        StudyRun.start(dir, StudyPresets.plan(StudyName.THEORY, "quick", "synthetic"), new Notes(), Long.MAX_VALUE,
                List.of());
        claimForAnotherWorker(dir, "x");
        Notes notes = new Notes();
        StudyRun worker = resume(dir, notes);
        List<String> ran = new CopyOnWriteArrayList<>();
        Map<String, java.util.function.Supplier<Map<String, Object>>> work = new java.util.LinkedHashMap<>();
        for (String name : List.of("x", "y", "z")) {
            work.put(name, () -> {
                ran.add(name);
                return Map.of("name", name);
            });
        }
        CompletableFuture<List<Map<String, Object>>> done = CompletableFuture.supplyAsync(() -> worker.all(work));
        awaitWaiting(notes, done, "x");
        assertEquals(List.of("y", "z"), ran, "the sub-runs after the held one ran before any waiting");
        assertTrue(notes.notes.contains("waiting for 1 sub-run that another process runs: x"), notes.notes.toString());
        // the other worker goes away: its claim is stale, and this worker runs x itself
        Files.delete(dir.resolve(SubRunClaims.CLAIMS).resolve("x"));
        List<Map<String, Object>> records = done.get(30, TimeUnit.SECONDS);
        assertEquals(List.of("x", "y", "z"), records.stream().map(r -> Records.text(r, "name")).toList());
        assertEquals(List.of("y", "z", "x"), ran);
        assertEquals(Set.of("x", "y", "z"), subRuns(dir));
    }

    @Test
    void aStudyOtherThanSearchQualityAlsoRunsTheSubRunsNobodyHolds(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("theory");
        StudyPlan plan = StudyPresets.plan(StudyName.THEORY, "quick", "synthetic").withSeeds(List.of(1L, 2L));
        Notes notes = new Notes();
        CompletableFuture<Void> done = studyWhileAnotherWorkerHolds(dir, plan, "theory-seed1", notes);
        assertEquals(Set.of("theory-seed2"), subRuns(dir), "seed 2 ran while seed 1 was held");
        Files.delete(dir.resolve(SubRunClaims.CLAIMS).resolve("theory-seed1"));
        done.get(120, TimeUnit.SECONDS);
        assertEquals(Set.of("theory-seed1", "theory-seed2"), subRuns(dir));
        assertTrue(Files.readString(dir.resolve(StudyRun.RESULT_JSON)).contains("\"complete\": true"));
    }

    @Test
    void aClaimOfAProcessThatEndedIsTakenOver(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("study");
        StudyRun.start(dir, StudyPresets.plan(StudyName.THEORY, "quick", "synthetic"), new Notes(), Long.MAX_VALUE,
                List.of());
        Process ended = new ProcessBuilder("true").start();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        Files.createDirectories(dir.resolve(SubRunClaims.CLAIMS));
        Files.writeString(dir.resolve(SubRunClaims.CLAIMS).resolve("x"), ended.pid() + " 1 gone");
        assertEquals(3.0, Records.number(resume(dir, new Notes()).once("x", () -> Map.of("loss", 3.0)), "loss"));
        // a claim of this process from an earlier start (a reused pid) is stale too
        Files.writeString(dir.resolve(SubRunClaims.CLAIMS).resolve("z"), ProcessHandle.current().pid() + " 1 old");
        assertTrue(resume(dir, new Notes()).tryOnce("z", () -> Map.of("loss", 4.0)).isPresent());
    }

    /** The quick search-quality plan on 64 synthetic 8x8 images, one search seed, searches of {@code epochs}. */
    private static StudyPlan tinySearchQuality(int epochs) {
        StudyPlan quick = StudyPresets.plan(StudyName.SEARCH_QUALITY, "quick", "synthetic");
        SearchJob s = quick.search();
        SearchJob search = new SearchJob(s.preset(), s.data().withSubset(64).withImage(1, 8), 4, 3, s.nodes(),
                s.ops(), s.search().withBatchSize(16).withEpochs(epochs).withWarmupEpochs(0).withTimeBudget(0), "cpu",
                1, null);
        TrainJob t = quick.train();
        TrainJob train = new TrainJob(t.preset(), t.genotypeSource(), t.genotype(), t.data().withSubset(64)
                .withImage(1, 8), 4, 3, t.imagenet(), t.train().withEpochs(1), "cpu", 1, null);
        return quick.withSeeds(List.of(1L)).withSearch(search).withTrain(train);
    }

    @Test
    void searchQualityTrainsTheProbeCellWithThreeSeedsAndTheOthersWithThePlans(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("quality");
        // the plan's seeds 1 and 2, up to 5 when the probe's spread asks for them
        StudyPlan plan = tinySearchQuality(1).withRandomCells(2);
        SearchJob search = plan.search();
        assertEquals(List.of(1L, 2L), plan.trainSeeds());
        StudyRun.start(dir, plan, new Notes(), Long.MAX_VALUE, List.of("prdarts", "study"));
        // the probe (the first random cell, 3 seeds) as finished earlier, spread 0.01 points: no more than
        // the plan's 2 seeds are needed for the others
        StudyRun first = resume(dir, new Notes());
        String probeCell = org.prdarts.space.GenotypeFormat.format(org.prdarts.space.RandomCells.genotype(
                search.ops(), search.nodes(), new java.util.Random(1)));
        for (int seed = 1; seed <= 3; seed++) {
            Map<String, Object> r = new java.util.LinkedHashMap<>(Map.of("kind", "train", "arm", "random",
                    "cell", "random-1", "trainSeed", (double) seed, "genotype", probeCell, "skipNormal", 0.0,
                    "parametricDepthNormal", 1.0, "testAcc", 0.8 + 1e-4 * seed, "params", 100.0));
            r.put("trainSeconds", 1.0);
            first.once("train-random-1-t" + seed, () -> r);
        }
        Studies.run(resume(dir, new Notes()));
        assertEquals(Set.of("search-darts-seed1", "search-prdarts-seed1", "null-darts-seed1", "null-prdarts-seed1",
                "train-random-1-t1", "train-random-1-t2", "train-random-1-t3", "train-random-2-t1",
                "train-random-2-t2", "train-darts-seed1-t1", "train-darts-seed1-t2", "train-prdarts-seed1-t1",
                "train-prdarts-seed1-t2"), subRuns(dir));
        // the summary counts every training, the probe's third seed too, as summarySoFar did
        JsonObject study = JsonParser.parseString(Files.readString(dir.resolve(StudyRun.RESULT_JSON)))
                .getAsJsonObject();
        assertEquals(3, study.getAsJsonObject("summary").get("trainSeeds").getAsInt());
        JsonObject probeRow = study.getAsJsonArray("table").asList().stream().map(e -> e.getAsJsonObject())
                .filter(r -> r.get("cell").getAsString().equals("random-1")).findFirst().orElseThrow();
        assertEquals(3, probeRow.getAsJsonObject("testAcc").get("n").getAsInt(), probeRow.toString());
    }

    @Test
    void searchQualityRunsWhatItCanAndWaitsOnlyForTheSubRunsAnotherWorkerHolds(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("quality");
        StudyPlan plan = tinySearchQuality(2).withRandomCells(1).withTrainSeeds(List.of(1L));
        Notes notes = new Notes();
        CompletableFuture<Void> done = studyWhileAnotherWorkerHolds(dir, plan, "search-darts-seed1", notes);
        // everything but the held search and the training of its cell ran meanwhile
        assertEquals(Set.of("null-darts-seed1", "search-prdarts-seed1", "null-prdarts-seed1",
                "train-random-1-t1", "train-prdarts-seed1-t1"), subRuns(dir));
        assertTrue(notes.notes.stream().anyMatch(n -> n.equals("waiting for 1 sub-run that another process runs: "
                + "search-darts-seed1")), notes.notes.toString());
        // meanwhile study.json sums up what is in, with no verdict
        com.google.gson.JsonObject soFar = com.google.gson.JsonParser.parseString(
                Files.readString(dir.resolve(StudyRun.RESULT_JSON))).getAsJsonObject().getAsJsonObject("summarySoFar");
        assertEquals(2, soFar.get("trainings").getAsInt(), soFar.toString());
        com.google.gson.JsonObject pr = soFar.getAsJsonObject("prdarts");
        assertEquals(SearchQualityStudy.NOT_COMPLETE, pr.get("verdict").getAsString());
        assertEquals(1, pr.getAsJsonArray("decidedNodesNormal").size(), "the PR-DARTS search against its null");
        assertEquals(1, pr.getAsJsonObject("accuracy").get("n").getAsInt(), "its cell, trained once");
        assertEquals(0, soFar.getAsJsonObject("darts").getAsJsonArray("epochs").size(), "no DARTS search yet");
        // the other worker goes away: its claim is stale and this worker finishes the study
        Files.delete(dir.resolve(SubRunClaims.CLAIMS).resolve("search-darts-seed1"));
        done.get(120, TimeUnit.SECONDS);
        assertEquals(7, subRuns(dir).size());
        String json = Files.readString(dir.resolve(StudyRun.RESULT_JSON));
        assertTrue(json.contains("\"complete\": true"));
        assertTrue(json.contains("\"summary\"") && !json.contains("summarySoFar"), "the final summary alone");
    }
}

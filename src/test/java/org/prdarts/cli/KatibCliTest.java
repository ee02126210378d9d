package org.prdarts.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.katib.MetricLine;
import org.prdarts.repro.CheckpointStore;
import org.prdarts.repro.CliChild;
import org.prdarts.repro.Json;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Katib trials: the emitted Experiment, its trial command run here, and restart with --resume auto. */
class KatibCliTest {

    private static final List<String> SEARCH = List.of("--dataset", "synthetic", "--subset", "96", "--image-size",
            "8", "--image-channels", "1", "--batch-size", "16", "--channels", "4", "--layers", "3", "--nodes", "2",
            "--threads", "2");

    private static String[] args(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The name=value line beside the human one is printed on request only, or where no terminal reads it. */
    @Test
    void metricsLineOptionDecidesWhetherEpochsPrintTheKatibLine(@TempDir Path dir) {
        for (String mode : List.of("never", "always")) {
            List<String> search = new ArrayList<>(List.of("search"));
            search.addAll(SEARCH);
            TrainCliTest.Result r = TrainCliTest.run(args(search, "--epochs", "1",
                    "--metrics-line", mode, "--out", dir.resolve(mode).toString()));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("epoch 1: train"), r.out());
            assertEquals(mode.equals("always"), r.out().lines().anyMatch(l -> l.contains(" epoch=1 ")), r.out());
        }
        TrainCliTest.Result bad = TrainCliTest.run("search", "--metrics-line", "sometimes", "--out",
                dir.resolve("bad").toString());
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("metrics-line must be one of auto, always, never, found 'sometimes'"), bad.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void emittedTrialCommandRunsAndPrintsKatibMetrics(@TempDir Path dir) throws Exception {
        List<String> compare = new ArrayList<>(List.of("compare"));
        compare.addAll(SEARCH);
        TrainCliTest.Result emit = TrainCliTest.run(args(compare, "--epochs", "2", "--seeds", "3,4",
                "--methods", "darts,prdarts", "--emit", "katib", dir.resolve("katib").toString()));
        assertEquals(0, emit.code(), emit.err());
        assertTrue(Files.isRegularFile(dir.resolve("katib/Dockerfile")));
        assertTrue(Files.notExists(dir.resolve("runs")), "emitting runs nothing");
        Map<String, Object> e = new Yaml().load(Files.readString(dir.resolve("katib/experiment.yaml")));
        Map<String, Object> spec = (Map<String, Object>) e.get("spec");
        assertEquals(4, spec.get("maxTrialCount"));
        Map<String, Object> objective = (Map<String, Object>) spec.get("objective");
        List<String> metricNames = new ArrayList<>(List.of((String) objective.get("objectiveMetricName")));
        metricNames.addAll((List<String>) objective.get("additionalMetricNames"));
        Map<String, String> values = Map.of("method", "prdarts", "seed", "4", "trialName", "trial-7");
        for (Map<String, Object> p : (List<Map<String, Object>>) spec.get("parameters")) {
            List<String> feasible = (List<String>) ((Map<String, Object>) p.get("feasibleSpace")).get("list");
            assertTrue(feasible.contains(values.get((String) p.get("name"))), p.toString());
        }
        Map<String, Object> template = (Map<String, Object>) spec.get("trialTemplate");
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                ((Map<String, Object>) template.get("trialSpec")).get("spec")).get("template")).get("spec");
        List<String> command = (List<String>) ((List<Map<String, Object>>) pod.get("containers")).get(0).get("command");

        // what Katib does: substitute the trial's parameters; here the runs volume is a local folder
        List<String> trial = new ArrayList<>();
        for (String word : command.subList(1, command.size())) {
            Matcher m = java.util.regex.Pattern.compile("\\$\\{trialParameters\\.(\\w+)}").matcher(word);
            String w = m.replaceAll(r -> values.get(r.group(1)));
            trial.add(w.startsWith("/runs/") ? dir.resolve("runs").resolve(w.substring(6)).toString() : w);
        }
        assertEquals("prdarts", command.get(0));
        // Katib reads the metric lines from standard output, which auto would leave to chance
        assertEquals("always", command.get(command.indexOf("--metrics-line") + 1));
        TrainCliTest.Result run = TrainCliTest.run(trial.toArray(String[]::new));
        assertEquals(0, run.code(), run.err());
        Path runDir = dir.resolve("runs/trial-7");
        JsonObject config = JsonParser.parseString(Files.readString(runDir.resolve("config.json"))).getAsJsonObject();
        assertEquals(4, config.getAsJsonObject("search").get("seed").getAsInt());
        assertEquals("prdarts", config.getAsJsonObject("search").get("method").getAsString());

        // every line Katib's collector would look at (it names a metric) is a metric line it reads fully
        List<Double> validAcc = new ArrayList<>();
        for (String line : run.out().split("\n")) {
            if (metricNames.stream().noneMatch(line::contains)) {
                continue;
            }
            String[] words = line.strip().split(" ");
            DateTimeFormatter.ISO_INSTANT.parse(words[0]);
            for (int i = 1; i < words.length; i++) {
                Matcher m = MetricLine.KATIB_PATTERN.matcher(words[i]);
                assertTrue(m.matches(), "'" + words[i] + "' in " + line);
                if (m.group(1).equals("validAcc")) {
                    validAcc.add(Double.parseDouble(m.group(2)));
                }
            }
        }
        List<String> metrics = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertEquals(2, validAcc.size(), run.out());
        for (int i = 0; i < 2; i++) {
            double want = JsonParser.parseString(metrics.get(i)).getAsJsonObject().get("validAcc").getAsDouble();
            assertEquals(want, validAcc.get(i), 1e-6);
        }
    }

    @Test
    void resumeAutoStartsInAnEmptyDirectoryAndContinuesAKilledRun(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("trial");
        List<String> cmd = new ArrayList<>(List.of("search", "--method", "prdarts"));
        cmd.addAll(SEARCH);
        cmd.addAll(List.of("--epochs", "3", "--out", out.toString(), "--resume", "auto"));
        File log = dir.resolve("child.log").toFile();
        Process p = CliChild.start(cmd, log);
        // kill -9 as soon as the first checkpoint exists (written by rename, so it is whole)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!Files.exists(out.resolve(CheckpointStore.CURRENT))) {
            assertTrue(p.isAlive(), "the run ended before its first checkpoint: " + Files.readString(log.toPath()));
            assertTrue(System.nanoTime() < deadline, "no checkpoint in time");
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the run finished before it could be killed");
        p.destroyForcibly();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String log1 = Files.readString(log.toPath());
        assertTrue(log1.contains("prdarts: 3 epochs"), "started a new run: " + log1);
        List<String> before = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertTrue(before.size() >= 1 && before.size() < 3, before.toString());

        TrainCliTest.Result again = TrainCliTest.run(cmd.toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("resume: 3 epochs"), again.out());
        List<String> after = Files.readAllLines(out.resolve("metrics.jsonl"));
        assertEquals(3, after.size());
        // the same first epoch (a resumed run rewrites metrics.jsonl from its checkpoint: compare values)
        assertEquals(Json.fromJson(before.get(0), Map.class), Json.fromJson(after.get(0), Map.class));

        // a different job in the directory is refused, naming the option
        List<String> other = new ArrayList<>(cmd);
        other.addAll(List.of("--lr", "0.5"));
        TrainCliTest.Result refused = TrainCliTest.run(other.toArray(String[]::new));
        assertEquals(2, refused.code());
        assertTrue(refused.err().strip().startsWith("prdarts: cannot resume with changed options:")
                && refused.err().contains("search.weights.lr was 0.025, now 0.5"), refused.err());
    }

    @Test
    void gpuWithoutGpuIsOneLine(@TempDir Path dir) {
        for (String command : List.of("search", "train")) {
            List<String> a = new ArrayList<>(List.of(command));
            a.addAll(SEARCH.subList(0, 8));
            a.addAll(List.of("--epochs", "1", "--device", "gpu", "--out", dir.resolve(command).toString()));
            if (command.equals("train")) {
                a.addAll(List.of("--genotype", "DARTS_V2"));
            }
            TrainCliTest.Result r = TrainCliTest.run(a.toArray(String[]::new));
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("prdarts: --device gpu: "), r.err());
            assertTrue(Files.notExists(dir.resolve(command)), "nothing written");
        }
    }

    @Test
    void resumeAutoNeedsOut() {
        TrainCliTest.Result r = TrainCliTest.run("search", "--resume", "auto");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--resume auto needs --out"), r.err());
    }
}

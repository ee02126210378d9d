package org.prdarts.katib;

import org.prdarts.repro.AtomicFiles;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Katib v1beta1 Experiment that runs a list of prdarts command lines (the sub-runs of a
 * comparison or a study) as trials, one trial per command line, instead of running them here.
 *
 * <p>The parameters are read off the command lines: every position where they differ must be the
 * value of an option ({@code --seed 1} / {@code --seed 2}). When the command lines are every
 * combination of those values (as a comparison's methods x seeds are), each option becomes a
 * categorical trial parameter and Katib's grid algorithm runs each combination once, with the
 * command line {@code prdarts ... --seed ${trialParameters.seed} ...}. Otherwise one categorical
 * parameter {@code options} holds each run's differing tail as text, and the trial runs it
 * through {@code sh -c}.
 *
 * <p>Every trial writes its run directory to {@code <runsPath>/<trial name>} on a persistent
 * volume and starts with {@code --resume auto}: a trial pod that is restarted (node drained,
 * pre-empted, out of memory) continues from its last checkpoint. Katib's StdOut metrics
 * collector reads the per-epoch {@link MetricLine}s; the objective is the last epoch's
 * {@value #OBJECTIVE}.
 */
public final class KatibExperiment {
    public static final String OBJECTIVE = "validAcc";
    public static final String EXPERIMENT_FILE = "experiment.yaml";
    public static final String DOCKERFILE = "Dockerfile";
    /** Name of the trial container (the trial template's primaryContainerName). */
    public static final String CONTAINER = "prdarts";
    /** The parameter of the non-grid form. */
    static final String OPTIONS_PARAMETER = "options";

    private static final List<String> ADDITIONAL_METRICS = List.of("trainLoss", "trainAcc", "validLoss",
            "skipNormal", "parametricDepthNormal");

    /**
     * Where and how the trials run; the defaults suit a Kubeflow installation and are meant to
     * be edited in the written YAML.
     *
     * @param name           the Experiment's name (a DNS label)
     * @param namespace      its Kubernetes namespace
     * @param image          the trial image (built from {@value #DOCKERFILE})
     * @param runsClaim      the PersistentVolumeClaim holding the run directories
     * @param runsPath       where that volume is mounted in the trial container
     * @param parallelTrials trials running at once (at most the number of runs)
     * @param restarts       the Job's backoffLimit: pods started again after a failure, each
     *                       continuing from the run's checkpoint
     */
    public record Settings(String name, String namespace, String image, String runsClaim, String runsPath,
                           int parallelTrials, int restarts) {
        public Settings {
            if (name == null || !name.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw new IllegalArgumentException("experiment name must be a DNS label (lower case letters, "
                        + "digits, '-'), found '" + name + "'");
            }
            if (parallelTrials < 1) {
                throw new IllegalArgumentException("parallel trials must be >= 1, found " + parallelTrials);
            }
            if (restarts < 0) {
                throw new IllegalArgumentException("restarts must be >= 0, found " + restarts);
            }
        }

        public static Settings defaults(String name) {
            return new Settings(name, "kubeflow", "prdarts-trial:latest", "prdarts-runs", "/runs", 3, 3);
        }
    }

    /** One trial parameter: its name and the values the trials take, in order of first use. */
    public record Parameter(String name, List<String> values) {
    }

    /** The trial command with {@code ${trialParameters.X}} placeholders, and its parameters. */
    public record Design(List<String> command, List<Parameter> parameters) {
    }

    private KatibExperiment() {
    }

    /**
     * The trial command and parameters of a list of prdarts command lines (arguments after
     * {@code prdarts}, without {@code --out} and {@code --resume}).
     */
    public static Design design(List<List<String>> runs, Settings settings) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("an experiment needs at least one run, found none");
        }
        List<String> first = runs.get(0);
        List<String> tail = List.of("--out", settings.runsPath() + "/${trialParameters.trialName}", "--resume", "auto");
        List<Integer> varying = varyingPositions(runs);
        if (varying != null) {
            List<Parameter> params = new ArrayList<>();
            List<String> command = new ArrayList<>(List.of("prdarts"));
            command.addAll(first);
            long combinations = 1;
            for (int i : varying) {
                Set<String> values = new LinkedHashSet<>();
                runs.forEach(r -> values.add(r.get(i)));
                String name = parameterName(first.get(i - 1));
                params.add(new Parameter(name, List.copyOf(values)));
                command.set(i + 1, "${trialParameters." + name + "}");
                combinations *= values.size();
            }
            Set<List<String>> distinct = new LinkedHashSet<>();
            runs.forEach(r -> distinct.add(varying.stream().map(r::get).toList()));
            if (combinations == runs.size() && distinct.size() == runs.size()) {
                command.addAll(tail);
                return new Design(command, params);
            }
        }
        // not a grid: one parameter holding each run's own options
        int common = commonPrefix(runs);
        List<String> values = new ArrayList<>();
        for (List<String> r : runs) {
            values.add(shellJoin(r.subList(common, r.size())));
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("two runs of the experiment have the same command line");
        }
        String script = "exec prdarts " + shellJoin(first.subList(0, common)) + " ${trialParameters."
                + OPTIONS_PARAMETER + "} " + shellJoin(tail);
        return new Design(List.of("sh", "-c", script), List.of(new Parameter(OPTIONS_PARAMETER, values)));
    }

    /** The Experiment resource as nested maps and lists (the YAML's structure). */
    public static Map<String, Object> experiment(List<List<String>> runs, Settings s) {
        Design d = design(runs, s);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("objective", map("type", "maximize", "objectiveMetricName", OBJECTIVE,
                "additionalMetricNames", ADDITIONAL_METRICS,
                "metricStrategies", List.of(map("name", OBJECTIVE, "value", "latest"))));
        spec.put("algorithm", map("algorithmName", "grid"));
        spec.put("parallelTrialCount", Math.min(s.parallelTrials(), runs.size()));
        spec.put("maxTrialCount", runs.size());
        spec.put("maxFailedTrialCount", runs.size());
        spec.put("metricsCollectorSpec", map("collector", map("kind", "StdOut")));
        List<Object> parameters = new ArrayList<>();
        List<Object> trialParameters = new ArrayList<>();
        for (Parameter p : d.parameters()) {
            parameters.add(map("name", p.name(), "parameterType", "categorical",
                    "feasibleSpace", map("list", p.values())));
            trialParameters.add(map("name", p.name(), "description", "prdarts option value", "reference", p.name()));
        }
        trialParameters.add(map("name", "trialName", "description", "run directory name",
                "reference", "${trialSpec.Name}"));
        spec.put("parameters", parameters);
        Map<String, Object> container = map("name", CONTAINER, "image", s.image(), "command", d.command(),
                "volumeMounts", List.of(map("name", "runs", "mountPath", s.runsPath())));
        Map<String, Object> podSpec = map("restartPolicy", "Never", "containers", List.of(container),
                "volumes", List.of(map("name", "runs", "persistentVolumeClaim", map("claimName", s.runsClaim()))));
        Map<String, Object> job = map("apiVersion", "batch/v1", "kind", "Job",
                "spec", map("backoffLimit", s.restarts(), "template", map(
                        "metadata", map("annotations", map("sidecar.istio.io/inject", "false")),
                        "spec", podSpec)));
        spec.put("trialTemplate", map("primaryContainerName", CONTAINER, "trialParameters", trialParameters,
                "trialSpec", job));
        return map("apiVersion", "kubeflow.org/v1beta1", "kind", "Experiment",
                "metadata", map("name", s.name(), "namespace", s.namespace()), "spec", spec);
    }

    /** The Experiment as YAML text. */
    public static String yaml(List<List<String>> runs, Settings s) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        return new Yaml(options).dump(experiment(runs, s));
    }

    /** Writes {@value #EXPERIMENT_FILE} and the trial image's {@value #DOCKERFILE} into {@code dir}. */
    public static void write(Path dir, List<List<String>> runs, Settings s) throws IOException {
        String yaml = "# Katib Experiment written by prdarts: one trial per run; see docs/deploy.md, "
                + "'Run on Kubernetes with Katib'.\n" + yaml(runs, s);
        AtomicFiles.writeString(dir.resolve(DOCKERFILE), dockerfile());
        AtomicFiles.writeString(dir.resolve(EXPERIMENT_FILE), yaml);
    }

    /** The Dockerfile of the trial image (build context: the project root). */
    public static String dockerfile() throws IOException {
        try (InputStream in = KatibExperiment.class.getResourceAsStream(DOCKERFILE)) {
            if (in == null) {
                throw new IOException("the Dockerfile resource is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Positions where the runs differ, each the value of an option; null when the runs do not line up so. */
    private static List<Integer> varyingPositions(List<List<String>> runs) {
        List<String> first = runs.get(0);
        List<Integer> out = new ArrayList<>();
        for (List<String> r : runs) {
            if (r.size() != first.size()) {
                return null;
            }
        }
        for (int i = 0; i < first.size(); i++) {
            int pos = i;
            if (runs.stream().anyMatch(r -> !r.get(pos).equals(first.get(pos)))) {
                if (i == 0 || !first.get(i - 1).startsWith("--") || first.get(i).startsWith("--")) {
                    return null;
                }
                out.add(i);
            }
        }
        return out.isEmpty() && runs.size() > 1 ? null : out;
    }

    private static int commonPrefix(List<List<String>> runs) {
        int n = 0;
        List<String> first = runs.get(0);
        while (true) {
            int pos = n;
            if (runs.stream().anyMatch(r -> r.size() <= pos || !r.get(pos).equals(first.get(pos)))) {
                return n;
            }
            n++;
        }
    }

    /** "--lambda-skip" -> "lambdaSkip". */
    static String parameterName(String option) {
        String[] parts = option.replaceFirst("^-+", "").split("-");
        StringBuilder b = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                b.append(parts[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(parts[i].substring(1));
            }
        }
        return b.toString();
    }

    /** Words joined for sh, each quoted unless it is plainly safe. */
    static String shellJoin(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add(w.matches("[A-Za-z0-9_./:=,-]+") ? w : "'" + w.replace("'", "'\\''") + "'");
        }
        return String.join(" ", out);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}

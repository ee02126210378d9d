package org.prdarts.katib;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KatibExperimentTest {
    private static final KatibExperiment.Settings S = KatibExperiment.Settings.defaults("prdarts-test");

    private static List<String> run(String method, String seed) {
        return List.of("search", "--epochs", "6", "--method", method, "--seed", seed);
    }

    @Test
    void aGridOfOptionsBecomesOneParameterPerOption() {
        List<List<String>> runs = List.of(run("darts", "1"), run("darts", "2"), run("prdarts", "1"), run("prdarts", "2"));
        KatibExperiment.Design d = KatibExperiment.design(runs, S);
        assertEquals(List.of(new KatibExperiment.Parameter("method", List.of("darts", "prdarts")),
                new KatibExperiment.Parameter("seed", List.of("1", "2"))), d.parameters());
        assertEquals(List.of("prdarts", "search", "--epochs", "6", "--method", "${trialParameters.method}", "--seed",
                "${trialParameters.seed}", "--out", "/runs/${trialParameters.trialName}", "--resume", "auto"),
                d.command());
    }

    @Test
    void runsThatAreNoGridBecomeOneOptionsParameter() {
        List<List<String>> runs = List.of(List.of("search", "--lambda-skip", "0"),
                List.of("search", "--lambda-path", "0"), List.of("search", "--lambda-skip", "0", "--lambda-path", "0"));
        KatibExperiment.Design d = KatibExperiment.design(runs, S);
        assertEquals(1, d.parameters().size());
        assertEquals(List.of("--lambda-skip 0", "--lambda-path 0", "--lambda-skip 0 --lambda-path 0"),
                d.parameters().get(0).values());
        assertEquals(List.of("sh", "-c", "exec prdarts search ${trialParameters.options} --out "
                + "'/runs/${trialParameters.trialName}' --resume auto"), d.command());
        assertThrows(IllegalArgumentException.class, () -> KatibExperiment.design(
                List.of(List.of("search", "--seed", "1"), List.of("search", "--seed", "1"), List.of("search")), S));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theYamlHasWhatKatibRequires() {
        List<List<String>> runs = List.of(run("darts", "1"), run("prdarts", "1"));
        Map<String, Object> e = new Yaml().load(KatibExperiment.yaml(runs, S));
        assertEquals("kubeflow.org/v1beta1", e.get("apiVersion"));
        assertEquals("Experiment", e.get("kind"));
        Map<String, Object> spec = (Map<String, Object>) e.get("spec");
        Map<String, Object> objective = (Map<String, Object>) spec.get("objective");
        assertEquals("maximize", objective.get("type"));
        assertEquals("validAcc", objective.get("objectiveMetricName"));
        assertEquals("grid", ((Map<String, Object>) spec.get("algorithm")).get("algorithmName"));
        assertEquals(2, spec.get("maxTrialCount"));
        List<Map<String, Object>> params = (List<Map<String, Object>>) spec.get("parameters");
        assertEquals("method", params.get(0).get("name"));
        assertEquals("categorical", params.get(0).get("parameterType"));
        assertEquals(List.of("darts", "prdarts"), ((Map<String, Object>) params.get(0).get("feasibleSpace")).get("list"));
        Map<String, Object> template = (Map<String, Object>) spec.get("trialTemplate");
        assertEquals(KatibExperiment.CONTAINER, template.get("primaryContainerName"));
        Map<String, Object> job = (Map<String, Object>) template.get("trialSpec");
        assertEquals("batch/v1", job.get("apiVersion"));
        assertEquals("Job", job.get("kind"));
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) job.get("spec"))
                .get("template")).get("spec");
        List<Map<String, Object>> containers = (List<Map<String, Object>>) pod.get("containers");
        assertEquals(KatibExperiment.CONTAINER, containers.get(0).get("name"));
        // every placeholder of the command is a declared trial parameter
        List<Map<String, Object>> trialParams = (List<Map<String, Object>>) template.get("trialParameters");
        List<String> declared = trialParams.stream().map(p -> (String) p.get("name")).toList();
        for (String word : (List<String>) containers.get(0).get("command")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{trialParameters\\.(\\w+)}").matcher(word);
            while (m.find()) {
                assertTrue(declared.contains(m.group(1)), m.group(1) + " in " + declared);
            }
        }
        assertEquals("StdOut", ((Map<String, Object>) ((Map<String, Object>) spec.get("metricsCollectorSpec"))
                .get("collector")).get("kind"));
    }

    @Test
    void parameterNamesAreCamelCase() {
        assertEquals("lambdaSkip", KatibExperiment.parameterName("--lambda-skip"));
        assertEquals("seed", KatibExperiment.parameterName("--seed"));
    }
}

package org.prdarts.cli;

import org.prdarts.katib.KatibExperiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writing a set of runs as a cluster job instead of running it (compare --emit, study --emit). */
final class Emit {
    private Emit() {
    }

    /**
     * Writes the Katib Experiment of {@code runs} (prdarts arguments of each sub-run) into {@code dir} and
     * tells the user what to do with it; returns the files written, as the command's JSON result.
     */
    static Map<String, Object> katib(Path dir, String namePrefix, List<List<String>> runs, PrintStream text)
            throws IOException {
        String name = namePrefix + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        KatibExperiment.write(dir, runs, KatibExperiment.Settings.defaults(name));
        text.println("written: " + dir.resolve(KatibExperiment.EXPERIMENT_FILE) + " (" + runs.size()
                + " trials), " + dir.resolve(KatibExperiment.DOCKERFILE));
        text.println("build the trial image from the project root: docker build -f "
                + dir.resolve(KatibExperiment.DOCKERFILE) + " -t prdarts-trial:latest .");
        text.println("then: kubectl apply -f " + dir.resolve(KatibExperiment.EXPERIMENT_FILE)
                + " (see docs/deploy.md, 'Run on Kubernetes with Katib')");
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("experiment", dir.resolve(KatibExperiment.EXPERIMENT_FILE).toString());
        written.put("dockerfile", dir.resolve(KatibExperiment.DOCKERFILE).toString());
        written.put("trials", runs.size());
        return written;
    }

    /** {@code args} without the named options and their values ("--x v" and "--x=v" forms). */
    static List<String> withoutOptions(List<String> args, Set<String> names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!names.contains(name)) {
                out.add(a);
            } else {
                // skip the option's values: --emit takes two, the others one; "--x=v" carries the first
                int values = "--emit".equals(name) ? 2 : 1;
                i += a.contains("=") ? values - 1 : values;
            }
        }
        return out;
    }
}

package org.prdarts.repro;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts a main class of the test classpath in a second JVM, as a second process would. */
public final class ChildJvm implements AutoCloseable {

    public final Process process;
    final BufferedReader stdout;

    private ChildJvm(Process process) {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
    }

    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> command = command(main, List.of("-Xmx256m", "-Dai.djl.offline=true"));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** This JVM's java binary with the given options, the test class path and {@code main}. */
    private static List<String> command(Class<?> main, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        return command;
    }

    /**
     * Runs {@code main} in a JVM with the given options (and no others) and environment additions,
     * and returns the first line it prints, once it has ended.
     */
    public static String firstLine(Class<?> main, List<String> jvmOptions, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(main, jvmOptions)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end");
        assertNotNull(line, "the child JVM printed nothing");
        return line.trim();
    }

    public String readLine() throws IOException {
        return stdout.readLine();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

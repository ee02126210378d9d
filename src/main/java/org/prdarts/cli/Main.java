package org.prdarts.cli;

import org.prdarts.data.DataException;
import org.prdarts.search.DivergenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Entry point: `prdarts <command> [options]`. */
@Command(name = "prdarts", mixinStandardHelpOptions = true, version = "prdarts 0.1.0",
        description = "Path-regularized differentiable architecture search (PR-DARTS) and DARTS.",
        subcommands = {SearchCommand.class, CompareCommand.class, BenchCommand.class, TrainCommand.class,
                EvalCommand.class, PredictCommand.class, InfoCommand.class, StudyCommand.class})
public final class Main implements Runnable {
    /** Exit code of a usage error or bad input. */
    public static final int USAGE = 2;
    /** Exit code of a run stopped by a diverging loss. */
    public static final int DIVERGED = 3;
    /** Exit code of a run stopped by SIGINT/SIGTERM after writing its checkpoint (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    private static List<String> commandLine = List.of();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int run(String... args) {
        commandLine = new ArrayList<>(List.of("prdarts"));
        commandLine.addAll(Arrays.asList(args));
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("prdarts: " + ex.getMessage() + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
            err.println("prdarts: " + message(ex));
            if (ex instanceof DivergenceException) {
                return DIVERGED;
            }
            if (ex instanceof org.prdarts.search.RunInterruptedException) {
                return INTERRUPTED;
            }
            return isUsage(ex) ? USAGE : 1;
        });
        return cl.execute(args);
    }

    /** Bad input: options, data, genotypes, files. */
    static boolean isUsage(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof DataException
                || ex instanceof UncheckedIOException || ex instanceof IOException;
    }

    static String message(Throwable ex) {
        if (isUsage(ex) || ex instanceof DivergenceException
                || ex instanceof org.prdarts.search.RunInterruptedException) {
            return ex.getMessage();
        }
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }

    static List<String> commandLine() {
        return commandLine;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}

package org.prdarts.cli;

import org.prdarts.data.DataException;
import org.prdarts.repro.AtomicFiles;
import org.prdarts.repro.DivergenceException;
import org.prdarts.repro.RunIOException;
import org.prdarts.repro.RunInterruptedException;
import org.prdarts.repro.RunStoppedException;
import org.prdarts.repro.StopSignal;
import picocli.CommandLine.Command;
import picocli.AutoComplete;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Entry point: `prdarts <command> [options]`. */
@Command(name = "prdarts", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Path-regularized differentiable architecture search (PR-DARTS) and DARTS.",
        subcommands = {SearchCommand.class, CompareCommand.class, BenchCommand.class, TrainCommand.class,
                EvalCommand.class, PredictCommand.class, InfoCommand.class, ReportCommand.class,
                DrawCommand.class, ExportCommand.class,
                StudyCommand.class, AutoComplete.GenerateCompletion.class})
public final class Main implements Callable<Integer> {
    /** Exit code of a usage error or bad input. */
    public static final int USAGE = 2;
    /** Exit code of a run stopped by a diverging loss. */
    public static final int DIVERGED = 3;
    /** Exit code of a run that could not write its results (a full disk, a vanished directory). */
    public static final int IO_FAILURE = 4;
    /** Exit code of a run stopped by SIGINT after writing its checkpoint (128 + SIGINT). */
    public static final int INTERRUPTED = 130;
    /** Exit code of a run stopped by SIGTERM after writing its checkpoint (128 + SIGTERM). */
    public static final int TERMINATED = 143;

    /** The exit codes as every command's help lists them. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private static List<String> commandLine = List.of();

    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int run(String... args) {
        commandLine = new ArrayList<>(List.of("prdarts"));
        commandLine.addAll(Arrays.asList(args));
        CommandLine cl = new CommandLine(new Main());
        cl.registerConverter(Double.class, Main::finiteDouble);
        cl.registerConverter(double.class, Main::finiteDouble);
        cl.registerConverter(Path.class, Main::path);
        setExitCodeHelp(cl);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("prdarts: " + ex.getMessage() + suggestions(ex) + " (see '"
                    + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
            err.println("prdarts: " + message(ex));
            if (ex instanceof DivergenceException) {
                return DIVERGED;
            }
            if (ex instanceof RunInterruptedException) {
                // the status a shell gives a process ended by that signal
                return StopSignal.exitCode() == TERMINATED ? TERMINATED : INTERRUPTED;
            }
            if (ex instanceof RunIOException || ex instanceof AtomicFiles.WriteException
                    || ex instanceof java.io.UncheckedIOException u && u.getCause() instanceof AtomicFiles.WriteException) {
                return IO_FAILURE;
            }
            return isUsage(ex) ? USAGE : 1;
        });
        return cl.execute(args);
    }

    /** Bad input: options, data, genotypes, files, sizes whose counts overflow. */
    static boolean isUsage(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof DataException
                || ex instanceof UncheckedIOException || ex instanceof IOException
                || ex instanceof ArithmeticException;
    }

    static String message(Throwable ex) {
        if (ex instanceof ArithmeticException) {
            return "a count overflowed (" + ex.getMessage() + "): the sizes given are too large";
        }
        if (isUsage(ex) || ex instanceof RunStoppedException) {
            return ex.getMessage();
        }
        return ex.getClass().getSimpleName() + ": " + ex.getMessage();
    }

    /** A number option's value; NaN and infinities are refused, naming the value. */
    static Double finiteDouble(String text) {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a finite number");
        }
        return v;
    }

    /** A path option's value; an empty one (as in {@code --out=}) is refused rather than read as "here". */
    static Path path(String text) {
        if (text.isBlank()) {
            throw new CommandLine.TypeConversionException("an empty path; name a file or directory");
        }
        return Path.of(text);
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "done");
        codes.put("1", "an internal error (a bug: please report it with the message)");
        codes.put(Integer.toString(USAGE), "bad input: an option, data, genotype or run directory; nothing written");
        codes.put(Integer.toString(DIVERGED), "the loss diverged (NaN or infinite); the last checkpoint is kept");
        codes.put(Integer.toString(IO_FAILURE), "a result file could not be written (e.g. disk full); "
                + "the last checkpoint is intact");
        codes.put(Integer.toString(INTERRUPTED), "stopped by SIGINT (Ctrl-C) after writing a checkpoint");
        codes.put(Integer.toString(TERMINATED), "stopped by SIGTERM after writing a checkpoint");
        return Collections.unmodifiableMap(codes);
    }

    private static void setExitCodeHelp(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("Exit codes:%n").exitCodeList(EXIT_CODES);
        cl.getSubcommands().values().forEach(Main::setExitCodeHelp);
    }

    static List<String> commandLine() {
        return commandLine;
    }

    /** picocli's "did you mean" for a mistyped option or command, on the same line as the error. */
    static String suggestions(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            return "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        }
        return "";
    }

    /** {@code prdarts} without a command: the usage on standard error and the usage-error code. */
    @Override
    public Integer call() {
        CommandLine cl = new CommandLine(this);
        setExitCodeHelp(cl);
        cl.usage(System.err);
        return USAGE;
    }
}

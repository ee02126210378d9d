package org.prdarts.cli;

import org.prdarts.repro.AtomicFiles;
import org.prdarts.repro.Json;
import org.prdarts.repro.RunIOException;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --json FILE}, the same on every command that has a result (a picocli mixin): the
 * command's result as one JSON document, written to FILE when the command succeeds; with
 * {@code --json -} it goes to standard output, and the text that would go there to standard error,
 * so that {@code prdarts info --genotype X --json - | jq .params} reads clean JSON.
 */
public final class JsonOutput {

    /** The help text of --json, also in docs/cli.md. */
    static final String HELP = "Write the command's result as JSON to FILE (after it succeeds; the directory "
            + "must be writable, checked first); '-' writes the JSON to standard output and the text to standard "
            + "error instead. Default: none (text only).";

    @Option(names = "--json", paramLabel = "FILE", description = HELP)
    Path json;

    /** Whether the JSON goes to standard output. */
    boolean toStdout() {
        return json != null && json.toString().equals("-");
    }

    /** Where the command's text goes: standard output, or standard error when the JSON takes it. */
    PrintStream text() {
        return toStdout() ? System.err : System.out;
    }

    /** Refuses, before any work, a FILE whose directory cannot exist or be written. */
    void check() {
        if (json != null && !toStdout()) {
            requireWritable(json);
        }
    }

    /** Writes the result where --json says (atomically to a file); nothing without --json. */
    void write(Object result) {
        if (json == null) {
            return;
        }
        String text = Json.toPrettyJson(result) + "\n";
        if (toStdout()) {
            System.out.print(text);
            System.out.flush();
            // a PrintStream swallows its errors: a closed pipe or a full disk shows only here
            if (System.out.checkError()) {
                throw new RunIOException("cannot write the JSON to standard output: it is closed or full",
                        new IOException("standard output"));
            }
            return;
        }
        try {
            AtomicFiles.writeString(json, text);
        } catch (IOException e) {
            throw new RunIOException(e.getMessage(), e);
        }
    }

    /**
     * Refuses a --json FILE inside the run directory a command is about to write: the result would
     * replace one of the run's own files (config.json, and the run could no longer be resumed).
     */
    void checkOutside(Path runDir) {
        if (json == null || toStdout() || runDir == null) {
            return;
        }
        if (json.toAbsolutePath().normalize().startsWith(runDir.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--json " + json + " is inside the run directory " + runDir
                    + ", whose files the run writes; name a file outside it");
        }
    }

    /** Refuses a report path whose directory cannot exist or be written. */
    static void requireWritable(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        while (dir != null && !Files.exists(dir)) {
            dir = dir.getParent();
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("cannot write the report " + target + ": " + dir + " is not a directory");
        }
        String refused = AtomicFiles.refusal(target.toAbsolutePath());
        if (refused != null) {
            throw new IllegalArgumentException("cannot write the report " + target + ": " + refused);
        }
        if (dir != null && !Files.isWritable(dir)) {
            throw new IllegalArgumentException("cannot write the report " + target + ": " + dir + " is not writable");
        }
    }
}

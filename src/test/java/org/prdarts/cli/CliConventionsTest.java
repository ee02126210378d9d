package org.prdarts.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conventions every command shares: usage, version, suggestions, exit codes, completion. */
class CliConventionsTest {

    @Test
    void bareCommandPrintsUsageToStandardErrorAndExitsTwo() {
        CliTest.Result r = CliTest.run();
        assertEquals(Main.USAGE, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Usage: prdarts"), r.err());
        assertTrue(r.err().contains("Exit codes:"), r.err());
    }

    @Test
    void versionNamesTheBuildAndTheEngine() {
        CliTest.Result r = CliTest.run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s)prdarts \\d+\\.\\d+\\.\\d+.*"), r.out());
        assertTrue(r.out().contains("built with DJL 0.36.0 and PyTorch 2.7.1"), r.out());
        assertTrue(r.out().contains("engine loaded: PyTorch"), r.out());
    }

    @Test
    void mistypedOptionAndCommandGetOneLineWithASuggestion() {
        CliTest.Result option = CliTest.run("search", "--epoch", "3");
        assertEquals(Main.USAGE, option.code());
        assertEquals(1, option.err().strip().lines().count(), option.err());
        assertTrue(option.err().contains("did you mean --epochs?"), option.err());
        CliTest.Result command = CliTest.run("serch");
        assertEquals(Main.USAGE, command.code());
        assertEquals(1, command.err().strip().lines().count(), command.err());
        assertTrue(command.err().contains("did you mean search"), command.err());
    }

    /** The registered commands but picocli's completion generator, which has no run to end. */
    private static List<String> commands() {
        List<String> names = new ArrayList<>(new CommandLine(new Main()).getSubcommands().keySet());
        names.remove("generate-completion");
        return names;
    }

    @Test
    void everyCommandListsTheExitCodes() {
        assertTrue(commands().containsAll(List.of("search", "bench", "predict", "info", "draw")), commands().toString());
        for (String c : commands()) {
            CliTest.Result r = CliTest.run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().contains("Exit codes:") && r.out().contains("143"), c + ":\n" + r.out());
        }
    }

    /** Help texts are format strings: a lone % makes picocli print the raw text and a warning. */
    @Test
    void everyHelpTextIsAValidFormatString() {
        CommandLine main = new CommandLine(new Main());
        List<String> texts = new ArrayList<>();
        for (CommandLine cl : main.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
            texts.addAll(List.of(spec.usageMessage().description()));
            texts.addAll(List.of(spec.usageMessage().footer()));
            spec.options().forEach(o -> texts.addAll(List.of(o.description())));
            spec.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
        }
        assertTrue(texts.size() > 50, "help texts found: " + texts.size());
        for (String t : texts) {
            try {
                String.format(t.replace("${DEFAULT-VALUE}", "").replace("${COMPLETION-CANDIDATES}", ""));
            } catch (java.util.IllegalFormatException e) {
                throw new AssertionError("not a format string (" + e.getMessage() + "): " + t, e);
            }
        }
    }

    @Test
    void completionScriptCoversTheCommands() {
        CliTest.Result r = CliTest.run("generate-completion");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out());
        for (String c : commands()) {
            assertTrue(r.out().contains(c), "completion lacks " + c);
        }
    }
}

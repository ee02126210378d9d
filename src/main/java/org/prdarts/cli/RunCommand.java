package org.prdarts.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of the commands that start or continue one run (search, train): where it goes,
 * which run to continue, the job file and the JSON result. The help texts of --out and --resume
 * come from each command's resource bundle.
 */
abstract class RunCommand {

    @Option(names = "--out", descriptionKey = "out")
    Path out;

    @Option(names = "--resume", paramLabel = "RUN_DIR|auto", descriptionKey = "resume")
    String resume;

    @Mixin
    JobFile jobFile;

    @Mixin
    JsonOutput json;

    @Mixin
    MetricsLineOption metrics;
}

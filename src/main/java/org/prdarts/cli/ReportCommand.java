package org.prdarts.cli;

import org.prdarts.report.Reports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `prdarts report`: rebuilds the HTML report of run directories from their files. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rebuild report.html (with normal.svg, reduce.svg, cells.dot) from the files of a search, "
                + "training or comparison directory; several directories give one comparison page.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run or comparison directories.")
    List<Path> dirs;

    @Option(names = "--out", description = "Where to write the comparison page of several directories "
            + "(or of one, when given). Default: DIR/report.html for one directory, ./report.html for several.")
    Path out;

    @Override
    public Integer call() {
        Path report;
        if (out != null) {
            JsonOutput.requireWritable(out);
        }
        if (dirs.size() == 1 && out == null) {
            report = Reports.write(dirs.get(0));
        } else {
            report = Reports.compare(dirs, out != null ? out : Path.of(Reports.FILE));
        }
        System.out.println(SearchCommand.reportLine(report));
        return 0;
    }
}

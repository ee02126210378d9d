package org.prdarts.cli;

import org.prdarts.repro.Manifest;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code prdarts bench --record FILE}: one CSV row per measured figure, appended to FILE, so that
 * measurements collect as data beside the commit, time and machine they were taken on
 * ({@code docs/data/bench.csv} holds the project's). A new or empty FILE gets the header first;
 * fields holding a comma, a quote or a line break are quoted as RFC 4180 says.
 *
 * @param commit {@code HEAD} of the working tree, "-dirty" appended when tracked files differ;
 *     "unknown" outside a git working tree
 * @param date when the command started, ISO 8601 in UTC
 * @param machine the CPU model of {@code /proc/cpuinfo} (else the architecture) and the
 *     processors the JVM may use
 * @param command the command line as given
 */
record BenchRecord(String commit, String date, String machine, String command) {

    /** The first line of every record file. */
    static final String HEADER = "commit,date,machine,command,config,method,metric,value";

    /** One measured figure. */
    record Row(String config, String method, String metric, double value) {
        Row {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite, found " + value + " for " + metric);
            }
        }
    }

    /** The record of this process: its commit, start time, machine and command line. */
    static BenchRecord ofThisRun(List<String> commandLine) {
        Manifest m = Manifest.start(0, null, commandLine, null);
        String commit = m.gitCommit() == null ? "unknown"
                : m.gitCommit() + (Boolean.TRUE.equals(m.gitDirty()) ? "-dirty" : "");
        String cpu = m.cpuModel() == null ? m.osArch() : m.cpuModel();
        return new BenchRecord(commit, m.startTime().toString(), cpu + ", " + m.availableProcessors() + " cores",
                String.join(" ", commandLine));
    }

    /** The CSV line of one row, without its line break. */
    String line(Row r) {
        return String.join(",", field(commit), field(date), field(machine), field(command), field(r.config()),
                field(r.method()), field(r.metric()), number(r.value()));
    }

    /** Appends the rows to {@code file}, after the header when the file is new or empty. */
    void append(Path file, List<Row> rows) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        StringBuilder text = new StringBuilder();
        if (!Files.exists(file) || Files.size(file) == 0) {
            text.append(HEADER).append('\n');
        }
        for (Row r : rows) {
            text.append(line(r)).append('\n');
        }
        // One write of all lines, so that two bench runs recording into one file do not interleave rows.
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A CSV field: quoted, with quotes doubled, when it holds a comma, a quote or a line break. */
    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** A plain decimal rounded to three places, without exponent or trailing zeros. */
    static String number(double value) {
        BigDecimal d = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }
}

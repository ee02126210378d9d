package org.prdarts.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Bad budgets of `prdarts search` and `compare`: one line, exit code 2, nothing written. */
class TimeBudgetCliTest {

    private static void refused(Path out, String expected, String... args) {
        CliTest.assertRefused(out, expected, args);
    }

    @Test
    void badTimesAndWarmupsAreOneLine(@TempDir Path tmp) {
        Path out = tmp.resolve("run");
        refused(out, "time must be a duration such as 90s, 20m, 1h or 1h30m, found 'soon'",
                "search", "--dataset", "synthetic", "--time", "soon", "--out", out.toString());
        refused(out, "warmup-epochs must be below epochs (6) so that the architecture is searched, found 6",
                "search", "--dataset", "synthetic", "--epochs", "6", "--warmup-epochs", "6", "--out", out.toString());
        refused(out, "warmup-epochs must be >= 0, found -1",
                "search", "--dataset", "synthetic", "--warmup-epochs", "-1", "--out", out.toString());
        refused(out, "budget equal-time needs --time",
                "compare", "--dataset", "synthetic", "--epochs", "1", "--budget", "equal-time", "--out",
                out.toString());
        refused(out, "budget must be equal-epochs, equal-time or paper-ratio, found 'same'",
                "compare", "--dataset", "synthetic", "--budget", "same", "--out", out.toString());
    }
}

package org.prdarts.cli;

import picocli.CommandLine.Option;

import java.util.Locale;

import static org.prdarts.cli.SearchOptions.or;

/** Where and within what a run executes, shared by search, compare and train (a picocli mixin). */
public final class RunOptions {

    @Option(names = "--device", description = "cpu or gpu. Default: cpu (paper preset: gpu).")
    String device;

    @Option(names = "--threads", description = "Engine threads, at most 4 per processor; 0 = engine default (all cores). "
            + "Default: 0.")
    Integer threads;

    @Option(names = "--max-memory", paramLabel = "SIZE", description = "Refuse a run whose memory estimate "
            + "exceeds SIZE, e.g. 8g, 512m, 100k or bytes. Default: the memory the system has available.")
    String maxMemory;

    String deviceOr(String fallback) {
        return or(device, fallback);
    }

    int threadsOr(int fallback) {
        return or(threads, fallback);
    }

    /** The memory limit in bytes; 0 when --max-memory is not given (the available memory applies). */
    public long maxMemoryBytes() {
        return maxMemory == null ? 0 : parseBytes("max-memory", maxMemory);
    }

    /** A size such as "8g", "512m", "100k" or "4096" (bytes), binary multiples. */
    static long parseBytes(String field, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.endsWith("b") && t.length() > 1 && "kmgt".indexOf(t.charAt(t.length() - 2)) >= 0) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t);
            if (v < 1 || v > (Long.MAX_VALUE >> shift)) {
                throw new IllegalArgumentException(field + " must be between 1 byte and 8 exbibytes, found '"
                        + text + "'");
            }
            return v << shift;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a size such as 8g, 512m, 100k or a byte count, "
                    + "found '" + text + "'");
        }
    }
}

package org.prdarts.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory of this process as the Linux kernel counts it, Java heap and native (PyTorch)
 * memory together, read from {@code /proc/self/status}.
 *
 * <p>Where that file is absent (macOS, Windows) every value is empty. The peak cannot be reset:
 * Linux only lets a process clear its high-water mark through {@code /proc/self/clear_refs},
 * which needs privileges a training run should not have, so the peak covers the whole process
 * life, JVM start-up included.
 */
public final class MemoryProbe {

    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryProbe() {
    }

    /** Current resident set size in bytes ({@code VmRSS}). */
    public static OptionalLong residentBytes() {
        return readField("VmRSS");
    }

    /** Highest resident set size so far in bytes ({@code VmHWM}). */
    public static OptionalLong peakResidentBytes() {
        return readField("VmHWM");
    }

    private static OptionalLong readField(String field) {
        if (!Files.isReadable(STATUS)) {
            return OptionalLong.empty();
        }
        try {
            return parseStatusField(Files.readString(STATUS), field);
        } catch (IOException e) {
            // Reading procfs only fails when the process is going away or procfs is restricted;
            // memory figures are informative, so their absence must not stop a run.
            return OptionalLong.empty();
        }
    }

    /**
     * The value in bytes of a {@code Name:   1234 kB} line of a {@code /proc/<pid>/status} text,
     * empty when the line is missing or not in that form.
     */
    static OptionalLong parseStatusField(String statusText, String field) {
        String prefix = field + ":";
        for (String line : statusText.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String[] parts = line.substring(prefix.length()).trim().split("\\s+");
            if (parts.length != 2 || !parts[1].equalsIgnoreCase("kB")) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024L);
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}

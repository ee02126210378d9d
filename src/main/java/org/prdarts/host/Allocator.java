package org.prdarts.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The malloc implementation this process runs on, read from the libraries mapped into it: glibc's
 * own, or one preloaded in its place (the launcher's {@code PRDARTS_MALLOC=tcmalloc}). The engine
 * allocates every tensor through it, so it decides how much freed memory stays resident.
 */
public final class Allocator {
    private static final Path MAPS = Path.of("/proc/self/maps");

    private Allocator() {
    }

    /** "tcmalloc", "jemalloc" or "glibc malloc" ("unknown" where the process's mappings cannot be read). */
    public static String current() {
        try {
            return name(Files.readAllLines(MAPS));
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The allocator named by the mapped files listed in {@code /proc/self/maps} lines. */
    static String name(List<String> mapsLines) {
        for (String line : mapsLines) {
            if (line.contains("libtcmalloc")) {
                return "tcmalloc";
            }
            if (line.contains("libjemalloc")) {
                return "jemalloc";
            }
        }
        return "glibc malloc";
    }
}

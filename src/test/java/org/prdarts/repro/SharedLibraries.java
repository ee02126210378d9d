package org.prdarts.repro;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Shared libraries of the machine, found as the launcher finds them: through {@code ldconfig -p}. */
public final class SharedLibraries {
    private SharedLibraries() {
    }

    /** Where the dynamic linker finds the library {@code soname} (e.g. "libc_malloc_debug.so.0"), or null. */
    public static Path find(String soname) throws IOException, InterruptedException {
        String ldconfig = Files.isExecutable(Path.of("/sbin/ldconfig")) ? "/sbin/ldconfig" : "ldconfig";
        Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
        Path found = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                String t = line.trim();
                if (found == null && t.startsWith(soname + " ") && t.contains("=> ")) {
                    found = Path.of(t.substring(t.lastIndexOf("=> ") + 3).trim());
                }
            }
        }
        p.waitFor(30, TimeUnit.SECONDS);
        return found;
    }
}

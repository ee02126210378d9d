package org.prdarts.cli;

import ai.djl.engine.Engine;
import org.prdarts.host.Allocator;
import org.prdarts.host.JavaHeap;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * {@code prdarts --version}: the project's version and the DJL and PyTorch versions it was built
 * against (written into the build by Maven), and the engine actually loaded, which differs when a
 * CUDA build of libtorch is selected through PYTORCH_LIBRARY_PATH, the memory allocator the
 * process runs on, and its Java heap's collector and bounds.
 */
final class BuildVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("/org/prdarts/build.properties")) {
            if (in == null) {
                throw new IOException("the build's version file is missing from the class path");
            }
            p.load(in);
        }
        String loaded;
        try {
            Engine e = Engine.getInstance();
            loaded = e.getEngineName() + " " + e.getVersion();
        } catch (RuntimeException | LinkageError ex) {
            loaded = "not loadable (" + ex.getMessage() + ")";
        }
        String allocator = Allocator.current();
        if (allocator.equals("glibc malloc")) {
            String arenas = System.getenv("MALLOC_ARENA_MAX");
            allocator += arenas == null ? "" : " (MALLOC_ARENA_MAX=" + arenas + ")";
        }
        return new String[] {
            "prdarts " + p.getProperty("version"),
            "built with DJL " + p.getProperty("djl") + " and PyTorch " + p.getProperty("pytorch"),
            "engine loaded: " + loaded,
            "memory allocator: " + allocator,
            "Java heap: " + JavaHeap.describe(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}

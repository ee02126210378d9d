package org.prdarts.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path tmp;

    @Test
    void startCollectsPlatformFieldsWithoutAnEngine() {
        Manifest m = Manifest.start(42, null, List.of("search", "--seed", "42"), null);
        assertEquals(System.getProperty("java.version"), m.javaVersion());
        assertFalse(m.javaVersion().isBlank());
        assertTrue(m.availableProcessors() > 0);
        assertEquals(Runtime.getRuntime().availableProcessors(), m.availableProcessors());
        assertEquals(System.getProperty("os.arch"), m.osArch());
        assertEquals("0.36.0", m.djlVersion());
        assertNull(m.engine());
        assertNull(m.gpuCount());
        assertEquals(42, m.seed());
        assertEquals(List.of("search", "--seed", "42"), m.commandLine());
        assertEquals(Path.of("").toAbsolutePath().toString(), m.workingDirectory());
        assertNull(m.endTime());
        assertNull(m.outcome());
        // x86 Linux always names the model; ARM kernels may not.
        if (Files.isReadable(Path.of("/proc/cpuinfo")) && m.osArch().equals("amd64")) {
            assertNotNull(m.cpuModel());
        }
        if (m.gitCommit() != null) {
            assertNotNull(m.gitDirty());
        }
    }

    @Test
    void startWithTheEngineRecordsItAndFinishCompletes() throws IOException {
        Manifest m = Manifest.start(7, Device.cpu(), List.of("train"));
        assertEquals("PyTorch", m.engine());
        assertEquals(Engine.getInstance().getVersion(), m.engineVersion());
        assertTrue(m.engineVersion().matches("\\d+\\.\\d+\\.\\d+.*"), m.engineVersion());
        assertEquals("cpu()", m.device());
        assertTrue(m.gpuCount() >= 0);
        assertTrue(m.intraOpThreads() >= 1);
        assertTrue(m.interOpThreads() >= 1);

        Manifest done = m.finish();
        assertEquals(Manifest.COMPLETED, done.outcome());
        assertFalse(done.endTime().isBefore(done.startTime()));
        assertTrue(done.duration().orElseThrow().toMillis() >= 0);
        assertEquals(m.startTime(), done.startTime());
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue(done.peakResidentBytes() > 0);
        }
        assertEquals("failed: diverged", m.finish("failed: diverged").outcome());
        assertThrows(IllegalArgumentException.class, () -> m.finish(" "));

        try (RunDirectory run = RunDirectory.create(tmp.resolve("run"), "darts")) {
            run.writeManifest(done);
            assertEquals(done, run.readManifest());
            String text = Files.readString(run.file(RunDirectory.MANIFEST));
            assertTrue(text.contains("\"startTime\": \"" + done.startTime() + "\""), text);
        }
    }

    @Test
    void cpuModelIsTheFirstModelName() {
        String cpuinfo = "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel\t\t: 85\n"
                + "model name\t: Intel(R) Xeon(R) CPU @ 2.00GHz\n\nprocessor\t: 1\n"
                + "model name\t: Other\n";
        assertEquals("Intel(R) Xeon(R) CPU @ 2.00GHz", Manifest.cpuModel(cpuinfo));
        assertNull(Manifest.cpuModel("processor\t: 0\nmodel\t: 85\n"));
    }

    @Test
    void validationNamesTheField() {
        Manifest m = Manifest.start(1, "cpu()", List.of(), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Manifest(m.javaVersion(), m.javaVendor(), m.djlVersion(), null, null,
                        m.osName(), m.osVersion(), m.osArch(), null, 0, null, null, null, null, 1,
                        null, null, List.of(), "/", m.startTime(), null, null, null, null));
        assertEquals("availableProcessors must be >= 1, found 0", e.getMessage());
    }
}

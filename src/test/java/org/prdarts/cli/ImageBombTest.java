package org.prdarts.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.prdarts.data.BombPng;
import org.prdarts.data.DataException;
import org.prdarts.data.ImageFolderReader;
import org.prdarts.repro.CliChild;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images whose header claims more pixels than a run can hold are refused before they are decoded. */
class ImageBombTest {

    @Test
    void aHugeImageIsRefusedFromItsHeader(@TempDir Path tmp) throws Exception {
        Path bomb = BombPng.write(tmp.resolve("bomb.png"), 20000, 20000);
        assertTrue(Files.size(bomb) < 2_000_000, "a small file: " + Files.size(bomb));
        long t0 = System.nanoTime();
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.readImage(bomb));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused from the header, not decoded");
        assertEquals(bomb + ": image of 20000 x 20000 pixels is too large (at most 40,000,000 pixels); shrink it first",
                e.getMessage());
        // a device or a pipe is not an image file
        assertEquals("/dev/zero: not a regular file (an image must be a PNG or JPEG file)",
                assertThrows(DataException.class, () -> ImageFolderReader.readImage(Path.of("/dev/zero"))).getMessage());
    }

    /**
     * The launcher's heap options, a folder data set holding the bomb: exit 2 with one line, within
     * seconds and a few hundred MB resident (decoding it took 2.9 GB and ended out of memory).
     */
    @Test
    void aSearchOnAFolderWithABombEndsWithOneLine(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        BufferedImage small = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        for (String split : List.of("train", "test")) {
            for (String c : List.of("a", "b")) {
                Files.createDirectories(data.resolve(split).resolve(c));
                ImageIO.write(small, "png", data.resolve(split).resolve(c).resolve("0.png").toFile());
            }
        }
        Path bomb = BombPng.write(data.resolve("train").resolve("b").resolve("1.png"), 20000, 20000);
        Path out = tmp.resolve("run");
        Path rss = tmp.resolve("rss.txt");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rss.toString()));
        List<String> java = CliChild.command(List.of("search", "--dataset", "folder", "--data-dir", data.toString(),
                "--image-size", "8", "--image-channels", "1", "--channels", "4", "--layers", "3", "--nodes", "2",
                "--epochs", "1", "--batch-size", "2", "--out", out.toString()));
        cmd.add(java.get(0));
        cmd.addAll(List.of("-XX:+UseSerialGC", "-Xms64m", "-Xmn32m", "-Xmx4g"));
        cmd.addAll(java.subList(1, java.size()));
        File log = tmp.resolve("log.txt").toFile();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the search did not end");
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text = Files.readString(log.toPath()).strip();
        assertEquals(2, p.exitValue(), text);
        assertEquals("prdarts: " + bomb + ": image of 20000 x 20000 pixels is too large (at most 40,000,000 pixels); "
                + "shrink it first", text);
        assertFalse(Files.exists(out), "no run directory");
        long kib = Long.parseLong(Files.readString(rss).strip().lines().reduce((a, b) -> b).orElseThrow().strip());
        assertTrue(kib < 600 * 1024, "peak resident " + kib + " KiB");
        assertTrue(seconds < 30, seconds + " s");
    }
}

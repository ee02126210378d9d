package org.prdarts.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenotypesTest {

    @Test
    void constantsMatchThePublishedCells() {
        assertEquals(new Genotype.Pair("sep_conv_3x3", 1), Genotypes.DARTS_V1.normal().get(0));
        assertEquals(new Genotype.Pair("avg_pool_3x3", 0), Genotypes.DARTS_V1.reduce().get(7));
        assertEquals(new Genotype.Pair("dil_conv_3x3", 2), Genotypes.DARTS_V2.normal().get(7));
        assertEquals(new Genotype.Pair("dil_conv_3x3", 4), Genotypes.PRDARTS.normal().get(6));
        assertEquals(new Genotype.Pair("sep_conv_5x5", 1), Genotypes.PRDARTS.reduce().get(4));
        for (Genotype g : Genotypes.all().values()) {
            assertEquals(8, g.normal().size());
            assertEquals(8, g.reduce().size());
            assertEquals(List.of(2, 3, 4, 5), g.normalConcat());
            assertEquals(List.of(2, 3, 4, 5), g.reduceConcat());
        }
        assertEquals(List.of("DARTS_V1", "DARTS_V2", "PRDARTS"), List.copyOf(Genotypes.all().keySet()));
    }

    @Test
    void namedIgnoresCaseAndSeparators() {
        assertSame(Genotypes.DARTS_V2, Genotypes.named("darts_v2").orElseThrow());
        assertSame(Genotypes.DARTS_V1, Genotypes.named("Darts-V1").orElseThrow());
        assertSame(Genotypes.PRDARTS, Genotypes.named("pr_darts").orElseThrow());
        assertFalse(Genotypes.named("darts_v3").isPresent());
        assertFalse(Genotypes.named(null).isPresent());
    }

    @Test
    void resolvesNameAndInlineNotation() {
        assertSame(Genotypes.PRDARTS, Genotypes.resolve("PRDARTS"));
        assertEquals(Genotypes.DARTS_V2, Genotypes.resolve(GenotypeFormat.format(Genotypes.DARTS_V2)));
    }

    @Test
    void resolvesFiles(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("cell.json");
        GenotypeJson.write(json, Genotypes.DARTS_V1);
        assertEquals(Genotypes.DARTS_V1, Genotypes.resolve(json.toString()));

        Path txt = dir.resolve("cell.txt");
        Files.writeString(txt, "PRDARTS = " + GenotypeFormat.format(Genotypes.PRDARTS) + "\n");
        assertEquals(Genotypes.PRDARTS, Genotypes.resolve(txt.toString()));

        Path run = dir.resolve("run-7");
        GenotypeJson.write(run.resolve(Genotypes.RUN_FILE_JSON), Genotypes.DARTS_V2);
        assertEquals(Genotypes.DARTS_V2, Genotypes.resolve(run.toString()));

        Path textRun = dir.resolve("run-8");
        Files.createDirectories(textRun);
        Files.writeString(textRun.resolve(Genotypes.RUN_FILE_TEXT), GenotypeFormat.format(Genotypes.DARTS_V1));
        assertEquals(Genotypes.DARTS_V1, Genotypes.resolve(textRun.toString()));
    }

    @Test
    void errorsNameWhatWasTried(@TempDir Path dir) throws IOException {
        GenotypeException unknown = assertThrows(GenotypeException.class, () -> Genotypes.resolve("darts_v3"));
        String m = unknown.getMessage();
        assertTrue(m.startsWith("cannot resolve genotype 'darts_v3': not a known name (DARTS_V1, DARTS_V2, PRDARTS); "
                + "no file or directory "), m);
        assertTrue(m.contains("; not DARTS notation: genotype text: "), m);
        assertFalse(m.contains("\n"), m);

        Path empty = dir.resolve("empty-run");
        Files.createDirectories(empty);
        assertEquals("directory " + empty + " holds neither genotype.json nor genotype.txt",
                assertThrows(GenotypeException.class, () -> Genotypes.resolve(empty.toString())).getMessage());

        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "Genotype(normal=[('conv_9x9', 0)])");
        String badMessage = assertThrows(GenotypeException.class, () -> Genotypes.resolve(bad.toString())).getMessage();
        assertTrue(badMessage.startsWith(bad + " (read as DARTS notation): "), badMessage);

        assertThrows(GenotypeException.class, () -> Genotypes.resolve("  "));
    }
}

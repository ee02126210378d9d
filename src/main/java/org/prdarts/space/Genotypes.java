package org.prdarts.space;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Published cells as named constants, and one entry point that turns whatever a user passes
 * (a name, a file, a run directory, DARTS notation) into a genotype.
 */
public final class Genotypes {
    /** File a run directory stores its derived genotype in. */
    public static final String RUN_FILE_JSON = "genotype.json";
    /** DARTS-notation fallback inside a run directory. */
    public static final String RUN_FILE_TEXT = "genotype.txt";

    /** DARTS first order (Liu et al., ICLR 2019), as in DARTS' genotypes.py. */
    public static final Genotype DARTS_V1 = GenotypeFormat.parse(
            "Genotype(normal=[('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 0), ('sep_conv_3x3', 1),"
                    + " ('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 2)],"
                    + " normal_concat=[2, 3, 4, 5],"
                    + " reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 0),"
                    + " ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('avg_pool_3x3', 0)],"
                    + " reduce_concat=[2, 3, 4, 5])");

    /** DARTS second order (Liu et al., ICLR 2019), as in DARTS' genotypes.py. */
    public static final Genotype DARTS_V2 = GenotypeFormat.parse(
            "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('sep_conv_3x3', 1),"
                    + " ('sep_conv_3x3', 1), ('skip_connect', 0), ('skip_connect', 0), ('dil_conv_3x3', 2)],"
                    + " normal_concat=[2, 3, 4, 5],"
                    + " reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1),"
                    + " ('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)],"
                    + " reduce_concat=[2, 3, 4, 5])");

    /** The PR-DARTS CIFAR-10 cell (Zhou et al., NeurIPS 2020). */
    public static final Genotype PRDARTS = GenotypeFormat.parse(
            "Genotype(normal=[('skip_connect', 0), ('sep_conv_3x3', 1), ('dil_conv_3x3', 2), ('sep_conv_3x3', 0),"
                    + " ('dil_conv_3x3', 3), ('sep_conv_3x3', 1), ('dil_conv_3x3', 4), ('dil_conv_3x3', 1)],"
                    + " normal_concat=[2, 3, 4, 5],"
                    + " reduce=[('avg_pool_3x3', 0), ('dil_conv_5x5', 1), ('sep_conv_3x3', 0), ('dil_conv_5x5', 2),"
                    + " ('sep_conv_5x5', 1), ('dil_conv_3x3', 3), ('dil_conv_5x5', 4), ('dil_conv_5x5', 1)],"
                    + " reduce_concat=[2, 3, 4, 5])");

    private static final Map<String, Genotype> NAMED;

    static {
        Map<String, Genotype> m = new LinkedHashMap<>();
        m.put("DARTS_V1", DARTS_V1);
        m.put("DARTS_V2", DARTS_V2);
        m.put("PRDARTS", PRDARTS);
        NAMED = Collections.unmodifiableMap(m);
    }

    private Genotypes() {
    }

    /** The named genotypes, in declaration order. */
    public static Map<String, Genotype> all() {
        return NAMED;
    }

    /**
     * A published genotype by name; case is ignored and so are '-' and '_', so "darts-v2",
     * "DARTS_V2" and "pr_darts" all match.
     */
    public static Optional<Genotype> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String key = normalize(name);
        for (Map.Entry<String, Genotype> e : NAMED.entrySet()) {
            if (normalize(e.getKey()).equals(key)) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    private static String normalize(String name) {
        return name.strip().replace("-", "").replace("_", "").toUpperCase(Locale.ROOT);
    }

    /**
     * Resolves, in this order: a published name; an existing directory holding genotype.json (or
     * genotype.txt); an existing file (JSON when it ends in .json or starts with '{', DARTS
     * notation otherwise); DARTS notation given inline.
     *
     * @throws GenotypeException naming each interpretation tried and why it failed
     */
    public static Genotype resolve(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new GenotypeException("genotype must be a name (" + String.join(", ", NAMED.keySet())
                    + "), a .json/.txt file, a run directory or DARTS notation, found an empty value");
        }
        Optional<Genotype> byName = named(spec);
        if (byName.isPresent()) {
            return byName.get();
        }
        Path path = asPath(spec.strip());
        if (path != null && Files.isDirectory(path)) {
            return fromRunDirectory(path);
        }
        if (path != null && Files.isRegularFile(path)) {
            return fromFile(path);
        }
        try {
            return GenotypeFormat.parse(spec);
        } catch (GenotypeException e) {
            if (spec.strip().startsWith("Genotype(")) {
                // meant as notation: the path and name readings would only bury the parser's message
                throw new GenotypeException("genotype '" + abbreviate(spec.strip()) + "' is neither a file nor "
                        + "valid DARTS notation: " + quote(e.getMessage(), 200), e);
            }
            List<String> tried = new ArrayList<>();
            tried.add("not a known name (" + String.join(", ", NAMED.keySet()) + ")");
            tried.add(path == null ? "not a valid path" : "no file or directory " + path.toAbsolutePath());
            tried.add("not DARTS notation: " + quote(e.getMessage(), 200));
            throw new GenotypeException("cannot resolve genotype '" + abbreviate(spec.strip()) + "': "
                    + String.join("; ", tried), e);
        }
    }

    private static Genotype fromRunDirectory(Path dir) {
        Path json = dir.resolve(RUN_FILE_JSON);
        if (Files.isRegularFile(json)) {
            return GenotypeJson.read(json);
        }
        Path text = dir.resolve(RUN_FILE_TEXT);
        if (Files.isRegularFile(text)) {
            return fromFile(text);
        }
        throw new GenotypeException("directory " + dir + " holds neither " + RUN_FILE_JSON + " nor "
                + RUN_FILE_TEXT);
    }

    private static Genotype fromFile(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read genotype file " + file, e);
        }
        boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")
                || content.stripLeading().startsWith("{");
        try {
            return json ? GenotypeJson.fromJson(content) : GenotypeFormat.parse(content);
        } catch (GenotypeException e) {
            throw new GenotypeException(file + " (read as " + (json ? "JSON" : "DARTS notation") + "): "
                    + e.getMessage(), e);
        }
    }

    private static Path asPath(String spec) {
        try {
            return Path.of(spec);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** At most {@code max} characters of a message that may echo a long input. */
    private static String quote(String s, int max) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > max ? oneLine.substring(0, max) + "..." : oneLine;
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 60 ? oneLine.substring(0, 60) + "..." : oneLine;
    }
}

package org.prdarts.space;

import org.prdarts.space.ops.Ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenotypeFormatTest {
    /** Python 3: repr(DARTS_V2) with the namedtuple and constant of DARTS' genotypes.py. */
    private static final String DARTS_V2_REPR = "Genotype(normal=[('sep_conv_3x3', 0), ('sep_conv_3x3', 1), "
            + "('sep_conv_3x3', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 1), ('skip_connect', 0), "
            + "('skip_connect', 0), ('dil_conv_3x3', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), "
            + "('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1), ('max_pool_3x3', 0), "
            + "('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)], reduce_concat=[2, 3, 4, 5])";

    private static final String SMALL = "Genotype(normal=[('sep_conv_3x3', 1), ('skip_connect', 0)], "
            + "normal_concat=[2], reduce=[('max_pool_3x3', 0), ('dil_conv_5x5', 1)], reduce_concat=[2])";

    @Test
    void formatsExactlyAsPythonPrintsDarts() {
        assertEquals(DARTS_V2_REPR, GenotypeFormat.format(Genotypes.DARTS_V2));
    }

    @Test
    void formatsThePublishedCellsByteExactly() {
        assertEquals("Genotype(normal=[('sep_conv_3x3', 1), ('sep_conv_3x3', 0), ('skip_connect', 0), "
                + "('sep_conv_3x3', 1), ('skip_connect', 0), ('sep_conv_3x3', 1), ('sep_conv_3x3', 0), "
                + "('skip_connect', 2)], normal_concat=[2, 3, 4, 5], reduce=[('max_pool_3x3', 0), "
                + "('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 0), ('max_pool_3x3', 0), "
                + "('skip_connect', 2), ('skip_connect', 2), ('avg_pool_3x3', 0)], reduce_concat=[2, 3, 4, 5])",
                GenotypeFormat.format(Genotypes.DARTS_V1));
        assertEquals("Genotype(normal=[('skip_connect', 0), ('sep_conv_3x3', 1), ('dil_conv_3x3', 2), "
                + "('sep_conv_3x3', 0), ('dil_conv_3x3', 3), ('sep_conv_3x3', 1), ('dil_conv_3x3', 4), "
                + "('dil_conv_3x3', 1)], normal_concat=[2, 3, 4, 5], reduce=[('avg_pool_3x3', 0), "
                + "('dil_conv_5x5', 1), ('sep_conv_3x3', 0), ('dil_conv_5x5', 2), ('sep_conv_5x5', 1), "
                + "('dil_conv_3x3', 3), ('dil_conv_5x5', 4), ('dil_conv_5x5', 1)], reduce_concat=[2, 3, 4, 5])",
                GenotypeFormat.format(Genotypes.PRDARTS));
    }

    @Test
    void everyNamedGenotypeRoundTrips() {
        for (Map.Entry<String, Genotype> e : Genotypes.all().entrySet()) {
            String text = GenotypeFormat.format(e.getValue());
            Genotype back = GenotypeFormat.parse(text);
            assertEquals(e.getValue(), back, e.getKey());
            assertEquals(text, GenotypeFormat.format(back), e.getKey());
        }
    }

    @Test
    void parsesSmallCellIntoExpectedPairs() {
        Genotype g = GenotypeFormat.parse(SMALL);
        assertEquals(List.of(new Genotype.Pair("sep_conv_3x3", 1), new Genotype.Pair("skip_connect", 0)), g.normal());
        assertEquals(List.of(2), g.normalConcat());
        assertEquals(new Genotype.Pair("dil_conv_5x5", 1), g.reduce().get(1));
        assertEquals(1, g.nodes());
        assertEquals(SMALL, GenotypeFormat.format(g));
    }

    @Test
    void acceptsDoubleQuotesRangeNewlinesAndTrailingCommas() {
        String text = "Genotype(\n"
                + "  normal=[(\"sep_conv_3x3\", 0), (\"sep_conv_3x3\", 1), (\"sep_conv_3x3\", 0),\n"
                + "          (\"sep_conv_3x3\", 1), (\"sep_conv_3x3\", 1), (\"skip_connect\", 0),\n"
                + "          (\"skip_connect\", 0), (\"dil_conv_3x3\", 2),],\n"
                + "  normal_concat=range(2, 6),\n"
                + "  reduce=[('max_pool_3x3', 0), ('max_pool_3x3', 1), ('skip_connect', 2), ('max_pool_3x3', 1),\n"
                + "\t('max_pool_3x3', 0), ('skip_connect', 2), ('skip_connect', 2), ('max_pool_3x3', 1)],\n"
                + "  reduce_concat = range( 2 , 6 ),\n"
                + ")\n";
        assertEquals(Genotypes.DARTS_V2, GenotypeFormat.parse(text));
    }

    @Test
    void acceptsBareFieldsPositionalValuesAssignmentAndListPairs() {
        String bare = "normal=[('sep_conv_3x3', 1), ('skip_connect', 0)], normal_concat=[2], "
                + "reduce=[('max_pool_3x3', 0), ('dil_conv_5x5', 1)], reduce_concat=[2]";
        Genotype expected = GenotypeFormat.parse(SMALL);
        assertEquals(expected, GenotypeFormat.parse(bare));
        assertEquals(expected, GenotypeFormat.parse("SMALL = " + SMALL));
        assertEquals(expected, GenotypeFormat.parse("Genotype([['sep_conv_3x3', 1], ['skip_connect', 0]], (2,), "
                + "reduce_concat=range(2, 3), reduce=[('max_pool_3x3', 0), ('dil_conv_5x5', 1)])"));
    }

    @Test
    void rangeWithOneAndThreeArguments() {
        Genotype g = GenotypeFormat.parse(SMALL.replace("normal_concat=[2]", "normal_concat=range(3)")
                .replace("reduce_concat=[2]", "reduce_concat=range(2, 0, -1)"));
        assertEquals(List.of(0, 1, 2), g.normalConcat());
        assertEquals(List.of(2, 1), g.reduceConcat());
    }

    @Test
    void unknownOpIsNamed() {
        GenotypeException e = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace("dil_conv_5x5", "conv_9x9")));
        assertEquals("reduce cell node 0 (pair 1) has unknown op 'conv_9x9'; known ops: " + String.join(", ", Ops.names()),
                e.getMessage());
    }

    @Test
    void inputOutOfRangeIsNamed() {
        GenotypeException e = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace("('skip_connect', 0)", "('skip_connect', 2)")));
        assertEquals("normal cell node 0 (pair 1) reads input 2, out of range: node 0 may read inputs 0..1",
                e.getMessage());
        assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace("('skip_connect', 0)", "('skip_connect', -1)")));
    }

    @Test
    void oddPairCountIsRejected() {
        GenotypeException e = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace(", ('skip_connect', 0)", "")));
        assertEquals("normal cell has 1 (op, input) pairs; each node needs exactly 2, so the count must be even",
                e.getMessage());
    }

    @Test
    void differentNodeCountsAreRejected() {
        String text = GenotypeFormat.format(Genotypes.PRDARTS)
                .replace("('dil_conv_5x5', 4), ('dil_conv_5x5', 1)], reduce_concat=[2, 3, 4, 5]",
                        "], reduce_concat=[2, 3, 4]");
        GenotypeException e = assertThrows(GenotypeException.class, () -> GenotypeFormat.parse(text));
        assertEquals("reduce cell has 3 nodes but normal cell has 4; both cells must have the same node count",
                e.getMessage());
    }

    @Test
    void noneAndBadConcatAreRejected() {
        GenotypeException none = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace("'max_pool_3x3'", "'none'")));
        assertEquals("reduce cell node 0 (pair 0) uses op 'none'; a derived cell cannot contain none",
                none.getMessage());
        GenotypeException concat = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace("normal_concat=[2]", "normal_concat=[2, 3]")));
        assertEquals("normal_concat index 3 out of range 0..2 for a cell with 1 nodes", concat.getMessage());
        assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace("reduce_concat=[2]", "reduce_concat=[]")));
        assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace("reduce_concat=[2]", "reduce_concat=[2, 2]")));
    }

    @Test
    void syntaxErrorsGiveThePosition() {
        GenotypeException garbage = assertThrows(GenotypeException.class, () -> GenotypeFormat.parse("hello world"));
        assertEquals("genotype text: expected '[' starting the normal list, found 'hello' at column 1",
                garbage.getMessage());
        GenotypeException unclosed = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse("Genotype(normal=[('sep_conv_3x3', 1)"));
        assertEquals("genotype text: expected ',' or ']' in the normal list, found end of text at column 37",
                unclosed.getMessage());
        GenotypeException quote = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse("Genotype(normal=[('sep_conv_3x3, 1)])"));
        assertTrue(quote.getMessage().startsWith("genotype text: unterminated string starting at column 19"),
                quote.getMessage());
        GenotypeException field = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace("reduce_concat", "reduce_cat")));
        assertTrue(field.getMessage().startsWith("genotype text: unknown field 'reduce_cat'"), field.getMessage());
        GenotypeException missing = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace(", reduce_concat=[2]", "")));
        assertEquals("genotype text: missing field reduce_concat", missing.getMessage());
        GenotypeException twice = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse(SMALL.replace("reduce_concat=[2]", "normal_concat=[2]")));
        assertTrue(twice.getMessage().startsWith("genotype text: field normal_concat given twice"), twice.getMessage());
        GenotypeException multiLine = assertThrows(GenotypeException.class,
                () -> GenotypeFormat.parse("Genotype(\nnormal=[('sep_conv_3x3' 1)])"));
        assertEquals("genotype text: expected ',' after the op name in normal, found '1' at line 2, column 25",
                multiLine.getMessage());
        assertThrows(GenotypeException.class, () -> GenotypeFormat.parse(SMALL + " extra"));
        assertThrows(GenotypeException.class, () -> GenotypeFormat.parse(SMALL.replace("1)", "99999999999)")));
        assertThrows(GenotypeException.class, () -> GenotypeFormat.parse("  \n "));
        assertThrows(GenotypeException.class, () -> GenotypeFormat.parse("__import__('os').system('true')"));
    }
}

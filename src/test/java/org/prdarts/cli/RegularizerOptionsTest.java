package org.prdarts.cli;

import org.junit.jupiter.api.Test;
import org.prdarts.search.reg.PathRegularizer;
import org.prdarts.search.reg.RegularizerConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The path weight follows the path factor unless it is given. */
class RegularizerOptionsTest {

    private static RegularizerConfig apply(String factor, Double lambdaPath, RegularizerConfig base) {
        RegularizerOptions o = new RegularizerOptions();
        o.pathFactor = factor;
        o.lambdaPath = lambdaPath;
        return o.applyTo(base);
    }

    @Test
    void theSumFactorTakesThePapersWeightAndAGivenWeightWins() {
        RegularizerConfig base = RegularizerConfig.defaults();
        assertEquals(0.1, apply(null, null, base).lambdaPath(), "the mean factor's measured default");
        RegularizerConfig sum = apply("sum", null, base);
        assertEquals(PathRegularizer.Factor.SUM, sum.pathFactor());
        assertEquals(0.005, sum.lambdaPath(), "the paper's weight for its sum");
        assertEquals(0.3, apply("sum", 0.3, base).lambdaPath());
        assertEquals(0.1, apply("mean", null, sum).lambdaPath(), "back to mean, back to its default");
        // a weight the base chose (a job file, a preset) is kept when only the factor changes
        RegularizerConfig chosen = base.withLambdas(0.01, 0.005, 0.2);
        assertEquals(0.2, apply("sum", null, chosen).lambdaPath());
    }
}

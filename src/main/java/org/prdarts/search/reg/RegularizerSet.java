package org.prdarts.search.reg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PR-DARTS architecture regularizer (Zhou et al., NeurIPS 2020):
 * {@code lambda1 * L_skip + lambda2 * L_nonskip - lambda3 * L_path}, added to the validation
 * cross-entropy in every beta step from the first one. In the reference-code form the pool group
 * is added under lambda2 too, as the reference implementation does:
 * {@code lambda1 * L_skip + lambda2 * (L_nonskip + L_pool) - lambda3 * L_path}.
 *
 * <p>A term whose lambda is 0 is not computed, so the ablations (gates alone: all 0; sparsity
 * alone: path 0; path alone: skip and non-skip 0) cost nothing extra.
 */
public final class RegularizerSet {

    private final RegularizerConfig config;
    private final List<Regularizer> terms = new ArrayList<>();
    private final List<Double> coefficients = new ArrayList<>();

    public RegularizerSet(RegularizerConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("regularizer config must not be null");
        }
        this.config = config;
        Regularizer.Form form = config.form();
        double threshold = config.hingeThreshold();
        add(new SkipRegularizer(form, threshold), config.lambdaSkip());
        add(new NonSkipRegularizer(form, threshold), config.lambdaNonSkip());
        if (form == Regularizer.Form.REFERENCE_CODE) {
            add(new PoolRegularizer(threshold), config.lambdaNonSkip());
        }
        add(new PathRegularizer(form, config.pathFactor()), -config.lambdaPath());
    }

    private void add(Regularizer term, double coefficient) {
        if (coefficient != 0) {
            terms.add(term);
            coefficients.add(coefficient);
        }
    }

    public RegularizerConfig config() {
        return config;
    }

    /** The terms that are computed (those with a non-zero lambda), in evaluation order. */
    public List<Regularizer> terms() {
        return Collections.unmodifiableList(terms);
    }

    /** Signed coefficient of each computed term in the total, by term name. */
    public Map<String, Double> coefficients() {
        Map<String, Double> c = new LinkedHashMap<>();
        for (int i = 0; i < terms.size(); i++) {
            c.put(terms.get(i).name(), coefficients.get(i));
        }
        return Collections.unmodifiableMap(c);
    }

    /**
     * One term alone, times its coefficient (the part of the total it contributes), in the autograd
     * graph; null when the set does not compute a term of that name.
     */
    public NDArray weighted(RegularizerInput in, String name) {
        for (int i = 0; i < terms.size(); i++) {
            if (terms.get(i).name().equals(name)) {
                return CellTerms.scale(terms.get(i).value(in), coefficients.get(i));
            }
        }
        return null;
    }

    /** Computes every term with a non-zero lambda and their weighted total. */
    public Evaluation evaluate(RegularizerInput in) {
        Map<String, NDArray> values = new LinkedHashMap<>();
        NDArray total = null;
        for (int i = 0; i < terms.size(); i++) {
            NDArray v = terms.get(i).value(in);
            values.put(terms.get(i).name(), v);
            NDArray weighted = CellTerms.scale(v, coefficients.get(i));
            total = total == null ? weighted : total.add(weighted);
        }
        if (total == null) {
            total = CellTerms.zero(in.normalBeta());
        }
        return new Evaluation(total, Collections.unmodifiableMap(values));
    }

    /**
     * The result of one evaluation.
     *
     * @param total scalar to add to the architecture loss
     * @param terms unweighted value of each computed term, by name
     */
    public record Evaluation(NDArray total, Map<String, NDArray> terms) {

        /** Term values on the host, for logging once the step is done. */
        public Map<String, Double> hostValues() {
            Map<String, Double> host = new LinkedHashMap<>();
            terms.forEach((name, v) -> host.put(name, scalar(v)));
            return host;
        }

        public double hostTotal() {
            return scalar(total);
        }

        private static double scalar(NDArray v) {
            if (v.getDataType() == DataType.FLOAT64) {
                return v.getDouble();
            }
            if (v.getDataType() == DataType.FLOAT32) {
                return v.getFloat();
            }
            try (NDArray d = v.toType(DataType.FLOAT64, true)) {
                return d.getDouble();
            }
        }
    }
}

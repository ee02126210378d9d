package org.prdarts.study;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import org.prdarts.repro.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reading numbers back from sub-run records, which hold Java numbers when fresh and Gson's doubles
 * and lists when read back from study.json.
 */
final class Records {
    private Records() {
    }

    static double number(Map<String, Object> record, String key) {
        Object v = record.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }

    static String text(Map<String, Object> record, String key) {
        Object v = record.get(key);
        return v == null ? "" : v.toString();
    }

    /** A list of numbers (from a double[], a List of numbers, or null as empty). */
    static double[] numbers(Object value) {
        if (value == null) {
            return new double[0];
        }
        JsonElement e = Json.pretty().toJsonTree(value);
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).isJsonNull() ? Double.NaN : a.get(i).getAsDouble();
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** A list of per-epoch (or per-configuration) records. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : new ArrayList<>((List<Map<String, Object>>) value);
    }

    static List<Double> boxed(double[] v) {
        return Arrays.stream(v).boxed().toList();
    }

    /** Mean, sample standard deviation, min and max. */
    /**
     * Summary of one arm over seeds, with a 95 % Student-t interval of its mean (NaN below 2
     * values): a mean without its spread and n is no evidence.
     */
    record Stats(int n, double mean, double std, double min, double max, double ci95Low, double ci95High) {
        static Stats of(double[] v) {
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
            double std = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN;
            double half = v.length > 1 ? t975(v.length - 1) * std / Math.sqrt(v.length) : Double.NaN;
            return new Stats(v.length, mean, std, Arrays.stream(v).min().orElse(Double.NaN),
                    Arrays.stream(v).max().orElse(Double.NaN), mean - half, mean + half);
        }
    }

    /**
     * Two arms compared seed by seed (a paired t interval of the differences b - a): the 95 %
     * interval of the mean difference and, where it includes 0 or cannot be formed, the verdict
     * that this budget allows no conclusion.
     */
    record Paired(String difference, Stats stats, String conclusion) {
        static final String NO_CONCLUSION = "no conclusion at this budget";

        static Paired of(String difference, double[] a, double[] b) {
            if (a.length != b.length) {
                throw new IllegalArgumentException("paired arms must hold one value per seed each, found "
                        + a.length + " and " + b.length);
            }
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = b[i] - a[i];
            }
            Stats s = Stats.of(d);
            String verdict = !(s.ci95Low() > 0 || s.ci95High() < 0) ? NO_CONCLUSION
                    : s.mean() > 0 ? "positive at 95 %" : "negative at 95 %";
            return new Paired(difference, s, verdict);
        }
    }

    /** Two-sided 95 % quantile of Student's t with {@code df} degrees of freedom (tabulated to 30). */
    static double t975(int df) {
        double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
            2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
            2.048, 2.045, 2.042};
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, found " + df);
        }
        // beyond 30 the quantile approaches 1.960 roughly as 1/df
        return df <= table.length ? table[df - 1] : 1.960 + (table[table.length - 1] - 1.960) * table.length / df;
    }
}

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
    record Stats(int n, double mean, double std, double min, double max) {
        static Stats of(double[] v) {
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
            return new Stats(v.length, mean, v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : Double.NaN,
                    Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN));
        }
    }
}

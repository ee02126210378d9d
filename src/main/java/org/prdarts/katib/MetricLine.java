package org.prdarts.katib;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import org.prdarts.repro.Json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The per-epoch metric line that Katib's StdOut metrics collector reads with its default filter:
 * an RFC 3339 timestamp, then {@code name=value} for every scalar number of the epoch record,
 * e.g. {@code 2026-11-30T06:15:27.123Z epoch=3 trainLoss=0.4123 validAcc=0.5213 skipNormal=0}.
 *
 * <p>The collector keeps lines that contain a metric name, takes the first word as the timestamp
 * when it parses as RFC 3339, and collects every match of {@link #KATIB_DEFAULT_FILTER}. That
 * filter accepts plain decimals only ({@code -?\d+(\.\d+)?}: no exponent, no NaN), so values are
 * written in plain notation with 7 significant digits, and non-finite values are left out.
 */
public final class MetricLine {
    /** Katib's default StdOut filter (kubeflow/katib, metricscollector common DefaultFilter). */
    public static final String KATIB_DEFAULT_FILTER = "([\\w|-]+)\\s*=\\s*((-?\\d+)(\\.\\d+)?)";
    public static final Pattern KATIB_PATTERN = Pattern.compile(KATIB_DEFAULT_FILTER);

    private static final MathContext DIGITS = new MathContext(7);

    private MetricLine() {
    }

    /** The metric line of an epoch record, stamped now. */
    public static String of(Object record) {
        return of(record, Instant.now());
    }

    /**
     * The metric line of an epoch record (a record, map or JSON object, read as the JSON object it
     * writes in metrics.jsonl): its scalar numbers in record order, nested values skipped.
     */
    public static String of(Object record, Instant time) {
        StringJoiner line = new StringJoiner(" ");
        line.add(time.toString());
        for (Map.Entry<String, JsonElement> e : Json.toObject(record).entrySet()) {
            if (e.getValue() instanceof JsonPrimitive p && p.isNumber()
                    && KATIB_PATTERN.matcher(e.getKey() + "=0").matches()) {
                String value = format(p.getAsNumber());
                if (value != null) {
                    line.add(e.getKey() + "=" + value);
                }
            }
        }
        return line.toString();
    }

    /** Plain decimal form of a number, or null for NaN and infinities. */
    static String format(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return Long.toString(n.longValue());
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            return null;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return new BigDecimal(d).round(DIGITS).stripTrailingZeros().toPlainString();
    }
}

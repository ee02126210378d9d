package org.prdarts.katib;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricLineTest {

    /** What Katib's collector does with a line: every match of the default filter, as name=value. */
    static Map<String, String> katibParse(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = MetricLine.KATIB_PATTERN.matcher(line);
        while (m.find()) {
            out.put(m.group(1).strip(), m.group(2).strip());
        }
        return out;
    }

    @Test
    void everyScalarIsReadBackByKatibsFilter() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("epoch", 3);
        record.put("method", "prdarts");
        record.put("trainLoss", 0.41234567891);
        record.put("validAcc", 0.5213);
        record.put("lr", 1.0e-7);
        record.put("tau", -2.5e-5);
        record.put("skipNormal", 0);
        record.put("weightsNormal", List.of(List.of(0.1, 0.9)));
        record.put("bad", Double.NaN);
        String line = MetricLine.of(record, Instant.parse("2026-11-30T06:15:27.123Z"));
        assertEquals("2026-11-30T06:15:27.123Z epoch=3 trainLoss=0.4123457 validAcc=0.5213 lr=0.0000001 "
                + "tau=-0.000025 skipNormal=0", line);
        Map<String, String> parsed = katibParse(line);
        assertEquals(List.of("epoch", "trainLoss", "validAcc", "lr", "tau", "skipNormal"), List.copyOf(parsed.keySet()));
        assertEquals(0.0000001, Double.parseDouble(parsed.get("lr")), 0);
        assertEquals(-0.000025, Double.parseDouble(parsed.get("tau")), 0);
        // the first word is the timestamp Katib looks for (RFC 3339)
        DateTimeFormatter.ISO_INSTANT.parse(line.split(" ")[0]);
        for (String token : line.split(" ")) {
            if (token.contains("=")) {
                assertTrue(MetricLine.KATIB_PATTERN.matcher(token).matches(), token);
            }
        }
    }

    @Test
    void exponentsWouldBeMisreadSoNoneAreWritten() {
        // what Katib would collect from Java's default rendering of 1e-7: the value 1.0, not 1e-7
        assertEquals("1.0", katibParse("lr=1.0E-7").get("lr"));
        for (double v : new double[] {1e-7, 3.2e-12, 123456789.123, -0.0001, 2.0}) {
            String s = MetricLine.format(v);
            assertFalse(s.contains("E") || s.contains("e"), s);
            assertEquals(v, Double.parseDouble(s), Math.abs(v) * 1e-6);
        }
    }
}

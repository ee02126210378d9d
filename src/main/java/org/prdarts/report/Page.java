package org.prdarts.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.jfree.chart.JFreeChart;
import org.prdarts.repro.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One self-contained HTML page: inline CSS and inline SVG figures, no script, no external font,
 * stylesheet or image, so it opens from disk without a network. Every figure is a
 * {@code <figure class="fig">} with an id; sections are listed in a navigation bar.
 */
final class Page {
    static final int CHART_W = 560;
    static final int CHART_H = 320;

    private static final String CSS = """
            body{font-family:sans-serif;margin:0;color:#222;background:#fafafa}
            header{background:#2d3e50;color:#fff;padding:14px 24px}
            header h1{margin:0;font-size:20px}
            header p{margin:4px 0 0;font-size:13px;color:#dfe6ee}
            nav{padding:8px 24px;background:#e9eef3;font-size:13px}
            nav a{margin-right:14px;color:#1f4e79}
            section{padding:8px 24px 16px}
            h2{font-size:17px;border-bottom:1px solid #ccc;padding-bottom:4px}
            .figs{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
            figure.fig{margin:0;background:#fff;border:1px solid #ddd;padding:6px;max-width:100%}
            figure.fig svg{display:block;max-width:100%;height:auto}
            figcaption{font-size:12px;color:#555;max-width:560px;margin-top:4px}
            table{border-collapse:collapse;font-size:13px;background:#fff}
            td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#eef2f6}
            td.num{text-align:right}
            td.lines{white-space:pre-wrap}
            pre{background:#fff;border:1px solid #ddd;padding:8px;font-size:12px;overflow:auto;max-height:400px}
            .status-done{color:#9be39b}.status-open{color:#ffd27f}
            .legend span{display:inline-block;margin-right:12px;font-size:12px}
            .legend i{display:inline-block;width:18px;height:3px;margin-right:4px;vertical-align:middle}
            """;

    private final StringBuilder body = new StringBuilder();
    private String header = "";
    private final List<String[]> nav = new ArrayList<>();
    private final String title;
    private int figures;

    Page(String title) {
        this.title = title;
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    void header(String heading, String subtitle, boolean done) {
        header = "<header><h1>" + esc(heading) + "</h1><p class=\"" + (done ? "status-done" : "status-open")
                + "\">" + esc(subtitle) + "</p></header>\n";
    }

    void section(String id, String heading) {
        if (!nav.isEmpty()) {
            body.append("</section>\n");
        }
        nav.add(new String[] {id, heading});
        body.append("<section id=\"").append(esc(Charts.requireSafeId(id))).append("\"><h2>").append(esc(heading)).append("</h2>\n");
    }

    void paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
    }

    void raw(String html) {
        body.append(html);
    }

    void openFigures() {
        body.append("<div class=\"figs\">\n");
    }

    void closeFigures() {
        body.append("</div>\n");
    }

    /** Next id for an SVG, unique within the page. */
    String nextId(String stem) {
        return stem + "-" + (++figures);
    }

    void chart(String id, JFreeChart chart, String caption) {
        chart(id, chart, caption, CHART_W, CHART_H);
    }

    void chart(String id, JFreeChart chart, String caption, int width, int height) {
        chart(id, chart, caption, width, height, Map.of());
    }

    void chart(String id, JFreeChart chart, String caption, int width, int height, Map<String, String> data) {
        figure(id, Charts.svg(chart, id + "-svg", width, height), caption, data);
    }

    /** A figure with the given SVG; {@code data} become {@code data-*} attributes of the figure. */
    void figure(String id, String svg, String caption, Map<String, String> data) {
        body.append("<figure class=\"fig\" id=\"").append(esc(Charts.requireSafeId(id))).append('"');
        data.forEach((k, v) -> body.append(" data-").append(esc(Charts.requireSafeId(k))).append("=\"").append(esc(v)).append('"'));
        body.append('>').append(svg);
        if (caption != null) {
            body.append("<figcaption>").append(esc(caption)).append("</figcaption>");
        }
        body.append("</figure>\n");
    }

    /** A table; cells are escaped text, numbers right-aligned. */
    void table(List<String> head, List<List<String>> rows) {
        body.append("<table><tr>");
        for (String h : head) {
            body.append("<th>").append(esc(h)).append("</th>");
        }
        body.append("</tr>\n");
        for (List<String> row : rows) {
            body.append("<tr>");
            for (String cell : row) {
                body.append(cell.matches("-?[0-9][0-9,.]*( ?%| s| MiB| GiB)?") ? "<td class=\"num\">"
                        : cell.contains("\n") ? "<td class=\"lines\">" : "<td>")
                        .append(esc(cell)).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
    }

    /** The configuration as indented JSON, the manifest's provenance, memory and the run's files. */
    void runSections(RunFiles run, Path reportDir) {
        section("config", "Configuration");
        if (run.config() == null) {
            paragraph("No config.json was written.");
        } else {
            body.append("<pre>").append(esc(Json.toPrettyJson(run.config()))).append("</pre>\n");
        }
        section("provenance", "Provenance");
        JsonObject m = run.manifest();
        if (m == null) {
            paragraph("No manifest.json was written.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Map.Entry<String, JsonElement> e : m.entrySet()) {
                JsonElement v = e.getValue();
                // an array of words (the command line) reads as a line; of objects (the resumes), as JSON
                String text = v.isJsonNull() ? "unknown" : v.isJsonPrimitive() ? v.getAsString()
                        : v.isJsonArray() ? String.join(" ", v.getAsJsonArray().asList().stream()
                        .map(el -> el.isJsonPrimitive() ? el.getAsString() : el.toString()).toList()) : v.toString();
                rows.add(List.of(e.getKey(), text));
            }
            table(List.of("field", "value"), rows);
        }
        section("memory", "Memory");
        JsonObject mem = run.memory();
        if (mem == null) {
            paragraph("No memory.json yet: it is written when the run ends.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            JsonObject estimate = RunFiles.sub(mem, "estimate");
            if (estimate != null) {
                for (Map.Entry<String, JsonElement> e : estimate.entrySet()) {
                    rows.add(List.of("estimate: " + e.getKey(), mib(RunFiles.number(e.getValue()))));
                }
            }
            rows.add(List.of("measured peak resident", mib(RunFiles.number(mem.get("peakResidentBytes")))));
            double total = estimate == null ? Double.NaN : RunFiles.number(estimate.get("total"));
            double peak = RunFiles.number(mem.get("peakResidentBytes"));
            if (Double.isFinite(total) && Double.isFinite(peak) && peak > 0) {
                rows.add(List.of("estimate / peak", String.format(Locale.ROOT, "%.2f", total / peak)));
            }
            table(List.of("quantity", "value"), rows);
        }
        files(run.dir(), reportDir);
    }

    /** Links to the files of a directory, relative to where the page is written. */
    void files(Path dir, Path reportDir) {
        section("files", "Files");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ReportException("cannot list " + dir + ": " + e.getMessage());
        }
        body.append("<ul>\n");
        for (Path f : files) {
            body.append("<li><a href=\"").append(esc(href(reportDir, f))).append("\">")
                    .append(esc(f.getFileName().toString())).append("</a></li>\n");
        }
        body.append("</ul>\n");
    }

    /** A relative link from a page in {@code from} to {@code target}, with '/' separators. */
    static String href(Path from, Path target) {
        Path rel = from.toAbsolutePath().normalize().relativize(target.toAbsolutePath().normalize());
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (!sb.isEmpty()) {
                sb.append('/');
            }
            sb.append(java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return sb.toString();
    }

    static String mib(double bytes) {
        return Double.isFinite(bytes) ? String.format(Locale.ROOT, "%,.0f MiB", bytes / (1 << 20)) : "unknown";
    }

    String html() {
        if (!nav.isEmpty()) {
            body.append("</section>\n");
        }
        StringBuilder links = new StringBuilder();
        for (String[] n : nav) {
            links.append("<a href=\"#").append(esc(n[0])).append("\">").append(esc(n[1])).append("</a>");
        }
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + "</title><style>" + CSS + "</style></head>\n<body>\n"
                + header + "<nav>" + links + "</nav>\n" + body + "</body></html>\n";
    }
}

package org.prdarts.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A headless Chromium driven over the DevTools protocol on 127.0.0.1, with the JDK's WebSocket
 * client and nothing else: opens a page, records console errors, exceptions and every network
 * request, evaluates an expression in the page, takes a screenshot.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> requests = new ArrayList<>();

    /** The result of opening a page. */
    record Visit(List<String> errors, List<String> requests, JsonElement value) {
    }

    /** The Chromium binary on the PATH ({@code chromium}, {@code chromium-browser}), or null. */
    static String binary() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        return null;
    }

    HeadlessChromium(String binary, Path profile) throws Exception {
        process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-extensions",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "--window-size=1280,900", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String browserUrl = awaitListening();
        URI browser = URI.create(browserUrl);
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + browser.getPort()
                + "/json/list")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body();
        String pageUrl = null;
        for (JsonElement t : JsonParser.parseString(list).getAsJsonArray()) {
            if ("page".equals(t.getAsJsonObject().get("type").getAsString())) {
                pageUrl = t.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
                break;
            }
        }
        if (pageUrl == null) {
            throw new IOException("Chromium lists no page target: " + list);
        }
        socket = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(pageUrl), new Listener())
                .join();
        for (String domain : List.of("Runtime", "Log", "Network", "Page")) {
            call(domain + ".enable", new JsonObject());
        }
    }

    private String awaitListening() throws IOException, InterruptedException {
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                url.completeExceptionally(e);
            }
            url.completeExceptionally(new IOException("Chromium ended without opening its DevTools port"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return url.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IOException("Chromium did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code page}, waits for its load event, evaluates {@code expression} (which must return
     * a JSON string) and writes a full-page screenshot to {@code screenshot}.
     */
    Visit visit(Path page, String expression, Path screenshot) throws Exception {
        synchronized (errors) {
            errors.clear();
            requests.clear();
        }
        events.clear();
        JsonObject nav = new JsonObject();
        nav.addProperty("url", page.toUri().toString());
        JsonObject navigated = call("Page.navigate", nav);
        if (navigated.has("errorText")) {
            throw new IOException("cannot open " + page + ": " + navigated.get("errorText").getAsString());
        }
        awaitEvent("Page.loadEventFired");
        JsonObject eval = new JsonObject();
        eval.addProperty("expression", expression);
        eval.addProperty("returnByValue", true);
        JsonObject result = call("Runtime.evaluate", eval);
        if (result.has("exceptionDetails")) {
            throw new IOException("the check expression failed: " + result.get("exceptionDetails"));
        }
        JsonElement value = JsonParser.parseString(result.getAsJsonObject("result").get("value").getAsString());
        JsonObject metrics = call("Page.getLayoutMetrics", new JsonObject());
        JsonObject size = metrics.getAsJsonObject(metrics.has("cssContentSize") ? "cssContentSize" : "contentSize");
        JsonObject clip = new JsonObject();
        clip.addProperty("x", 0);
        clip.addProperty("y", 0);
        clip.addProperty("width", size.get("width").getAsDouble());
        clip.addProperty("height", Math.min(size.get("height").getAsDouble(), 16000));
        clip.addProperty("scale", 1);
        JsonObject shot = new JsonObject();
        shot.addProperty("format", "png");
        shot.addProperty("captureBeyondViewport", true);
        shot.add("clip", clip);
        String data = call("Page.captureScreenshot", shot).get("data").getAsString();
        Files.createDirectories(screenshot.toAbsolutePath().getParent());
        Files.write(screenshot, Base64.getDecoder().decode(data));
        synchronized (errors) {
            return new Visit(List.copyOf(errors), List.copyOf(requests), value);
        }
    }

    private JsonObject call(String method, JsonObject params) throws Exception {
        int id = ids.incrementAndGet();
        JsonObject msg = new JsonObject();
        msg.addProperty("id", id);
        msg.addProperty("method", method);
        msg.add("params", params);
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(msg.toString(), true).join();
        JsonObject r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IOException(method + " failed: " + r.get("error"));
        }
        return r.getAsJsonObject("result");
    }

    private void awaitEvent(String method) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject e = events.poll(1, TimeUnit.SECONDS);
            if (e != null && method.equals(e.get("method").getAsString())) {
                return;
            }
        }
        throw new TimeoutException("no " + method + " within " + TIMEOUT);
    }

    private void onMessage(JsonObject msg) {
        if (msg.has("id")) {
            CompletableFuture<JsonObject> f = pending.remove(msg.get("id").getAsInt());
            if (f != null) {
                f.complete(msg);
            }
            return;
        }
        String method = msg.get("method").getAsString();
        JsonObject params = msg.getAsJsonObject("params");
        synchronized (errors) {
            switch (method) {
                case "Runtime.consoleAPICalled" -> {
                    String type = params.get("type").getAsString();
                    if (type.equals("error") || type.equals("assert")) {
                        errors.add("console." + type + ": " + params.get("args"));
                    }
                }
                case "Runtime.exceptionThrown" -> errors.add("exception: " + params.get("exceptionDetails"));
                case "Log.entryAdded" -> {
                    JsonObject entry = params.getAsJsonObject("entry");
                    if ("error".equals(entry.get("level").getAsString())) {
                        errors.add("log: " + entry.get("text").getAsString()
                                + (entry.has("url") ? " (" + entry.get("url").getAsString() + ")" : ""));
                    }
                }
                case "Network.requestWillBeSent" -> requests.add(params.getAsJsonObject("request").get("url")
                        .getAsString());
                case "Network.loadingFailed" -> errors.add("loading failed: " + params.get("errorText"));
                default -> {
                }
            }
        }
        events.add(msg);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage(JsonParser.parseString(text).getAsJsonObject());
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (socket != null) {
            socket.abort();
        }
        // the browser's helper processes (renderer, GPU, network) write into the profile until they
        // end; taken before the browser goes, since they are handed to init once it has
        java.util.List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle helper : helpers) {
            helper.destroy();
        }
        for (ProcessHandle helper : helpers) {
            try {
                helper.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                helper.destroyForcibly();
            }
        }
    }

    /** The figures of a page, measured: id, size, the cell it draws and its arrows. */
    static final String FIGURES = """
            JSON.stringify({
              scripts: document.scripts.length,
              figures: Array.from(document.querySelectorAll('figure.fig')).map(f => {
                const box = f.getBoundingClientRect();
                const svg = f.querySelector('svg');
                const s = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
                return {id: f.id, width: box.width, height: box.height, svgWidth: s.width, svgHeight: s.height,
                  cell: f.dataset.cell || null,
                  ops: Array.from(f.querySelectorAll('g.edge.op')).map(g => g.getAttribute('data-op')),
                  from: Array.from(f.querySelectorAll('g.edge.op')).map(g => g.getAttribute('data-from')),
                  concat: f.querySelectorAll('g.edge.concat').length};
              })})""";

    /** The figures of a {@link #FIGURES} result, by id. */
    static Map<String, JsonObject> figures(JsonElement value) {
        Map<String, JsonObject> out = new java.util.LinkedHashMap<>();
        JsonArray a = value.getAsJsonObject().getAsJsonArray("figures");
        for (JsonElement e : a) {
            out.put(e.getAsJsonObject().get("id").getAsString(), e.getAsJsonObject());
        }
        return out;
    }
}

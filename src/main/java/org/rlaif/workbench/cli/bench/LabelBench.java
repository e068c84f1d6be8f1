package org.rlaif.workbench.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.AiLabelerConfig;
import org.rlaif.workbench.labeling.AiLabelerSettings;
import org.rlaif.workbench.labeling.AiLabelers;
import org.rlaif.workbench.labeling.LabelingListener;
import org.rlaif.workbench.labeling.LabelingReport;
import org.rlaif.workbench.labeling.LabelingRun;
import org.rlaif.workbench.labeling.OrderMode;
import org.rlaif.workbench.labeling.PairSelection;
import org.rlaif.workbench.labeling.RunControl;
import org.rlaif.workbench.labeling.client.ChatRequest;
import org.rlaif.workbench.labeling.client.Http1Client;
import org.rlaif.workbench.labeling.client.OpenAiChatClient;
import org.rlaif.workbench.labeling.client.RetryPolicy;
import org.rlaif.workbench.labeling.prompt.JudgePrompt;
import org.rlaif.workbench.labeling.prompt.PromptTemplates;
import org.rlaif.workbench.labeling.prompt.ShownPair;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.cli.CliFailure;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.LabelingWindowProbe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Labeling throughput against a loopback judge with a fixed latency: a full labeling run (prompt building, HTTP,
 * parsing, labels committed to SQLite) next to a bare loop sending the same request body over the same HTTP client
 * on the same kind of threads (virtual, one per concurrent request) and doing nothing else, which is what the server
 * alone can serve at that concurrency. For reference it also times the same bare loop over
 * {@code java.net.http.HttpClient}. Everything runs in this process; the server runs in a child process, so the CPU
 * figures are the client's own.
 */
@Command(name = "label", mixinStandardHelpOptions = true, description = {"Labeling throughput and CPU per request against a loopback judge,",
        "compared with a bare HTTP loop at the same concurrency (goal: within 10%%)."})
public final class LabelBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--requests", defaultValue = "4000", description = "requests per measurement (default ${DEFAULT-VALUE})")
    int requests;
    @Option(names = "--concurrency", defaultValue = "32", description = "requests at once (default ${DEFAULT-VALUE})")
    int concurrency;
    @Option(names = "--latency-ms", defaultValue = "5", description = "server latency (default ${DEFAULT-VALUE})")
    int latencyMillis;
    @Option(names = "--rounds", defaultValue = "5", description = "measurements of each; the median is reported (default ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--json", description = "print JSON")
    boolean json;
    @Option(names = "--window", description = {"also run once from the Labelers screen of the real window and report",
            "its longest frame stall (needs a display: xvfb-run -a java -jar … bench label --window)"})
    boolean window;

    private static final int MAX_WARM_UP_PASSES = 8;

    private record Measure(double perSecond, double cpuMicrosPerRequest) {
    }

    @Override
    public Integer call() throws Exception {
        if (window && System.getenv("DISPLAY") == null && !"Monocle".equals(System.getProperty("glass.platform"))
                && !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).matches(".*(win|mac).*")) {
            throw new CliFailure("bench label --window opens the window and needs a display; run it under Xvfb:"
                    + " xvfb-run -a java -jar target/rlaif-workbench.jar bench label --window");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("rlaif-bench-label");
        Path file = dir.resolve("bench.rlaif");
        Process server = startServer();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try {
            String baseUrl = "http://127.0.0.1:" + readPort(server) + "/v1";
            Measure raw;
            Measure labeled;
            Measure jdk;
            try (ProjectStore store = ProjectStore.open(file)) {
                addPairs(store, requests);
                byte[] body = sampleBody(store);
                // Warm-up passes until the JIT is nearly done with this code (under 2% of a pass compiling): on two
                // cores it compiles for many seconds, and its CPU would land on whatever is measured next.
                log(out, "warming up (JIT, connections)…");
                var jit = ManagementFactory.getCompilationMXBean();
                for (int w = 1; w <= MAX_WARM_UP_PASSES; w++) {
                    long compiling0 = jit.getTotalCompilationTime();
                    long t0 = System.nanoTime();
                    rawLoop(baseUrl, body, requests);
                    labelRun(store, baseUrl, "warm-up-" + w, requests);
                    double share = (jit.getTotalCompilationTime() - compiling0) * 1e6 / (System.nanoTime() - t0);
                    log(out, String.format(Locale.ROOT, "  warm-up pass %d: the JIT compiled %.0f%% of the time", w,
                            share * 100));
                    if (w >= 2 && share < 0.02) {
                        break;
                    }
                }
                List<Measure> raws = new ArrayList<>();
                List<Measure> labeleds = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    raws.add(rawLoop(baseUrl, body, requests));
                    labeleds.add(labelRun(store, baseUrl, "round-" + r, requests));
                    log(out, String.format(Locale.ROOT, "round %d: bare loop %.0f req/s, labeling %.0f req/s", r,
                            raws.get(r - 1).perSecond(), labeleds.get(r - 1).perSecond()));
                }
                // The reference runs last: HttpClient's own warm-up would otherwise compile into the rounds above.
                httpClientLoop(baseUrl, body, requests);
                List<Measure> jdks = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    jdks.add(httpClientLoop(baseUrl, body, requests));
                }
                raw = median(raws);
                labeled = median(labeleds);
                jdk = median(jdks);
            }
            LabelingWindowProbe.Result inWindow = null;
            if (window) {
                log(out, "labeling from the Labelers screen of the window…");
                inWindow = new LabelingWindowProbe(file).run(baseUrl, "window", concurrency, requests);
            }
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            report(out, raw, labeled, jdk, inWindow, server, loadBefore, loadAfter);
        } finally {
            server.getOutputStream().close();
            server.waitFor();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private void log(PrintWriter out, String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    private Process startServer() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BenchJudgeServer.class.getName(), Integer.toString(latencyMillis), Integer.toString(concurrency * 2))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int readPort(Process server) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        if (line == null || !line.startsWith("port ")) {
            throw new IOException("the benchmark server did not start (said: " + line + ")");
        }
        return Integer.parseInt(line.substring(5).strip());
    }

    private static void addPairs(ProjectStore store, int n) {
        String context = "SUBREDDIT: r/relationships\nTITLE: My roommate keeps eating my food\nPOST: "
                + "I (24F) share an apartment with a roommate (25F). ".repeat(12);
        store.write(c -> {
            long id = store.comparisons().maxId(c);
            try (var ps = store.comparisons().prepareBulkInsert(c)) {
                for (int i = 0; i < n; i++) {
                    store.comparisons().bindInsert(ps, Comparison.draft(Task.SUMMARIZATION, context + " #" + i,
                            "Roommate eats my food; I talked to her twice and nothing changed. What now? (" + i + ")",
                            "Roommate problems, food keeps disappearing, should I move out or label things? (" + i + ")",
                            "bench", null, Split.TEST, "{}"), ++id);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The body the labeler would send for the first pair, for the bare loop to send too. */
    private static byte[] sampleBody(ProjectStore store) throws IOException {
        Comparison pair = store.read(c -> store.comparisons().page(c, 0, 1)).get(0);
        JudgePrompt prompt = new JudgePrompt(PromptTemplates.shipped(Task.SUMMARIZATION), Technique.PREAMBLE);
        ChatRequest request = new ChatRequest("bench", prompt.verdict(new ShownPair(pair.context(), pair.responseA(),
                pair.responseB()), List.of()), 0, 16, 5, null);
        var o = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        o.put("model", request.model());
        var messages = o.putArray("messages");
        request.messages().forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        o.put("temperature", 0.0).put("max_tokens", 16).put("stream", false).put("logprobs", true).put("top_logprobs", 5);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the server alone can serve: {@code concurrency} virtual threads (as the labeling run's workers are)
     * posting the same body back to back over the labeler's HTTP client, reading each answer and nothing more.
     */
    private Measure rawLoop(String baseUrl, byte[] body, int n) throws Exception {
        Duration timeout = Duration.ofSeconds(30);
        try (Http1Client http = new Http1Client(OpenAiChatClient.chatCompletionsUri(baseUrl), null,
                Duration.ofSeconds(10))) {
            return loop(n, () -> http.post(body, timeout).status());
        }
    }

    /** The same loop over {@code java.net.http.HttpClient}, the client the labeler used before (for reference). */
    private Measure httpClientLoop(String baseUrl, byte[] body, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/completions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return loop(n, () -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode());
        } finally {
            http.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Post {
        int status() throws IOException, InterruptedException;
    }

    private Measure loop(int n, Post post) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(concurrency);
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            Thread.ofVirtual().name("bench-raw-" + i).start(() -> {
                try {
                    while (next.getAndIncrement() < n) {
                        if (post.status() != 200) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    errors.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        long wall = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " bare requests failed");
        }
        return new Measure(n * 1e9 / wall, cpu / 1e3 / n);
    }

    private Measure labelRun(ProjectStore store, String baseUrl, String name, int n) {
        AiLabelerSettings settings = new AiLabelerSettings(0, 16, 512, 5, 1, OrderMode.AB, 0, 0, concurrency, 0, 30, 0,
                null, null, null, null, Map.of());
        Labeler labeler = new AiLabelers(store).save(new AiLabelerConfig(name, baseUrl, "bench", 7e9,
                Technique.PREAMBLE, settings));
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        LabelingReport report;
        try (OpenAiChatClient client = new OpenAiChatClient(baseUrl, null, Duration.ofSeconds(30))) {
            report = new LabelingRun(store, labeler, PairSelection.all().withLimit(n), client, RetryPolicy.standard(0), null)
                    .execute(new RunControl(), LabelingListener.none());
        }
        long wall = System.nanoTime() - t0;
        long cpu = processCpuNanos() - cpu0;
        if (report.progress().labeled() != n) {
            throw new IllegalStateException("the labeling run labeled " + report.progress().labeled() + " of " + n
                    + ": " + report.message());
        }
        return new Measure(report.progress().requests() * 1e9 / wall, cpu / 1e3 / report.progress().requests());
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    private static Measure median(List<Measure> ms) {
        double[] rate = ms.stream().mapToDouble(Measure::perSecond).sorted().toArray();
        double[] cpu = ms.stream().mapToDouble(Measure::cpuMicrosPerRequest).sorted().toArray();
        return new Measure(rate[rate.length / 2], cpu[cpu.length / 2]);
    }

    private void report(PrintWriter out, Measure raw, Measure labeled, Measure jdk, LabelingWindowProbe.Result inWindow,
                        Process server, double loadBefore, double loadAfter) {
        double ratio = labeled.perSecond() / raw.perSecond();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", requests);
        m.put("concurrency", concurrency);
        m.put("latency_ms", latencyMillis);
        m.put("rounds", rounds);
        m.put("machine", Machine.describe());
        m.put("load_average_before", Math.round(loadBefore * 100) / 100.0);
        m.put("load_average_after", Math.round(loadAfter * 100) / 100.0);
        m.put("bare_requests_per_second", Math.round(raw.perSecond()));
        m.put("bare_cpu_us_per_request", Math.round(raw.cpuMicrosPerRequest()));
        m.put("labeling_requests_per_second", Math.round(labeled.perSecond()));
        m.put("labeling_cpu_us_per_request", Math.round(labeled.cpuMicrosPerRequest()));
        m.put("throughput_ratio", Math.round(ratio * 1000) / 1000.0);
        m.put("ideal_requests_per_second", Math.round(concurrency * 1000.0 / Math.max(1, latencyMillis)));
        m.put("goal_within_10_percent", ratio >= 0.9);
        m.put("jdk_httpclient_bare_requests_per_second", Math.round(jdk.perSecond()));
        m.put("jdk_httpclient_bare_cpu_us_per_request", Math.round(jdk.cpuMicrosPerRequest()));
        if (inWindow != null) {
            m.put("window_labels_per_second", Math.round(inWindow.labelsPerSecond()));
            m.put("window_longest_frame_stall_ms", Math.round(inWindow.longestStallMillis() * 10) / 10.0);
            m.put("window_stalls_over_50_ms", inWindow.stallsOver50ms());
            m.put("window_frames_per_second", Math.round(inWindow.framesPerSecond()));
            m.put("window_run_state", inWindow.state());
        }
        server.info().totalCpuDuration().ifPresent(d -> m.put("server_cpu_s_total", d.toMillis() / 1000.0));
        if (json) {
            org.rlaif.workbench.cli.JsonOutput.print(out, m);
            return;
        }
        out.printf(Locale.ROOT, "%nmachine: %s; load average %.2f before, %.2f after%n", Machine.describe(),
                loadBefore, loadAfter);
        out.printf(Locale.ROOT, "bench label: %,d requests, concurrency %d, server latency %d ms, median of %d%n",
                requests, concurrency, latencyMillis, rounds);
        out.printf(Locale.ROOT, "  bare HTTP loop (server alone):  %8.0f req/s   %6.0f µs CPU/request%n",
                raw.perSecond(), raw.cpuMicrosPerRequest());
        out.printf(Locale.ROOT, "  labeling run (prompt+parse+db): %8.0f req/s   %6.0f µs CPU/request%n",
                labeled.perSecond(), labeled.cpuMicrosPerRequest());
        out.printf(Locale.ROOT, "  labeling / bare: %.1f%%  (goal: at least 90%%) %s%n", ratio * 100,
                ratio >= 0.9 ? "MET" : "NOT MET");
        out.printf(Locale.ROOT, "  ceiling at this latency: %d req/s (concurrency / latency)%n",
                Math.round(concurrency * 1000.0 / Math.max(1, latencyMillis)));
        out.printf(Locale.ROOT, "  for reference, the bare loop over java.net.http.HttpClient: %.0f req/s, %.0f µs"
                + " CPU/request%n", jdk.perSecond(), jdk.cpuMicrosPerRequest());
        if (inWindow != null) {
            out.printf(Locale.ROOT, "  run from the window's Labelers screen: %.0f labels/s (%.1f%% of bare), %s;"
                            + " longest frame stall %.1f ms, %d stalls over 50 ms, %.0f frames/s%n",
                    inWindow.labelsPerSecond(), inWindow.labelsPerSecond() / raw.perSecond() * 100, inWindow.state(),
                    inWindow.longestStallMillis(), inWindow.stallsOver50ms(), inWindow.framesPerSecond());
            if (!inWindow.stalls().isEmpty()) {
                out.printf(Locale.ROOT, "    frame stalls over 50 ms (from the run's start): %s%n",
                        String.join(", ", inWindow.stalls()));
            }
        }
        out.flush();
    }

}

package org.rlaif.workbench.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small OpenAI-compatible chat-completions server on loopback, for tests: a real HTTP server (the JDK's), on a free
 * port, that plays a judge with a configurable personality.
 *
 * <p>Test pairs mark their better response with {@link #GOOD} and the worse with {@link #BAD}, so a "truthful" judge
 * can answer correctly in whatever order the pair is shown, and a test can tell a position bias from a verdict.
 * Faults are decided from the prompt and the attempt number, not from arrival order, so a run with 32 workers meets
 * the same faults every time.
 */
public final class FakeJudgeServer implements AutoCloseable {
    public static final String GOOD = "[good]";
    public static final String BAD = "[bad]";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the judge does; every setter returns this for chaining. */
    public static final class Script {
        boolean positionBias;
        Double pOneIfFirstGood;
        Double pOneIfFirstBad;
        long latencyMillis;
        double faultRate;
        long timeoutSleepMillis = 2_000;
        String retryAfter = "0";
        double junkRate;
        String requiredKey;
        String fixedAnswer;
        boolean firstAttempt429;
        java.util.function.IntConsumer onRequest = n -> { };

        /** Always answers "1", whatever it is shown. */
        public Script positionBias() {
            positionBias = true;
            return this;
        }

        /** Returns logprobs/top_logprobs: P("1") is the first value when the first shown response is the good one. */
        public Script logprobs(double pOneIfFirstGood, double pOneIfFirstBad) {
            this.pOneIfFirstGood = pOneIfFirstGood;
            this.pOneIfFirstBad = pOneIfFirstBad;
            return this;
        }

        public Script latency(long millis) {
            latencyMillis = millis;
            return this;
        }

        /** Fails this share of attempts with 429 (with Retry-After), 500, 503 or a hang past the client's timeout. */
        public Script faults(double rate, long hangMillis) {
            faultRate = rate;
            timeoutSleepMillis = hangMillis;
            return this;
        }

        public Script retryAfter(String value) {
            retryAfter = value;
            return this;
        }

        /** Answers this share of prompts with text that is no verdict (or a body that is no JSON). */
        public Script junk(double rate) {
            junkRate = rate;
            return this;
        }

        /** Answers 401 unless the request carries this bearer token. */
        public Script requireKey(String key) {
            requiredKey = key;
            return this;
        }

        /** Answers the first attempt of every query with 429 and the Retry-After set by {@link #retryAfter}. */
        public Script firstAttemptRateLimited() {
            firstAttempt429 = true;
            return this;
        }

        /** Called on the server's thread with each request's number (1, 2, …) as it arrives, before it is answered. */
        public Script onRequest(java.util.function.IntConsumer hook) {
            onRequest = hook;
            return this;
        }

        /** Answers every verdict request with exactly this text. */
        public Script answer(String text) {
            fixedAnswer = text;
            return this;
        }
    }

    /** A request as received. */
    public record Received(JsonNode body, String authorization) {
        public String lastUserMessage() {
            String last = null;
            for (JsonNode m : body.path("messages")) {
                if (m.path("role").asText().equals("user")) {
                    last = m.path("content").asText();
                }
            }
            return last;
        }
    }

    private final Script script;
    private final HttpServer http;
    private final ExecutorService pool;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger arrivals = new AtomicInteger();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger faultsServed = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();

    private FakeJudgeServer(Script script) throws IOException {
        this.script = script;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-judge");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
    }

    public static Script script() {
        return new Script();
    }

    public static FakeJudgeServer start(Script script) {
        try {
            return new FakeJudgeServer(script);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake judge on loopback", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public int requestCount() {
        return received.size();
    }

    /** Attempts answered with a 429, 5xx or a hang. */
    public int faultsServed() {
        return faultsServed.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] in = ex.getRequestBody().readAllBytes();
            if (!ex.getRequestURI().getPath().equals("/v1/chat/completions")) {
                send(ex, 404, "{\"error\":{\"message\":\"no route " + ex.getRequestURI().getPath() + "\"}}", Map.of());
                return;
            }
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            JsonNode body = JSON.readTree(in);
            Received r = new Received(body, auth);
            // each request its own number: the queue's size, read after adding, can have grown by a second request
            // meanwhile, and a hook waiting for the tenth would then never see it
            int n = arrivals.incrementAndGet();
            received.add(r);
            script.onRequest.accept(n);
            if (script.requiredKey != null && !("Bearer " + script.requiredKey).equals(auth)) {
                send(ex, 401, "{\"error\":{\"message\":\"invalid api key\"}}", Map.of());
                return;
            }
            sleep(script.latencyMillis);
            String prompt = r.lastUserMessage();
            String query = body.path("messages").toString();
            int attempt = attempts.computeIfAbsent(query, k -> new AtomicInteger()).incrementAndGet();
            double roll = roll(query, attempt);
            if (script.firstAttempt429 && attempt == 1) {
                faultsServed.incrementAndGet();
                send(ex, 429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", script.retryAfter));
                return;
            }
            if (roll < script.faultRate) {
                faultsServed.incrementAndGet();
                switch ((int) (roll / script.faultRate * 4)) {
                    case 0 -> send(ex, 429, "{\"error\":{\"message\":\"rate limited\"}}", Map.of("Retry-After", script.retryAfter));
                    case 1 -> send(ex, 500, "{\"error\":{\"message\":\"internal error\"}}", Map.of());
                    case 2 -> send(ex, 503, "model is loading", Map.of());
                    default -> {
                        sleep(script.timeoutSleepMillis); // the client gives up first
                        send(ex, 200, completion("1", null, body), Map.of());
                    }
                }
                return;
            }
            double junkRoll = roll(query, -1);
            if (junkRoll < script.junkRate) {
                boolean notJson = junkRoll < script.junkRate / 3;
                send(ex, 200, notJson ? "<html>Bad Gateway</html>"
                        : completion("I cannot decide; both have merits.", null, body), Map.of());
                return;
            }
            answered.incrementAndGet();
            send(ex, 200, answer(body, prompt), Map.of());
        } catch (RuntimeException e) {
            send(ex, 500, "{\"error\":{\"message\":\"fake judge failed: " + e + "\"}}", Map.of());
        }
    }

    private String answer(JsonNode body, String prompt) {
        if (prompt.contains("Rationale:")) {
            boolean firstGood = firstShownIsGood(prompt);
            return completion("Looking at both, response " + (firstGood ? 1 : 2) + " is clearly better.", null, body);
        }
        if (script.fixedAnswer != null) {
            return completion(script.fixedAnswer, null, body);
        }
        String pairText = lastPairText(body);
        boolean firstGood = firstShownIsGood(pairText);
        boolean asksWorse = prompt.toLowerCase(Locale.ROOT).contains("more harmful");
        double pOne;
        if (script.pOneIfFirstGood != null) {
            pOne = firstGood ? script.pOneIfFirstGood : script.pOneIfFirstBad;
            if (asksWorse) {
                pOne = 1 - pOne;
            }
        } else if (script.positionBias) {
            pOne = 1.0;
        } else {
            pOne = firstGood != asksWorse ? 1.0 : 0.0;
        }
        String digit = script.positionBias ? "1" : pOne >= 0.5 ? "1" : "2";
        boolean wantLogprobs = body.path("logprobs").asBoolean(false) && script.pOneIfFirstGood != null;
        return completion(digit, wantLogprobs ? pOne : null, body);
    }

    /** The judged pair: the last user message that holds a marked response (exemplars come before it). */
    private static String lastPairText(JsonNode body) {
        String last = "";
        for (JsonNode m : body.path("messages")) {
            String c = m.path("content").asText();
            if (m.path("role").asText().equals("user") && (c.contains(GOOD) || c.contains(BAD))) {
                last = c;
            }
        }
        return last;
    }

    private static boolean firstShownIsGood(String text) {
        int good = text.indexOf(GOOD);
        int bad = text.indexOf(BAD);
        return good >= 0 && (bad < 0 || good < bad);
    }

    private static String completion(String text, Double pOne, JsonNode request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake");
        root.put("object", "chat.completion");
        root.put("model", request.path("model").asText());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        if (pOne != null) {
            double p1 = Math.min(0.999999, Math.max(1e-6, pOne)) * 0.98;
            double p2 = 0.98 - p1;
            ArrayNode content = choice.putObject("logprobs").putArray("content");
            ObjectNode token = content.addObject();
            token.put("token", text);
            token.put("logprob", Math.log(text.equals("1") ? p1 : p2));
            ArrayNode top = token.putArray("top_logprobs");
            top.addObject().put("token", "1").put("logprob", Math.log(p1));
            top.addObject().put("token", "2").put("logprob", Math.log(p2));
            top.addObject().put("token", " The").put("logprob", Math.log(0.02));
        }
        int promptChars = 0;
        for (JsonNode m : request.path("messages")) {
            promptChars += m.path("content").asText().length();
        }
        root.putObject("usage").put("prompt_tokens", promptChars / 4).put("completion_tokens", 1 + text.length() / 4)
                .put("total_tokens", promptChars / 4 + 1 + text.length() / 4);
        return root.toString();
    }

    private static double roll(String prompt, int attempt) {
        long h = prompt.hashCode() * 0x9E3779B97F4A7C15L + attempt * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        h ^= h >>> 29;
        return (h >>> 11) / (double) (1L << 53);
    }

    private static void send(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json" : "text/plain");
        try {
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client timed out or was cancelled; nothing to answer
        }
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}

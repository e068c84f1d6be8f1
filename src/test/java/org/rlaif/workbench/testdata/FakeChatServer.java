package org.rlaif.workbench.testdata;

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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions server on loopback for tests of the teacher and the direct-RLAIF judge: a
 * real HTTP server (the JDK's) on a free port, whose answers a test scripts from the request's last user message and
 * how many times that message was asked. Unlike {@code labeling.FakeJudgeServer}, which judges pairs, it answers
 * whatever the script says: a 1-10 score with or without log-probabilities, a response, an HTTP error.
 */
public final class FakeChatServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server answers one request with. */
    public record Answer(int status, String text, Map<String, Double> topLogprobs) {
        public static Answer text(String text) {
            return new Answer(200, text, null);
        }

        /** A score as one token, with these alternatives' probabilities (token to probability). */
        public static Answer scored(String token, Map<String, Double> probabilities) {
            return new Answer(200, token, probabilities);
        }

        public static Answer error(int status) {
            return new Answer(status, null, null);
        }
    }

    /** A request as the script sees it: the last user message and the how-manieth time it is asked (1, 2, …). */
    public record Asked(String message, int attempt, JsonNode body) {
        public boolean wantsLogprobs() {
            return body.path("logprobs").asBoolean(false);
        }
    }

    private final HttpServer http;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-chat");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Function<Asked, Answer> script;

    private FakeChatServer(Function<Asked, Answer> script) throws IOException {
        this.script = script;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        http.setExecutor(pool);
        http.createContext("/", this::handle);
        http.start();
    }

    public static FakeChatServer start(Function<Asked, Answer> script) {
        try {
            return new FakeChatServer(script);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake chat server on loopback", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    public int requests() {
        return requests.get();
    }

    /** Answers from now on with another script (a judge that goes down, and comes back). */
    public void script(Function<Asked, Answer> newScript) {
        this.script = newScript;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            requests.incrementAndGet();
            String message = "";
            for (JsonNode m : body.path("messages")) {
                if (m.path("role").asText().equals("user")) {
                    message = m.path("content").asText();
                }
            }
            int attempt = attempts.computeIfAbsent(message, k -> new AtomicInteger()).incrementAndGet();
            Answer a = script.apply(new Asked(message, attempt, body));
            if (a.status() != 200) {
                send(ex, a.status(), "{\"error\":{\"message\":\"scripted failure " + a.status() + "\"}}");
                return;
            }
            send(ex, 200, completion(a, body));
        } catch (RuntimeException e) {
            send(ex, 500, "{\"error\":{\"message\":\"fake chat server failed: " + e + "\"}}");
        }
    }

    private static String completion(Answer a, JsonNode request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake");
        root.put("object", "chat.completion");
        root.put("model", request.path("model").asText());
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", a.text());
        choice.put("finish_reason", "stop");
        if (a.topLogprobs() != null && request.path("logprobs").asBoolean(false)) {
            ArrayNode content = choice.putObject("logprobs").putArray("content");
            ObjectNode token = content.addObject();
            token.put("token", a.text());
            token.put("logprob", Math.log(a.topLogprobs().getOrDefault(a.text(), 1e-9)));
            ArrayNode top = token.putArray("top_logprobs");
            a.topLogprobs().forEach((t, p) -> top.addObject().put("token", t).put("logprob", Math.log(p)));
        }
        root.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", 1).put("total_tokens", 101);
        return root.toString();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        try {
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // the client gave up on this request
        }
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}

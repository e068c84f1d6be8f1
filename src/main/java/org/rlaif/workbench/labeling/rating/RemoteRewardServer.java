package org.rlaif.workbench.labeling.rating;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.Json;

/**
 * Direct-RLAIF rewards over loopback, in OpenRLHF's remote-reward protocol (decisions 22 and 46): {@code POST /reward}
 * with {@code {"query", "prompts", "labels"}} and our own {@code "ids", "raw_prompts", "responses"}, answered with
 * {@code {"rewards": [number | null]}} in the same order. Each response is rated by a {@link ResponseRater}; a rating
 * that fails is {@code null}, which the trainer drops and counts: never a made-up reward.
 *
 * <p>Bound to 127.0.0.1 on a free port, for one run's duration: nothing off the machine can ask it, and the judge's
 * API key stays in this process. Ratings of one request run at once up to the judge's concurrency; after a failure
 * that every later request would meet too (the server unreachable, the key refused) the rest of that request is not
 * asked, and the next request tries again: a judge that comes back is used again.
 */
public final class RemoteRewardServer implements AutoCloseable {
    public static final String PATH = "/reward";

    /** What was asked and answered so far. */
    public record Stats(long requests, long samples, long rewarded, long failed, long fromLogprobs) {
    }

    private final ResponseRater rater;
    private final LongFunction<Task> taskOf;
    private final Task fallbackTask;
    private final Consumer<String> failures;
    private final Semaphore permits;
    private final HttpServer http;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong rewarded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong fromLogprobs = new AtomicLong();

    private RemoteRewardServer(ResponseRater rater, LongFunction<Task> taskOf, Task fallbackTask, int concurrency,
                               Consumer<String> failures) throws IOException {
        this.rater = Objects.requireNonNull(rater, "rater");
        this.taskOf = Objects.requireNonNull(taskOf, "taskOf");
        this.fallbackTask = Objects.requireNonNull(fallbackTask, "fallbackTask");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.permits = new Semaphore(Math.max(1, concurrency));
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.setExecutor(workers);
        http.createContext("/", this::handle);
        http.start();
    }

    /**
     * Starts serving.
     *
     * @param taskOf       the task of a prompt id (which rating template applies); null where it is not known
     * @param fallbackTask the task for a request without ids (a trainer that sends only OpenRLHF's fields)
     * @param failures     told why each rating failed, on a worker thread
     */
    public static RemoteRewardServer start(ResponseRater rater, LongFunction<Task> taskOf, Task fallbackTask,
                                           int concurrency, Consumer<String> failures) {
        try {
            return new RemoteRewardServer(rater, taskOf, fallbackTask, concurrency, failures);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve rewards on loopback: " + e.getMessage(), e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + PATH;
    }

    public Stats stats() {
        return new Stats(requests.get(), samples.get(), rewarded.get(), failed.get(), fromLogprobs.get());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals(PATH)) {
                send(ex, 404, error("no such path; rewards are at " + PATH));
                return;
            }
            if (!ex.getRequestMethod().equals("POST")) {
                send(ex, 405, error("POST a JSON body to " + PATH));
                return;
            }
            List<Item> items;
            try {
                items = items(Json.mapper().readTree(ex.getRequestBody()));
            } catch (IOException | IllegalArgumentException e) {
                send(ex, 400, error("not a reward request: " + e.getMessage()));
                return;
            }
            requests.incrementAndGet();
            samples.addAndGet(items.size());
            ObjectNode answer = Json.mapper().createObjectNode();
            ArrayNode rewards = answer.putArray("rewards");
            for (Double r : rate(items)) {
                if (r == null) {
                    rewards.addNull();
                } else {
                    rewards.add(r);
                }
            }
            send(ex, 200, answer.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One response to rate. */
    private record Item(Task task, String context, String response) {
    }

    private List<Item> items(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        JsonNode query = body.path("query");
        JsonNode prompts = body.path("prompts");
        JsonNode raw = body.path("raw_prompts");
        JsonNode responses = body.path("responses");
        JsonNode ids = body.path("ids");
        boolean ours = raw.isArray() && responses.isArray();
        if (!ours && !(query.isArray() && prompts.isArray())) {
            throw new IllegalArgumentException("it needs \"query\" and \"prompts\" (or \"raw_prompts\" and"
                    + " \"responses\") as arrays");
        }
        int n = ours ? responses.size() : query.size();
        if ((ours ? raw.size() : prompts.size()) != n || (ids.isArray() && ids.size() != n)) {
            throw new IllegalArgumentException("its arrays differ in length");
        }
        List<Item> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String context = text(ours ? raw.get(i) : prompts.get(i), "prompt", i);
            String response = ours ? text(responses.get(i), "response", i) : completion(text(query.get(i), "query", i),
                    context);
            Task task = ids.isArray() && ids.get(i).canConvertToLong() ? taskOf.apply(ids.get(i).asLong()) : null;
            out.add(new Item(task != null ? task : fallbackTask, context, response));
        }
        return out;
    }

    private static String text(JsonNode node, String what, int i) {
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(what + " " + i + " is not a string");
        }
        return node.asText();
    }

    /** OpenRLHF's query is the prompt text followed by the completion. */
    private static String completion(String query, String prompt) {
        return query.startsWith(prompt) ? query.substring(prompt.length()) : query;
    }

    private List<Double> rate(List<Item> items) throws InterruptedException {
        AtomicBoolean judgeDown = new AtomicBoolean();
        List<Future<Double>> pending = new ArrayList<>(items.size());
        for (Item item : items) {
            pending.add(workers.submit(() -> rateOne(item, judgeDown)));
        }
        List<Double> out = new ArrayList<>(items.size());
        for (Future<Double> f : pending) {
            try {
                out.add(f.get());
            } catch (java.util.concurrent.ExecutionException e) {
                failed.incrementAndGet();
                failures.accept("rating failed: " + e.getCause());
                out.add(null);
            }
        }
        return out;
    }

    private Double rateOne(Item item, AtomicBoolean judgeDown) throws InterruptedException {
        permits.acquire();
        try {
            if (judgeDown.get()) {
                failed.incrementAndGet();
                return null; // its reason was given once for the request
            }
            ResponseRater.Rating rating = rater.rate(item.task(), item.context(), item.response());
            if (rating.reward() == null) {
                failed.incrementAndGet();
                if (rating.fatal()) {
                    judgeDown.set(true);
                }
                failures.accept(rating.failure());
                return null;
            }
            rewarded.incrementAndGet();
            if (rating.fromLogprobs()) {
                fromLogprobs.incrementAndGet();
            }
            return rating.reward();
        } finally {
            permits.release();
        }
    }

    private static String error(String message) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("error", message);
        return o.toString();
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
            // the trainer gave up on this request (its timeout): nothing to answer
        }
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
    }
}

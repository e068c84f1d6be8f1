package org.rlaif.workbench.cli.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * BENCHMARK FIXTURE, not a model server: an OpenAI-compatible endpoint on loopback that answers every chat request
 * with the same verdict (with log-probabilities) after a fixed latency. {@code bench label} runs it in a child
 * process, so the labeler's CPU time is measured without the server's.
 *
 * <p>It lives in main code because the benchmark ships in the jar; the tests' fault-injecting judge
 * ({@code FakeJudgeServer} in src/test) stays out of the product.
 *
 * <p>Usage: {@code java -cp rlaif-workbench.jar org.rlaif.workbench.cli.bench.BenchJudgeServer LATENCY_MS THREADS};
 * prints {@code port N} and serves until its standard input closes (when the parent process goes, so does it).
 */
public final class BenchJudgeServer {
    static final String ANSWER = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"model\":\"bench\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"1\"},\"finish_reason\":\"stop\","
            + "\"logprobs\":{\"content\":[{\"token\":\"1\",\"logprob\":-0.105,\"top_logprobs\":["
            + "{\"token\":\"1\",\"logprob\":-0.105},{\"token\":\"2\",\"logprob\":-2.302},{\"token\":\" \",\"logprob\":-6.9},"
            + "{\"token\":\"Summary\",\"logprob\":-7.5},{\"token\":\"The\",\"logprob\":-8.1}]}]}}],"
            + "\"usage\":{\"prompt_tokens\":420,\"completion_tokens\":1,\"total_tokens\":421}}";

    private BenchJudgeServer() {
    }

    public static void main(String[] args) throws Exception {
        long latencyMillis = Long.parseLong(args[0]);
        int threads = Integer.parseInt(args[1]);
        byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        http.setExecutor(pool);
        http.createContext("/", ex -> serve(ex, latencyMillis, answer));
        http.start();
        System.out.println("port " + http.getAddress().getPort());
        System.out.flush();
        try (InputStream in = System.in) {
            while (in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
        http.stop(0);
        pool.shutdownNow();
    }

    private static void serve(HttpExchange ex, long latencyMillis, byte[] answer) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            if (latencyMillis > 0) {
                try {
                    Thread.sleep(latencyMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, answer.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(answer);
            }
        }
    }
}

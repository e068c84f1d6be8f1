package org.rlaif.workbench.labeling.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlaif.workbench.labeling.FakeJudgeServer;

class OpenAiChatClientTest {
    private static ChatRequest ask(String text, int topLogprobs) {
        return new ChatRequest("judge", List.of(ChatMessage.system("rate"), ChatMessage.user(text)), 0.0, 4, topLogprobs, null);
    }

    @Test
    void sendsAChatCompletionsRequestAndReadsTextLogprobsAndUsage() throws Exception {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().logprobs(0.9, 0.2));
             OpenAiChatClient client = new OpenAiChatClient(server.baseUrl(), "k-123", Duration.ofSeconds(5))) {
            ChatCompletion c = client.complete(ask("Response 1 - " + FakeJudgeServer.GOOD + "\nResponse 2 - "
                    + FakeJudgeServer.BAD, 5));
            assertThat(c.text()).isEqualTo("1");
            assertThat(c.finishReason()).isEqualTo("stop");
            assertThat(c.logprobs()).hasSize(1);
            assertThat(c.logprobs().get(0).top()).extracting(TokenLogprob.Alternative::token).contains("1", "2");
            assertThat(c.promptTokens()).isPositive();
            var body = server.received().get(0).body();
            assertThat(body.path("model").asText()).isEqualTo("judge");
            assertThat(body.path("max_tokens").asInt()).isEqualTo(4);
            assertThat(body.path("top_logprobs").asInt()).isEqualTo(5);
            assertThat(body.path("stream").asBoolean()).isFalse();
            assertThat(server.received().get(0).authorization()).isEqualTo("Bearer k-123");
        }
    }

    @Test
    void doesNotAskForLogprobsWhenTopLogprobsIsZeroAndSendsNoKeyWhenThereIsNone() throws Exception {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script());
             OpenAiChatClient client = new OpenAiChatClient(server.baseUrl(), null, Duration.ofSeconds(5))) {
            client.complete(ask("x " + FakeJudgeServer.GOOD, 0));
            assertThat(server.received().get(0).body().has("logprobs")).isFalse();
            assertThat(server.received().get(0).authorization()).isNull();
        }
    }

    @Test
    void classifiesServerErrors() throws Exception {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().requireKey("right"));
             OpenAiChatClient wrongKey = new OpenAiChatClient(server.baseUrl(), "wrong-secret", Duration.ofSeconds(5));
             OpenAiChatClient wrongPath = new OpenAiChatClient(server.baseUrl().replace("/v1", "/api"), "right",
                     Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> wrongKey.complete(ask("x", 0))).isInstanceOfSatisfying(ChatException.class, e -> {
                assertThat(e.failure()).isEqualTo(ChatFailure.REFUSED);
                assertThat(e.failure().isFatal()).isTrue();
                assertThat(e.getMessage()).contains("HTTP 401: invalid api key").doesNotContain("wrong-secret");
            });
            assertThatThrownBy(() -> wrongPath.complete(ask("x", 0))).isInstanceOfSatisfying(ChatException.class, e -> {
                assertThat(e.failure()).isEqualTo(ChatFailure.REFUSED);
                assertThat(e.getMessage()).contains("HTTP 404").contains("model 'judge'");
            });
        }
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().firstAttemptRateLimited().retryAfter("7"));
             OpenAiChatClient client = new OpenAiChatClient(server.baseUrl(), null, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.complete(ask("x", 0))).isInstanceOfSatisfying(ChatException.class, e -> {
                assertThat(e.failure()).isEqualTo(ChatFailure.TRANSIENT);
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            });
        }
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().faults(1.0, 2_000));
             OpenAiChatClient client = new OpenAiChatClient(server.baseUrl(), null, Duration.ofMillis(200))) {
            for (int i = 0; i < 12; i++) {
                assertThatThrownBy(() -> client.complete(ask("x", 0))).isInstanceOfSatisfying(ChatException.class,
                        e -> assertThat(e.failure()).isEqualTo(ChatFailure.TRANSIENT));
            }
        }
    }

    @Test
    void aBodyThatIsNotAChatCompletionIsMalformed() {
        assertThatThrownBy(() -> OpenAiChatClient.parse("<html>Bad Gateway</html>"))
                .isInstanceOfSatisfying(ChatException.class, e -> {
                    assertThat(e.failure()).isEqualTo(ChatFailure.MALFORMED_RESPONSE);
                    assertThat(e.body()).isEqualTo("<html>Bad Gateway</html>");
                });
        assertThatThrownBy(() -> OpenAiChatClient.parse("{\"choices\":[]}"))
                .isInstanceOfSatisfying(ChatException.class, e -> assertThat(e.getMessage()).contains("no choices"));
    }

    @Test
    void nothingListeningIsUnreachableWithAPlainMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (OpenAiChatClient client = new OpenAiChatClient("http://127.0.0.1:" + port, null, Duration.ofSeconds(2))) {
            int p = port;
            assertThatThrownBy(() -> client.complete(ask("x", 0))).isInstanceOfSatisfying(ChatException.class, e -> {
                assertThat(e.failure()).isEqualTo(ChatFailure.UNREACHABLE);
                assertThat(e.failure().isFatal()).isTrue();
                assertThat(e.getMessage()).isEqualTo("cannot reach the model server at http://127.0.0.1:" + p
                        + "/v1/chat/completions: connection refused (is the server running and listening on port "
                        + p + "?)");
            });
        }
    }

    @Test
    void baseUrlsAreReadAsUsersWriteThem() {
        assertThat(OpenAiChatClient.chatCompletionsUri("http://127.0.0.1:8080")).hasToString("http://127.0.0.1:8080/v1/chat/completions");
        assertThat(OpenAiChatClient.chatCompletionsUri("http://127.0.0.1:8080/v1/")).hasToString("http://127.0.0.1:8080/v1/chat/completions");
        assertThat(OpenAiChatClient.chatCompletionsUri("http://localhost:11434/v1")).hasToString("http://localhost:11434/v1/chat/completions");
        assertThat(OpenAiChatClient.chatCompletionsUri("https://h/openai/v1/chat/completions")).hasToString("https://h/openai/v1/chat/completions");
        assertThatThrownBy(() -> OpenAiChatClient.chatCompletionsUri("localhost:8080")).hasMessageContaining("not an http");
        assertThatThrownBy(() -> OpenAiChatClient.chatCompletionsUri("")).hasMessageContaining("no base URL");
    }

    @Test
    void retryAfterReadsSecondsAndDates() {
        assertThat(OpenAiChatClient.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(OpenAiChatClient.retryAfter(null)).isNull();
        assertThat(OpenAiChatClient.retryAfter("soon")).isNull();
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
        assertThat(OpenAiChatClient.retryAfter(inTenSeconds).toSeconds()).isBetween(8L, 10L);
    }

    @Test
    void backoffDoublesWithJitterAndHonoursRetryAfter() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1_000), Duration.ofSeconds(30));
        var random = new java.util.SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            assertThat(p.delayAfter(1, null, random).toMillis()).isBetween(50L, 100L);
            assertThat(p.delayAfter(3, null, random).toMillis()).isBetween(200L, 400L);
            assertThat(p.delayAfter(9, null, random).toMillis()).isBetween(500L, 1_000L);
            assertThat(p.delayAfter(1, Duration.ofSeconds(2), random).toMillis()).isBetween(2_000L, 2_025L);
            assertThat(p.delayAfter(1, Duration.ofMinutes(10), random).toMillis()).isBetween(30_000L, 30_025L);
        }
    }

    @Test
    void theRateLimiterSpacesRequests() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(600); // one per 100 ms
        long start = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            limiter.acquire();
        }
        assertThat((System.nanoTime() - start) / 1e6).isCloseTo(300, within(80.0));
    }
}

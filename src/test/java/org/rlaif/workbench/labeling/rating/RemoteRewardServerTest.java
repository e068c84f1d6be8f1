package org.rlaif.workbench.labeling.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.labeling.AiLabelerSettings;
import org.rlaif.workbench.labeling.client.OpenAiChatClient;
import org.rlaif.workbench.testdata.FakeChatServer;
import org.rlaif.workbench.testdata.FakeChatServer.Answer;

/**
 * Direct-RLAIF rewards over loopback, against a scripted judge on loopback: OpenRLHF's request and ours, scores with
 * and without log-probabilities, a failed rating as null (never a number), a judge that refuses every request, and
 * the task's rating prompt chosen by the prompt's id.
 */
class RemoteRewardServerTest {
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private FakeChatServer judge;
    private RemoteRewardServer server;
    private OpenAiChatClient client;

    /** 9 (with log-probabilities 0.6 / 0.4 for 9 / 8, where asked) for a response that thanks; else "2". */
    private static Answer thanks(FakeChatServer.Asked a) {
        String response = a.message().substring(a.message().lastIndexOf("Response - ") + 1);
        if (a.message().contains("FAIL")) {
            return Answer.error(500);
        }
        if (response.contains("thank")) {
            return Answer.scored("9", Map.of("9", 0.6, "8", 0.4));
        }
        return Answer.text(a.message().contains("Summary - ") ? "Score: 5" : "2");
    }

    private void start(java.util.function.Function<FakeChatServer.Asked, Answer> script, int topLogprobs) {
        judge = FakeChatServer.start(script);
        client = new OpenAiChatClient(judge.baseUrl(), null, Duration.ofSeconds(10));
        AiLabelerSettings d = AiLabelerSettings.defaults();
        AiLabelerSettings s = new AiLabelerSettings(0, 8, 8, topLogprobs, 1, d.orders(), 0, 0, 4, 0, 10, 0, null,
                null, null, null, Map.of());
        ResponseRater rater = new ResponseRater(client, "rater", s, ResponseRater.templates(null, null));
        server = RemoteRewardServer.start(rater, id -> id == 99 ? Task.SUMMARIZATION : Task.HELPFULNESS,
                Task.OTHER, 4, failures::add);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (client != null) {
            client.close();
        }
        if (judge != null) {
            judge.close();
        }
    }

    @Test
    void ourRequestGetsOneRewardPerResponseInOrderAndAFailedRatingIsNull() throws Exception {
        start(RemoteRewardServerTest::thanks, 5);
        JsonNode answer = post(Map.of("query", List.of("p1a", "p2b", "p3c"), "prompts", List.of("p1", "p2", "p3"),
                "labels", List.of("", "", ""), "ids", List.of(1, 2, 3), "raw_prompts", List.of("Hi", "Hello", "Hey"),
                "responses", List.of("thank you!", "go away", "FAIL please")));
        JsonNode rewards = answer.path("rewards");
        assertThat(rewards).hasSize(3);
        assertThat(rewards.get(0).asDouble()).as("9 x 0.6 + 8 x 0.4, scaled")
                .isCloseTo(RatingScore.toReward(8.6), within(1e-9));
        assertThat(rewards.get(1).asDouble()).isCloseTo(RatingScore.toReward(2), within(1e-9));
        assertThat(rewards.get(2).isNull()).isTrue();
        RemoteRewardServer.Stats s = server.stats();
        assertThat(s).isEqualTo(new RemoteRewardServer.Stats(1, 3, 2, 1, 1));
        assertThat(failures).singleElement().asString().contains("HTTP 500");
    }

    @Test
    void withoutLogprobsTheStatedScoreIsTheReward() throws Exception {
        start(RemoteRewardServerTest::thanks, 0);
        JsonNode answer = post(Map.of("query", List.of("a"), "prompts", List.of("a"), "labels", List.of(""),
                "raw_prompts", List.of("Hi"), "responses", List.of("thank you!")));
        assertThat(answer.path("rewards").get(0).asDouble()).isCloseTo(RatingScore.toReward(9), within(1e-9));
        assertThat(server.stats().fromLogprobs()).isZero();
    }

    @Test
    void openRlhfsOwnFieldsAloneAreEnoughTheResponseIsTheQueryAfterThePrompt() throws Exception {
        start(RemoteRewardServerTest::thanks, 5);
        JsonNode answer = post(Map.of("query", List.of("<|user|>Hi<|assistant|>thank you", "<|user|>Hi<|assistant|>no"),
                "prompts", List.of("<|user|>Hi<|assistant|>", "<|user|>Hi<|assistant|>"), "labels", List.of("", "")));
        assertThat(answer.path("rewards").get(0).asDouble()).isGreaterThan(0.5);
        assertThat(answer.path("rewards").get(1).asDouble()).isLessThan(-0.5);
    }

    @Test
    void theRatingPromptIsTheTasksOfThePromptId() throws Exception {
        start(RemoteRewardServerTest::thanks, 5);
        JsonNode answer = post(Map.of("ids", List.of(99, 1), "raw_prompts", List.of("a post", "a question"),
                "responses", List.of("short", "short"), "query", List.of("x", "y"), "prompts", List.of("x", "y"),
                "labels", List.of("", "")));
        assertThat(answer.path("rewards").get(0).asDouble()).as("the summary rating's scripted 5")
                .isCloseTo(RatingScore.toReward(5), within(1e-9));
        assertThat(answer.path("rewards").get(1).asDouble()).isCloseTo(RatingScore.toReward(2), within(1e-9));
    }

    @Test
    void aJudgeThatRefusesEveryRequestGivesNullsAndIsNotAskedForTheRestOfTheRequest() throws Exception {
        start(a -> Answer.error(401), 5);
        List<String> responses = java.util.Collections.nCopies(16, "thank you");
        JsonNode answer = post(Map.of("raw_prompts", java.util.Collections.nCopies(16, "Hi"), "responses", responses,
                "query", responses, "prompts", java.util.Collections.nCopies(16, ""),
                "labels", java.util.Collections.nCopies(16, "")));
        assertThat(answer.path("rewards")).hasSize(16).allSatisfy(r -> assertThat(r.isNull()).isTrue());
        assertThat(judge.requests()).as("at most one concurrency's worth asked").isLessThanOrEqualTo(4);
        assertThat(server.stats().failed()).isEqualTo(16);
    }

    @Test
    void aRequestThatIsNotARewardRequestIsRefusedWithItsReason() throws Exception {
        start(RemoteRewardServerTest::thanks, 5);
        HttpResponse<String> r = send("{\"query\": [\"a\"], \"prompts\": [\"a\", \"b\"]}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("its arrays differ in length");
        assertThat(send("[1, 2]").body()).contains("the body must be a JSON object");
        assertThat(server.stats().requests()).isZero();
    }

    private JsonNode post(Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(Json.mapper().writeValueAsString(body));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    private HttpResponse<String> send(String body) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(server.url())).POST(HttpRequest.BodyPublishers
                    .ofString(body)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}

package org.rlaif.workbench.labeling.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The request body written straight to bytes says exactly what a JSON generator would, and the streaming reader of
 * answers gives exactly what the JSON tree gives, or steps aside for it.
 */
class ChatJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as it was built before, through a Jackson tree. */
    private static JsonNode reference(ChatRequest request) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", request.model());
        ArrayNode messages = root.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        root.put("temperature", request.temperature());
        root.put("max_tokens", request.maxTokens());
        root.put("stream", false);
        if (request.topLogprobs() > 0) {
            root.put("logprobs", true);
            root.put("top_logprobs", request.topLogprobs());
        }
        if (request.seed() != null) {
            root.put("seed", request.seed());
        }
        return root;
    }

    @Test
    void theRequestBodyIsWhatAJsonGeneratorWrites() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        String awkward = "quote \" backslash \\ slash / tab \t newline \n return \r bell \u0007 nul \u0000 del \u007f"
                + " é ü 中文 emoji 😀 line sep \u2028 {\"json\": [1, 2]} </script>";
        List<String> texts = new ArrayList<>(List.of("", "1", awkward, "plain ascii ".repeat(500)));
        for (int i = 0; i < 200; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(60);
            for (int k = 0; k < n; k++) {
                int kind = random.nextInt(5);
                b.appendCodePoint(switch (kind) {
                    case 0 -> random.nextInt(0x20);
                    case 1 -> 0x20 + random.nextInt(0x60);
                    case 2 -> 0xa0 + random.nextInt(0x700);
                    case 3 -> 0x4e00 + random.nextInt(0x500);
                    default -> 0x1f600 + random.nextInt(0x40);
                });
            }
            texts.add(b.toString());
        }
        for (String text : texts) {
            for (ChatRequest r : List.of(
                    new ChatRequest("judge-" + text.length(), List.of(ChatMessage.system(text), ChatMessage.user(text)),
                            0.0, 16, 5, null),
                    new ChatRequest("m", List.of(ChatMessage.user(text), ChatMessage.assistant("2"),
                            ChatMessage.user(text)), 0.7, 512, 0, 1234L),
                    new ChatRequest(text.isEmpty() ? "x" : text, List.of(ChatMessage.user("x")), 1e-4, 1, 20, -5L))) {
                byte[] bytes = ChatRequestJson.encode(r);
                assertThat(new String(bytes, StandardCharsets.UTF_8))
                        .isEqualTo(JSON.writeValueAsString(reference(r))); // byte for byte, not only the same tree
            }
        }
    }

    private static String completion(String content, String extra) {
        return "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":" + content
                + "},\"finish_reason\":\"stop\"" + extra + "}],\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":1}}";
    }

    @Test
    void theStreamingReaderAgreesWithTheTreeOrStepsAside() throws Exception {
        String logprobs = ",\"logprobs\":{\"content\":[{\"token\":\"1\",\"logprob\":-0.1,\"bytes\":[49],"
                + "\"top_logprobs\":[{\"token\":\"1\",\"logprob\":-0.1},{\"token\":\"2\",\"logprob\":-2.5,\"bytes\":[50]}]}]}";
        List<String> bodies = List.of(
                completion("\"1\"", ""),
                completion("\"1\"", logprobs),
                completion("\"Response 2 is better\\n\\\"really\\\"\"", ",\"logprobs\":null"),
                completion("null", ""),
                completion("\"2\"", ",\"logprobs\":{\"content\":null}"),
                completion("\"2\"", ",\"logprobs\":{\"content\":[{\"token\":\"2\",\"logprob\":-1}]}"),
                completion("\"2\"", ",\"logprobs\":{\"content\":[{\"token\":2,\"logprob\":-1}]}"),
                completion("\"2\"", ",\"logprobs\":{\"content\":[{\"logprob\":-1}]}"),
                completion("\"2\"", ",\"logprobs\":{\"content\":[{\"token\":\"2\",\"logprob\":\"-1\"}]}"),
                completion("\"2\"", ",\"logprobs\":{\"content\":[{\"token\":\"2\",\"logprob\":-1,"
                        + "\"top_logprobs\":{\"token\":\"2\",\"logprob\":-1}}]}"),
                completion("\"2\"", ",\"logprobs\":{\"content\":[{\"token\":\"2\",\"logprob\":-1,"
                        + "\"top_logprobs\":[{\"token\":\"x\"},{\"token\":\"1\",\"logprob\":-3}]}]}"),
                completion("\"2\"", ",\"logprobs\":[1,2]"),
                completion("42", ""),
                completion("[\"a\"]", ""),
                "{\"choices\":[{\"message\":{\"content\":\"1\"},\"message\":{\"content\":\"2\"}}]}",
                "{\"choices\":[{\"message\":{\"content\":\"1\"}}],\"choices\":[{\"message\":{\"content\":\"2\"}}]}",
                "{\"choices\":[{\"message\":{\"content\":\"1\"},\"finish_reason\":7}],\"usage\":{\"prompt_tokens\":1.5}}",
                "{\"choices\":[{\"message\":{\"content\":\"1\"}}],\"usage\":{\"prompt_tokens\":\"12\"}}",
                "{\"choices\":[{\"message\":{\"content\":\"1\"}}],\"usage\":null}",
                "{\"choices\":[{\"message\":\"hello\"}]}",
                "{\"choices\":[{\"text\":\"1\"}]}",
                "{\"choices\":[{\"message\":{\"content\":\"1\"}},{\"message\":{\"content\":\"2\"}}],\"usage\":{}}",
                "{\"choices\":[]}",
                "{\"choices\":{}}",
                "{\"choices\":[\"1\"]}",
                "{\"object\":\"chat.completion\"}",
                "{\"choices\":[{\"message\":{\"content\":\"1\"}}]} trailing",
                "[1,2]",
                "\"1\"",
                "",
                "<html>Bad Gateway</html>",
                "{\"choices\":[{\"message\":{\"content\":\"1\"",
                new String(BenchAnswer.BODY));
        int fast = 0;
        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ChatCompletion streamed = ChatCompletionReader.read(JSON.getFactory(), bytes);
            Object tree;
            try {
                tree = OpenAiChatClient.parseTree(bytes);
            } catch (ChatException e) {
                tree = e.failure() + ": " + e.getMessage();
            }
            if (streamed != null) {
                fast++;
                assertThat(streamed).as(body).isEqualTo(tree);
            }
            Object parsed;
            try {
                parsed = OpenAiChatClient.parse(bytes);
            } catch (ChatException e) {
                parsed = e.failure() + ": " + e.getMessage();
            }
            assertThat(parsed).as(body).isEqualTo(tree);
        }
        assertThat(fast).isGreaterThanOrEqualTo(7);
        for (String usual : List.of(completion("\"1\"", ""), completion("\"1\"", logprobs),
                completion("\"2\"", ",\"logprobs\":null"), new String(BenchAnswer.BODY, StandardCharsets.UTF_8))) {
            assertThat(ChatCompletionReader.read(JSON.getFactory(), usual.getBytes(StandardCharsets.UTF_8)))
                    .as("the usual shapes take the fast path: " + usual).isNotNull();
        }
        ChatCompletion c = ChatCompletionReader.read(JSON.getFactory(), completion("\"1\"", logprobs)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(c.text()).isEqualTo("1");
        assertThat(c.logprobs()).singleElement().satisfies(t -> {
            assertThat(t.token()).isEqualTo("1");
            assertThat(t.top()).extracting(TokenLogprob.Alternative::token).containsExactly("1", "2");
        });
        assertThat(c.promptTokens()).isEqualTo(42);
    }

    /** The answer of the benchmark's judge, typical of llama-server with logprobs. */
    private static final class BenchAnswer {
        static final byte[] BODY = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"model\":\"bench\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"1\"},\"finish_reason\":\"stop\","
                + "\"logprobs\":{\"content\":[{\"token\":\"1\",\"logprob\":-0.105,\"top_logprobs\":["
                + "{\"token\":\"1\",\"logprob\":-0.105},{\"token\":\"2\",\"logprob\":-2.302},{\"token\":\" \",\"logprob\":-6.9},"
                + "{\"token\":\"Summary\",\"logprob\":-7.5},{\"token\":\"The\",\"logprob\":-8.1}]}]}}],"
                + "\"usage\":{\"prompt_tokens\":420,\"completion_tokens\":1,\"total_tokens\":421}}")
                .getBytes(StandardCharsets.UTF_8);
    }
}

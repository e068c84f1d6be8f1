package org.rlaif.workbench.labeling.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLHandshakeException;

/**
 * A client of the OpenAI chat-completions API ({@code POST {base}/chat/completions}), which llama.cpp's
 * {@code llama-server}, vLLM, Ollama, LM Studio and hosted services all speak. Non-streaming: a judge's answer is a
 * few tokens, and the whole answer is needed before anything can be stored.
 *
 * <p>The API key is held in memory only: it goes into the {@code Authorization} header and nowhere else (not into
 * messages, exceptions or {@link #toString()}).
 *
 * <p>Requests go over {@link Http1Client} (HTTP/1.1 keep-alive, on the calling thread); see there for why not
 * {@code java.net.http.HttpClient}. The request body is written straight to bytes ({@link ChatRequestJson}), and an
 * answer of the usual shape is read with a streaming parser ({@link ChatCompletionReader}); anything else goes
 * through the JSON tree below, which has the final word on what is malformed.
 */
public final class OpenAiChatClient implements ChatClient, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();
    private static final int MAX_BODY_IN_MESSAGE = 300;
    private static final int MAX_BODY_KEPT = 4000;

    private final URI endpoint;
    private final String apiKey;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final Http1Client http;

    /**
     * @param baseUrl        the server's OpenAI base URL, e.g. {@code http://127.0.0.1:8080/v1}; a bare
     *                       {@code http://host:port} gets {@code /v1} added
     * @param apiKey         sent as a bearer token, or null for servers that need none
     * @param requestTimeout how long one request may take from sending to the last byte of the answer
     */
    public OpenAiChatClient(String baseUrl, String apiKey, Duration requestTimeout) {
        this(baseUrl, apiKey, requestTimeout, Duration.ofSeconds(10));
    }

    public OpenAiChatClient(String baseUrl, String apiKey, Duration requestTimeout, Duration connectTimeout) {
        this.endpoint = chatCompletionsUri(baseUrl);
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        // HTTP/1.1 on purpose: the local servers speak nothing else, and asking for h2c costs an upgrade dance.
        this.http = new Http1Client(endpoint, this.apiKey == null ? null : "Bearer " + this.apiKey, connectTimeout);
    }

    /**
     * The chat-completions address for a base URL as users write it: {@code http://host:8080},
     * {@code http://host:8080/v1}, or the full {@code …/chat/completions}.
     *
     * @throws IllegalArgumentException with a message for the user when the URL is not an http(s) address
     */
    public static URI chatCompletionsUri(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("no base URL given (e.g. http://127.0.0.1:8080/v1)");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + baseUrl + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + baseUrl + "' is not an http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + baseUrl + "' has no host name");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/chat/completions")) {
            return uri;
        }
        if (path.isEmpty()) {
            path = "/v1";
        }
        return uri.resolve(path + "/chat/completions");
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public ChatCompletion complete(ChatRequest request) throws ChatException, InterruptedException {
        Http1Client.Answer response;
        try {
            response = http.post(body(request), requestTimeout);
        } catch (IOException e) {
            throw failureOf(e);
        }
        return answerOf(request, response);
    }

    static byte[] body(ChatRequest request) {
        return ChatRequestJson.encode(request);
    }

    private ChatException failureOf(Throwable t) {
        String where = "the model server at " + endpoint;
        if (t instanceof HttpConnectTimeoutException) {
            return new ChatException(ChatFailure.UNREACHABLE, "cannot reach " + where + ": no connection within "
                    + seconds(connectTimeout) + " (is the host up, and the port open?)", 0, null, null, t);
        }
        if (t instanceof HttpTimeoutException) {
            return new ChatException(ChatFailure.TRANSIENT, "no answer within " + seconds(requestTimeout),
                    0, null, null, t);
        }
        if (isUnknownHost(t)) {
            return new ChatException(ChatFailure.UNREACHABLE, "cannot reach " + where + ": unknown host '"
                    + endpoint.getHost() + "'", 0, null, null, t);
        }
        if (t instanceof SSLHandshakeException) {
            return new ChatException(ChatFailure.UNREACHABLE, "cannot reach " + where + ": the secure connection"
                    + " failed (" + t.getMessage() + ")", 0, null, null, t);
        }
        if (t instanceof ConnectException) {
            return new ChatException(ChatFailure.UNREACHABLE, "cannot reach " + where + ": connection refused"
                    + " (is the server running and listening on port " + port() + "?)", 0, null, null, t);
        }
        String detail = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new ChatException(ChatFailure.TRANSIENT, "connection failed: " + detail, 0, null, null, t);
    }

    private static boolean isUnknownHost(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private int port() {
        if (endpoint.getPort() > 0) {
            return endpoint.getPort();
        }
        return "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
    }

    private ChatCompletion answerOf(ChatRequest request, Http1Client.Answer response) throws ChatException {
        int status = response.status();
        if (status / 100 == 2) {
            return parse(response.body());
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String kept = cut(text, MAX_BODY_KEPT);
        String reason = "HTTP " + status + errorMessage(text).map(m -> ": " + m).orElse("");
        Duration retryAfter = retryAfter(response.header("retry-after"));
        if (status == 401 || status == 403) {
            return fail(ChatFailure.REFUSED, "the model server at " + endpoint + " refused the request (" + reason
                    + "); check the API key variable", status, null, kept);
        }
        if (status == 404) {
            return fail(ChatFailure.REFUSED, "the model server at " + endpoint + " has no such model or path ("
                    + reason + "); check the base URL and that model '" + request.model() + "' is served",
                    status, null, kept);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return fail(ChatFailure.TRANSIENT, reason, status, retryAfter, kept);
        }
        return fail(ChatFailure.REQUEST_REJECTED, "the server rejected the request (" + reason + ")", status, null, kept);
    }

    private static ChatCompletion fail(ChatFailure failure, String message, int status, Duration retryAfter,
                                       String body) throws ChatException {
        throw new ChatException(failure, message, status, retryAfter, body, null);
    }

    /** Parses a chat-completions body; anything else is a {@link ChatFailure#MALFORMED_RESPONSE}. */
    static ChatCompletion parse(String body) throws ChatException {
        return parse(body.getBytes(StandardCharsets.UTF_8));
    }

    static ChatCompletion parse(byte[] body) throws ChatException {
        ChatCompletion usual = ChatCompletionReader.read(FACTORY, body);
        return usual != null ? usual : parseTree(body);
    }

    /** The general reading, through a JSON tree: the reference for what an answer means and what is malformed. */
    static ChatCompletion parseTree(byte[] body) throws ChatException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw malformed("the server answered with something that is not JSON", body);
        }
        JsonNode choice = root == null ? null : root.path("choices").path(0);
        if (choice == null || choice.isMissingNode() || !choice.isObject()) {
            throw malformed("the server's answer has no choices", body);
        }
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual() && !content.isNull() && !content.isMissingNode()) {
            throw malformed("the server's answer has a message content that is not text", body);
        }
        String text = content.isTextual() ? content.asText() : "";
        String finish = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : null;
        JsonNode usage = root.path("usage");
        return new ChatCompletion(text, finish, logprobs(choice.path("logprobs").path("content")),
                usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
    }

    private static List<TokenLogprob> logprobs(JsonNode content) {
        List<TokenLogprob> out = new ArrayList<>();
        if (!content.isArray()) {
            return out;
        }
        for (JsonNode t : content) {
            if (!t.path("token").isTextual() || !t.path("logprob").isNumber()) {
                continue;
            }
            List<TokenLogprob.Alternative> top = new ArrayList<>();
            for (JsonNode alt : t.path("top_logprobs")) {
                if (alt.path("token").isTextual() && alt.path("logprob").isNumber()) {
                    top.add(new TokenLogprob.Alternative(alt.path("token").asText(), alt.path("logprob").asDouble()));
                }
            }
            out.add(new TokenLogprob(t.path("token").asText(), t.path("logprob").asDouble(), top));
        }
        return out;
    }

    private static ChatException malformed(String message, byte[] body) {
        return new ChatException(ChatFailure.MALFORMED_RESPONSE, message, 200, null,
                cut(new String(body, StandardCharsets.UTF_8), MAX_BODY_KEPT), null);
    }

    private static java.util.Optional<String> errorMessage(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            JsonNode error = root == null ? null : root.path("error");
            if (error != null && error.isTextual()) {
                return java.util.Optional.of(cut(error.asText(), MAX_BODY_IN_MESSAGE));
            }
            if (error != null && error.path("message").isTextual()) {
                return java.util.Optional.of(cut(error.path("message").asText(), MAX_BODY_IN_MESSAGE));
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw text
        }
        String plain = body.strip();
        return plain.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(cut(plain, MAX_BODY_IN_MESSAGE));
    }

    /** Retry-After as delay-seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        try {
            long secondsValue = Long.parseLong(v);
            return secondsValue < 0 ? null : Duration.ofSeconds(secondsValue);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "OpenAiChatClient[" + endpoint + (apiKey == null ? "" : ", with API key") + "]";
    }
}

package org.rlaif.workbench.labeling.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a chat-completions answer of the usual shape in one streaming pass, without building a JSON tree: text,
 * finish reason, log-probabilities and token counts. Anything it is not sure of (a field of an unexpected type, a
 * repeated field, a body that is not JSON) makes it give up with null, and the caller reads the body the slow,
 * general way, which decides what counts as malformed. So this changes only the speed, never the result.
 */
final class ChatCompletionReader {
    private ChatCompletionReader() {
    }

    /** The completion, or null when the body is not of the usual shape. */
    static ChatCompletion read(JsonFactory factory, byte[] body) {
        try (JsonParser p = factory.createParser(body)) {
            ChatCompletion c = root(p);
            return c != null && p.nextToken() == null ? c : null;
        } catch (IOException | RuntimeException unusual) {
            return null;
        }
    }

    private static final class Found {
        boolean choices;
        boolean usage;
        String text;
        boolean message;
        String finish;
        boolean finishSeen;
        List<TokenLogprob> logprobs;
        long promptTokens;
        long completionTokens;
        boolean promptSeen;
        boolean completionSeen;
    }

    private static ChatCompletion root(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        Found f = new Found();
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "choices" -> {
                    if (f.choices || t != JsonToken.START_ARRAY || p.nextToken() != JsonToken.START_OBJECT
                            || !choice(p, f)) {
                        return null;
                    }
                    f.choices = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        p.skipChildren(); // further choices: only the first is read
                    }
                }
                case "usage" -> {
                    if (f.usage || t != JsonToken.START_OBJECT || !usage(p, f)) {
                        return null;
                    }
                    f.usage = true;
                }
                default -> p.skipChildren();
            }
        }
        if (!f.choices || !f.message) {
            return null;
        }
        return new ChatCompletion(f.text == null ? "" : f.text, f.finish, f.logprobs == null ? List.of() : f.logprobs,
                f.promptTokens, f.completionTokens);
    }

    /** The first choice, the parser on its START_OBJECT; false when it is not of the usual shape. */
    private static boolean choice(JsonParser p, Found f) throws IOException {
        boolean logprobsSeen = false;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "message" -> {
                    if (f.message || t != JsonToken.START_OBJECT || !message(p, f)) {
                        return false;
                    }
                    f.message = true;
                }
                case "finish_reason" -> {
                    if (f.finishSeen || t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
                        return false;
                    }
                    f.finishSeen = true;
                    f.finish = t == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                case "logprobs" -> {
                    if (logprobsSeen) {
                        return false;
                    }
                    logprobsSeen = true;
                    if (t == JsonToken.START_OBJECT) {
                        if (!logprobs(p, f)) {
                            return false;
                        }
                    } else if (t != JsonToken.VALUE_NULL) {
                        return false;
                    }
                }
                default -> p.skipChildren();
            }
        }
        return true;
    }

    private static boolean message(JsonParser p, Found f) throws IOException {
        boolean contentSeen = false;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (name.equals("content")) {
                if (contentSeen || t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NULL) {
                    return false;
                }
                contentSeen = true;
                f.text = t == JsonToken.VALUE_STRING ? p.getText() : null;
            } else {
                p.skipChildren();
            }
        }
        return true;
    }

    private static boolean logprobs(JsonParser p, Found f) throws IOException {
        boolean contentSeen = false;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            if (!name.equals("content")) {
                p.skipChildren();
                continue;
            }
            if (contentSeen || t != JsonToken.START_ARRAY) {
                return false; // null or odd content: leave it to the general reader
            }
            contentSeen = true;
            List<TokenLogprob> tokens = new ArrayList<>(2);
            while (p.nextToken() == JsonToken.START_OBJECT) {
                TokenLogprob token = token(p);
                if (token == null) {
                    return false;
                }
                tokens.add(token);
            }
            if (p.currentToken() != JsonToken.END_ARRAY) {
                return false;
            }
            f.logprobs = tokens;
        }
        return true;
    }

    /** One token with its alternatives; null when a field is missing or of another type. */
    private static TokenLogprob token(JsonParser p) throws IOException {
        return entry(p, true);
    }

    /** One of a token's alternatives: a token and its log-probability, nothing more. */
    private static TokenLogprob.Alternative alternative(JsonParser p) throws IOException {
        TokenLogprob t = entry(p, false);
        return t == null ? null : new TokenLogprob.Alternative(t.token(), t.logprob());
    }

    /**
     * The fields of a token object, its {@code top_logprobs} read only when {@code withAlternatives} (an alternative's
     * own list, if a server sent one, is skipped); null when a field is missing, repeated or of another type.
     */
    private static TokenLogprob entry(JsonParser p, boolean withAlternatives) throws IOException {
        String token = null;
        Double logprob = null;
        List<TokenLogprob.Alternative> top = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "token" -> {
                    if (token != null || t != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    token = p.getText();
                }
                case "logprob" -> {
                    if (logprob != null || !t.isNumeric()) {
                        return null;
                    }
                    logprob = p.getDoubleValue();
                }
                case "top_logprobs" -> {
                    if (!withAlternatives) {
                        p.skipChildren();
                    } else {
                        if (top != null || t != JsonToken.START_ARRAY) {
                            return null;
                        }
                        top = alternatives(p);
                        if (top == null) {
                            return null;
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (token == null || logprob == null) {
            return null;
        }
        return new TokenLogprob(token, logprob, top == null ? List.of() : top);
    }

    private static List<TokenLogprob.Alternative> alternatives(JsonParser p) throws IOException {
        List<TokenLogprob.Alternative> top = new ArrayList<>(8);
        while (p.nextToken() == JsonToken.START_OBJECT) {
            TokenLogprob.Alternative alt = alternative(p);
            if (alt == null) {
                return null;
            }
            top.add(alt);
        }
        return p.currentToken() == JsonToken.END_ARRAY ? top : null;
    }

    private static boolean usage(JsonParser p, Found f) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken t = p.nextToken();
            switch (name) {
                case "prompt_tokens" -> {
                    if (f.promptSeen || t != JsonToken.VALUE_NUMBER_INT) {
                        return false;
                    }
                    f.promptSeen = true;
                    f.promptTokens = p.getLongValue();
                }
                case "completion_tokens" -> {
                    if (f.completionSeen || t != JsonToken.VALUE_NUMBER_INT) {
                        return false;
                    }
                    f.completionSeen = true;
                    f.completionTokens = p.getLongValue();
                }
                default -> p.skipChildren();
            }
        }
        return true;
    }
}

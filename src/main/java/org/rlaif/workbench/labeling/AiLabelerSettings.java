package org.rlaif.workbench.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.rlaif.workbench.domain.Task;

/**
 * An AI labeler's settings, kept as the {@code config} JSON of its labeler row. The API key is not among them by
 * construction: only the NAME of the environment variable or keyring entry that holds it.
 *
 * @param temperature        sampling temperature of every request
 * @param maxTokens          answer budget of the verdict request (a verdict is one token; a little slack helps
 *                           models that write "Summary 1")
 * @param rationaleMaxTokens answer budget of the rationale request (chain of thought)
 * @param topLogprobs        alternatives per answer token to ask for (0: do not ask for log-probabilities)
 * @param samples            self-consistency: queries per pair and order, stored as sample indices 0..n-1
 * @param fewShot            exemplars from adjudicated pairs shown before each pair (0: none)
 * @param requestsPerMinute  0 for no limit
 * @param apiKeyEnv          name of the environment variable that holds the API key, or null
 * @param apiKeyKeyring      name of the OS keyring entry that holds the API key, or null
 * @param priceInputPerMTok  USD per million input tokens, for the cost estimate, or null
 * @param templates          edited prompt templates by task; tasks not in it use the shipped template
 */
public record AiLabelerSettings(double temperature, int maxTokens, int rationaleMaxTokens, int topLogprobs,
                                int samples, OrderMode orders, int fewShot, long fewShotSeed, int concurrency,
                                int requestsPerMinute, int timeoutSeconds, int retries, String apiKeyEnv,
                                String apiKeyKeyring, Double priceInputPerMTok, Double priceOutputPerMTok,
                                Map<Task, String> templates) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]{0,127}");

    public AiLabelerSettings {
        Objects.requireNonNull(orders, "orders");
        range("temperature", temperature, 0, 2);
        range("max tokens", maxTokens, 1, 100_000);
        range("rationale max tokens", rationaleMaxTokens, 1, 100_000);
        range("top logprobs", topLogprobs, 0, 20);
        range("samples", samples, 1, 1000);
        range("few-shot exemplars", fewShot, 0, 64);
        range("concurrency", concurrency, 1, 512);
        range("requests per minute", requestsPerMinute, 0, 1_000_000);
        range("timeout (s)", timeoutSeconds, 1, 3600);
        range("retries", retries, 0, 100);
        apiKeyEnv = secretName("API key variable", apiKeyEnv);
        apiKeyKeyring = secretName("API key keyring entry", apiKeyKeyring);
        if (priceInputPerMTok != null && !(priceInputPerMTok >= 0)) {
            throw new IllegalArgumentException("input price must be >= 0, got " + priceInputPerMTok);
        }
        if (priceOutputPerMTok != null && !(priceOutputPerMTok >= 0)) {
            throw new IllegalArgumentException("output price must be >= 0, got " + priceOutputPerMTok);
        }
        templates = templates == null || templates.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(templates));
    }

    public static AiLabelerSettings defaults() {
        return new AiLabelerSettings(0.0, 16, 512, 5, 1, OrderMode.AB, 0, 0, 4, 0, 120, 4, null, null, null, null,
                Map.of());
    }

    private static void range(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(what + " must be in [" + fmt(min) + ", " + fmt(max) + "], got " + fmt(value));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String secretName(String what, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String n = name.strip();
        if (!SECRET_NAME.matcher(n).matches()) {
            throw new IllegalArgumentException(what + " takes the NAME of where the key is kept (e.g. OPENAI_API_KEY),"
                    + " not the key itself");
        }
        return n;
    }

    /** Estimated cost in USD of the given token counts, or null when no price is set. */
    public Double cost(long tokensIn, long tokensOut) {
        if (priceInputPerMTok == null && priceOutputPerMTok == null) {
            return null;
        }
        double in = priceInputPerMTok == null ? 0 : priceInputPerMTok;
        double out = priceOutputPerMTok == null ? 0 : priceOutputPerMTok;
        return (tokensIn * in + tokensOut * out) / 1_000_000.0;
    }

    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("temperature", temperature);
        o.put("max_tokens", maxTokens);
        o.put("rationale_max_tokens", rationaleMaxTokens);
        o.put("top_logprobs", topLogprobs);
        o.put("samples", samples);
        o.put("orders", orders.key());
        o.put("few_shot", fewShot);
        o.put("few_shot_seed", fewShotSeed);
        o.put("concurrency", concurrency);
        o.put("requests_per_minute", requestsPerMinute);
        o.put("timeout_s", timeoutSeconds);
        o.put("retries", retries);
        if (apiKeyEnv != null) {
            o.put("api_key_env", apiKeyEnv);
        }
        if (apiKeyKeyring != null) {
            o.put("api_key_keyring", apiKeyKeyring);
        }
        if (priceInputPerMTok != null) {
            o.put("price_in_per_mtok", priceInputPerMTok);
        }
        if (priceOutputPerMTok != null) {
            o.put("price_out_per_mtok", priceOutputPerMTok);
        }
        if (!templates.isEmpty()) {
            ObjectNode t = o.putObject("templates");
            new EnumMap<>(templates).forEach((task, text) -> t.put(task.key(), text));
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a labeler's config JSON; absent fields take their defaults, so older projects keep working. */
    public static AiLabelerSettings fromJson(String json) {
        JsonNode o;
        try {
            o = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
        } catch (IOException e) {
            throw new LabelingSetupException("the labeler's settings are not valid JSON: " + e.getMessage());
        }
        AiLabelerSettings d = defaults();
        Map<Task, String> templates = new EnumMap<>(Task.class);
        o.path("templates").fields().forEachRemaining(e -> templates.put(Task.parse(e.getKey()), e.getValue().asText()));
        try {
            return new AiLabelerSettings(o.path("temperature").asDouble(d.temperature),
                    o.path("max_tokens").asInt(d.maxTokens), o.path("rationale_max_tokens").asInt(d.rationaleMaxTokens),
                    o.path("top_logprobs").asInt(d.topLogprobs), o.path("samples").asInt(d.samples),
                    o.has("orders") ? OrderMode.parse(o.path("orders").asText()) : d.orders,
                    o.path("few_shot").asInt(d.fewShot), o.path("few_shot_seed").asLong(d.fewShotSeed),
                    o.path("concurrency").asInt(d.concurrency), o.path("requests_per_minute").asInt(d.requestsPerMinute),
                    o.path("timeout_s").asInt(d.timeoutSeconds), o.path("retries").asInt(d.retries),
                    text(o, "api_key_env"), text(o, "api_key_keyring"), number(o, "price_in_per_mtok"),
                    number(o, "price_out_per_mtok"), templates);
        } catch (IllegalArgumentException e) {
            throw new LabelingSetupException("the labeler's settings are invalid: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String field) {
        return o.path(field).isTextual() ? o.path(field).asText() : null;
    }

    private static Double number(JsonNode o, String field) {
        return o.path(field).isNumber() ? o.path(field).asDouble() : null;
    }

    /** Which settings that shape the labels differ (not those that only shape the traffic, like concurrency). */
    public List<String> labelAffectingDifferences(AiLabelerSettings other) {
        List<String> out = new ArrayList<>();
        if (temperature != other.temperature) {
            out.add("temperature " + temperature + " vs " + other.temperature);
        }
        if (maxTokens != other.maxTokens) {
            out.add("max tokens " + maxTokens + " vs " + other.maxTokens);
        }
        if (fewShot != other.fewShot || fewShotSeed != other.fewShotSeed) {
            out.add("few-shot " + fewShot + " vs " + other.fewShot);
        }
        if (orders != other.orders) {
            out.add("orders " + orders.key() + " vs " + other.orders.key());
        }
        if (!templates.equals(other.templates)) {
            out.add("prompt templates");
        }
        return out;
    }

    public AiLabelerSettings withTemplates(Map<Task, String> newTemplates) {
        return new AiLabelerSettings(temperature, maxTokens, rationaleMaxTokens, topLogprobs, samples, orders, fewShot,
                fewShotSeed, concurrency, requestsPerMinute, timeoutSeconds, retries, apiKeyEnv, apiKeyKeyring,
                priceInputPerMTok, priceOutputPerMTok, newTemplates);
    }
}

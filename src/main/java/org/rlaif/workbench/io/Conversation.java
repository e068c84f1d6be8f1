package org.rlaif.workbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * Chat-style messages ({@code [{"role": "user", "content": "…"}, …]}) as the plain text the workbench shows and
 * sends to labelers: one block per message, headed by its role, separated by blank lines.
 */
public final class Conversation {
    private Conversation() {
    }

    /** A string field as it is, or a list of messages rendered as text. */
    public static String textOf(JsonNode record, String field) throws RecordException {
        JsonNode v = JsonFields.required(record, field);
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            return render(v, 0, v.size(), field);
        }
        throw new RecordException("field '" + field + "' must be a string or a list of messages, got "
                + JsonFields.describe(v));
    }

    /** Messages {@code from} (inclusive) to {@code to} (exclusive) as text. */
    public static String render(JsonNode messages, int from, int to, String field) throws RecordException {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            JsonNode m = messages.get(i);
            if (m == null || !m.isObject() || !m.path("content").isTextual()) {
                throw new RecordException("field '" + field + "': message " + i
                        + " must be an object with a string 'content'");
            }
            String role = m.path("role").asText("");
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            if (!role.isEmpty()) {
                sb.append(capitalise(role)).append(": ");
            }
            sb.append(m.get("content").textValue());
        }
        return sb.toString();
    }

    private static String capitalise(String role) {
        return role.substring(0, 1).toUpperCase(Locale.ROOT) + role.substring(1);
    }
}

package org.rlaif.workbench.io;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed access to fields of a JSON record, with messages that say which field is wrong and how. */
public final class JsonFields {
    private JsonFields() {
    }

    /** A required string field. */
    public static String text(JsonNode record, String field) throws RecordException {
        JsonNode v = required(record, field);
        if (!v.isTextual()) {
            throw new RecordException("field '" + field + "' must be a string, got " + describe(v));
        }
        return v.textValue();
    }

    /** An optional string field; null when absent or null. Numbers are accepted as their text. */
    public static String optionalText(JsonNode record, String field) throws RecordException {
        JsonNode v = record.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        throw new RecordException("field '" + field + "' must be a string, got " + describe(v));
    }

    /** A required number; a string holding a number (as some datasets write them) is accepted too. */
    public static double number(JsonNode record, String field) throws RecordException {
        JsonNode v = required(record, field);
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw new RecordException("field '" + field + "' must be a number, got \"" + abbreviate(v.textValue()) + "\"");
            }
        }
        throw new RecordException("field '" + field + "' must be a number, got " + describe(v));
    }

    public static JsonNode required(JsonNode record, String field) throws RecordException {
        if (!record.isObject()) {
            throw new RecordException("record must be a JSON object, got " + describe(record));
        }
        JsonNode v = record.get(field);
        if (v == null || v.isMissingNode()) {
            throw new RecordException("missing field '" + field + "'");
        }
        if (v.isNull()) {
            throw new RecordException("field '" + field + "' is null");
        }
        return v;
    }

    public static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number (" + v.asText() + ")";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> v.getNodeType().name().toLowerCase();
        };
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}

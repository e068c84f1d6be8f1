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

    /**
     * A required text field that some datasets write as a bare scalar when the text was a word like "True" or a
     * number (PandaLM has responses that are JSON {@code true}: its Python tooling turned the model's answer
     * "True" into a boolean). Booleans come back as Python prints them ("True", "False"), which is the text the
     * judges and annotators were shown; numbers as written.
     */
    public static String scalarText(JsonNode record, String field) throws RecordException {
        JsonNode v = required(record, field);
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue() ? "True" : "False";
        }
        if (v.isNumber()) {
            return v.asText();
        }
        throw new RecordException("field '" + field + "' must be a string, got " + describe(v));
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

    /** An optional number (or a string holding one); null when absent or null. NaN is returned as NaN. */
    public static Double optionalNumber(JsonNode record, String field) throws RecordException {
        JsonNode v = record.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return number(record, field);
    }

    /** A required whole number (or a string holding one), such as a label code or an index. */
    public static long integer(JsonNode record, String field) throws RecordException {
        double d = number(record, field);
        if (d != Math.rint(d) || Double.isInfinite(d)) {
            throw new RecordException("field '" + field + "' must be a whole number, got " + record.get(field).asText());
        }
        return (long) d;
    }

    /** A required JSON object. */
    public static JsonNode object(JsonNode record, String field) throws RecordException {
        JsonNode v = required(record, field);
        if (!v.isObject()) {
            throw new RecordException("field '" + field + "' must be an object, got " + describe(v));
        }
        return v;
    }

    /** A required JSON array. */
    public static JsonNode array(JsonNode record, String field) throws RecordException {
        JsonNode v = required(record, field);
        if (!v.isArray()) {
            throw new RecordException("field '" + field + "' must be a list, got " + describe(v));
        }
        return v;
    }

    /** The value at a dotted path ({@code info.post}), or null when any step is missing. */
    public static JsonNode at(JsonNode record, String dottedPath) {
        if (record.has(dottedPath)) {
            return record.get(dottedPath);
        }
        JsonNode v = record;
        for (String step : dottedPath.split("\\.")) {
            if (v == null || !v.isObject()) {
                return null;
            }
            v = v.get(step);
        }
        return v;
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

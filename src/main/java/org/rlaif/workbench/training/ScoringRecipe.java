package org.rlaif.workbench.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rlaif.workbench.io.Json;

/**
 * A reward model's {@code scoring.json} (decision 22): exactly how a (prompt, response) becomes the token ids its
 * trainer scored, so the app's score equals the trainer's. In order: the template joins prompt and response; the
 * tokenizer encodes that text (with or without its special tokens); EOS is appended; a sequence longer than
 * {@code max_length} loses its start ({@code "left"}, which keeps the response's end, where the reward is read) or
 * its end ({@code "right"}). {@code inputs} names the model's token-id input and then its attention-mask input.
 */
public record ScoringRecipe(int format, String template, boolean addSpecialTokens, boolean appendEos,
                            long eosTokenId, long padTokenId, int maxLength, boolean truncateLeft,
                            String idsInput, String maskInput, String output) {
    /** The one format this version reads. */
    public static final int FORMAT = 1;
    public static final String FILE = "scoring.json";

    public ScoringRecipe {
        checkFormat(format);
        if (maxLength < 2) {
            throw new IllegalArgumentException("max_length must be at least 2, not " + maxLength);
        }
        if (eosTokenId < 0 || padTokenId < 0) {
            throw new IllegalArgumentException("token ids cannot be negative (eos " + eosTokenId + ", pad "
                    + padTokenId + ")");
        }
        // EOS may equal pad (many Hugging Face tokenizers have no pad token of their own, and the trainer then pads
        // with EOS): the model then reads the reward at the token before the appended EOS, in training as here, since
        // both run the same graph; the scores still agree.
        if (idsInput.equals(maskInput)) {
            throw new IllegalArgumentException("inputs names one input twice: " + idsInput);
        }
        parse(template);
    }

    /** Reads and checks {@code file}; every problem is an {@link RewardModelException} naming the file. */
    public static ScoringRecipe read(Path file) throws RewardModelException {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new RewardModelException(file + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RewardModelException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new RewardModelException(file + ": expected a JSON object");
        }
        try {
            int format = integer(root, "format");
            checkFormat(format); // before any other field: a newer format may have renamed them
            String truncation = text(root, "truncation");
            if (!truncation.equals("left") && !truncation.equals("right")) {
                throw new IllegalArgumentException("truncation must be \"left\" or \"right\", not \"" + truncation
                        + "\"");
            }
            JsonNode inputs = root.get("inputs");
            if (inputs == null || !inputs.isArray() || inputs.size() != 2 || !inputs.get(0).isTextual()
                    || !inputs.get(1).isTextual()) {
                throw new IllegalArgumentException("inputs must name two model inputs, the token ids and then the"
                        + " attention mask, e.g. [\"input_ids\", \"attention_mask\"]");
            }
            return new ScoringRecipe(format, text(root, "template"), bool(root, "add_special_tokens"),
                    bool(root, "append_eos"), integer(root, "eos_token_id"), integer(root, "pad_token_id"),
                    integer(root, "max_length"), truncation.equals("left"), inputs.get(0).asText(),
                    inputs.get(1).asText(), text(root, "output"));
        } catch (IllegalArgumentException e) {
            throw new RewardModelException(file + ": " + e.getMessage());
        }
    }

    /** The text the tokenizer encodes: the template with {@code {prompt}} and {@code {response}} filled in. */
    public String text(String prompt, String response) {
        StringBuilder out = new StringBuilder(template.length() + prompt.length() + response.length());
        for (Piece piece : parse(template)) {
            out.append(switch (piece.kind) {
                case LITERAL -> piece.text;
                case PROMPT -> prompt;
                case RESPONSE -> response;
            });
        }
        return out.toString();
    }

    /** The model's input ids from the tokenizer's ids of {@link #text}: EOS appended, then cut to max_length. */
    public long[] ids(long[] encoded) {
        long[] ids = encoded;
        if (appendEos) {
            ids = Arrays.copyOf(encoded, encoded.length + 1);
            ids[encoded.length] = eosTokenId;
        }
        if (ids.length <= maxLength) {
            return ids;
        }
        return truncateLeft ? Arrays.copyOfRange(ids, ids.length - maxLength, ids.length)
                : Arrays.copyOf(ids, maxLength);
    }

    private static void checkFormat(int format) {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format " + format + " is not known to this version of the workbench"
                    + " (it reads format " + FORMAT + "); a newer workbench may read it");
        }
    }

    private enum Kind { LITERAL, PROMPT, RESPONSE }

    private record Piece(Kind kind, String text) {
    }

    /**
     * The template as Python's {@code str.format} reads it (the trainer fills it that way): {@code {prompt}},
     * {@code {response}}, and {@code {{ }}} for literal braces. Filled in one pass, so a prompt that contains the text
     * "{response}" stays as it is.
     */
    private static List<Piece> parse(String template) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                literal.append(c);
                i++;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                String name = end < 0 ? template.substring(i) : template.substring(i + 1, end);
                Kind kind = switch (name) {
                    case "prompt" -> Kind.PROMPT;
                    case "response" -> Kind.RESPONSE;
                    default -> throw new IllegalArgumentException("template: unknown placeholder {" + name
                            + "}; it may use {prompt}, {response}, and {{ }} for braces");
                };
                pieces.add(new Piece(Kind.LITERAL, literal.toString()));
                literal.setLength(0);
                pieces.add(new Piece(kind, null));
                i = end;
            } else if (c == '}') {
                throw new IllegalArgumentException("template: a single '}' at " + i + " (write }} for a brace)");
            } else {
                literal.append(c);
            }
        }
        pieces.add(new Piece(Kind.LITERAL, literal.toString()));
        return pieces;
    }

    private static JsonNode field(JsonNode root, String name) {
        JsonNode v = root.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field \"" + name + "\"");
        }
        return v;
    }

    private static int integer(JsonNode root, String name) {
        JsonNode v = field(root, name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a whole number, not " + v);
        }
        return v.intValue();
    }

    private static boolean bool(JsonNode root, String name) {
        JsonNode v = field(root, name);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("\"" + name + "\" must be true or false, not " + v);
        }
        return v.booleanValue();
    }

    private static String text(JsonNode root, String name) {
        JsonNode v = field(root, name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" must be a string, not " + v);
        }
        return v.asText();
    }
}

package org.rlaif.workbench.io.outputs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.io.Json;

/**
 * A file of policy outputs (decision 47): JSON lines, a JSON array (AlpacaEval's outputs files are one), or CSV/TSV
 * with a header. Each record names the prompt, the policy and the response; the usual names of other tools are
 * understood ({@code instruction}/{@code output}/{@code generator} as AlpacaEval writes them). Every record must be
 * whole: a bad one fails the file as {@code file:line: what is wrong}, before anything is stored.
 */
public final class OutputsFile {
    static final List<String> PROMPT = List.of("prompt", "instruction", "context", "input", "question", "post");
    static final List<String> POLICY = List.of("policy", "generator", "model", "policy_name");
    static final List<String> RESPONSE = List.of("response", "output", "completion", "summary", "answer");

    private OutputsFile() {
    }

    public static List<OutputRecord> read(Path file) throws ImportException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ImportException(file, 0, "cannot read the file: " + e.getMessage(), e);
        }
        String text = utf8(file, bytes);
        String digest = digest(bytes);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String start = text.stripLeading();
        List<OutputRecord> out;
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            out = csv(file, text, name.endsWith(".tsv") ? '\t' : ',', digest);
        } else if (start.startsWith("[")) {
            out = jsonArray(file, text, digest);
        } else if (start.startsWith("{")) {
            out = jsonLines(file, text, digest);
        } else {
            throw new ImportException(file, 1, "not an outputs file: expected JSON lines, a JSON array or a CSV/TSV"
                    + " file (by its .csv or .tsv name) with prompt, policy and response columns");
        }
        if (out.isEmpty()) {
            throw new ImportException(file, 0, "the file holds no outputs");
        }
        return out;
    }

    private static String utf8(Path file, byte[] bytes) throws ImportException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString().replace("\uFEFF", "");
        } catch (CharacterCodingException e) {
            throw new ImportException(file, 0, "the file is not UTF-8 text");
        }
    }

    private static List<OutputRecord> jsonLines(Path file, String text, String digest) throws ImportException {
        List<OutputRecord> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new java.io.StringReader(text))) {
            String line;
            long n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.mapper().readTree(line);
                } catch (JsonProcessingException e) {
                    throw new ImportException(file, n, "not valid JSON: " + e.getOriginalMessage());
                }
                out.add(record(file, n, node, digest));
            }
        } catch (IOException e) {
            throw new ImportException(file, 0, "cannot read the file: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<OutputRecord> jsonArray(Path file, String text, String digest) throws ImportException {
        List<OutputRecord> out = new ArrayList<>();
        try (JsonParser p = Json.mapper().getFactory().createParser(text)) {
            p.nextToken();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                long line = p.currentLocation().getLineNr();
                if (t == null) {
                    throw new ImportException(file, line, "the JSON array is not closed");
                }
                out.add(record(file, line, Json.mapper().readTree(p), digest));
            }
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ImportException(file, at, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ImportException(file, 0, "cannot read the file: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<OutputRecord> csv(Path file, String text, char separator, String digest)
            throws ImportException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnSeparator(separator);
        List<OutputRecord> out = new ArrayList<>();
        long line = 2;
        try (var it = mapper.readerFor(ObjectNode.class).with(schema).<ObjectNode>readValues(text)) {
            while (it.hasNextValue()) {
                line = it.getCurrentLocation().getLineNr();
                out.add(record(file, line, it.nextValue(), digest));
            }
        } catch (JsonProcessingException e) {
            throw new ImportException(file, line, "CSV syntax error: " + e.getOriginalMessage());
        } catch (IOException | RuntimeException e) {
            throw new ImportException(file, line, "cannot read the CSV: " + e.getMessage(), e);
        }
        return out;
    }

    private static OutputRecord record(Path file, long line, JsonNode node, String digest) throws ImportException {
        if (node == null || !node.isObject()) {
            throw new ImportException(file, line, "a record must be an object with prompt, policy and response");
        }
        return new OutputRecord(field(file, line, node, PROMPT), field(file, line, node, POLICY).strip(),
                field(file, line, node, RESPONSE), "file:" + digest + ":" + line, line);
    }

    private static String field(Path file, long line, JsonNode node, List<String> names) throws ImportException {
        for (String n : names) {
            JsonNode v = node.get(n);
            if (v != null && !v.isNull()) {
                if (!v.isTextual()) {
                    throw new ImportException(file, line, "field '" + n + "' must be text");
                }
                if (v.asText().isBlank()) {
                    throw new ImportException(file, line, "field '" + n + "' is empty");
                }
                return v.asText();
            }
        }
        throw new ImportException(file, line, "no " + names.getFirst() + " field (one of: " + String.join(", ", names)
                + ")");
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

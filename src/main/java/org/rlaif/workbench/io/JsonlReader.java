package org.rlaif.workbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Any JSON lines file (or JSON array) of pairs, read through a column mapping ({@code --column role=field}, a
 * dotted path such as {@code info.post} reaching into objects; see {@link ColumnRole} for the roles and the field
 * names recognised without one). The mapping is settled on the file's first record. Fields holding chat messages
 * are rendered as text ({@link Conversation}); fields that play no role go to the pair's metadata.
 */
public final class JsonlReader implements FormatReader {
    @Override
    public String name() {
        return "jsonl";
    }

    @Override
    public String description() {
        return "any JSON lines/array of pairs, with --column role=field (prompt, response_a, response_b, choice,"
                + " chosen, rejected, labeler, p_a, split, task, id)";
    }

    @Override
    public int sniff(FormatSample sample) {
        JsonNode first = sample.first();
        if (first == null) {
            return 0;
        }
        List<String> names = fieldNames(first);
        try {
            ColumnMapping.resolve(Map.of(), names, f -> false, sample.file(), 1);
            return 20; // a fallback: every dataset-specific reader that recognises the file scores higher
        } catch (ImportException e) {
            return 0;
        }
    }

    @Override
    public void read(ImportContext ctx, RecordSink sink) throws ImportException {
        ImportOptions o = ctx.options();
        for (SourceFile file : ctx.files()) {
            MappedPairs[] pairs = {null};
            JsonRecords.forEach(file, sink, (record, line) -> {
                if (pairs[0] == null) {
                    ColumnMapping mapping = ColumnMapping.resolve(o.columns(), fieldNames(record),
                            f -> JsonFields.at(record, f) != null, true, file.path(), line);
                    pairs[0] = new MappedPairs(mapping, o, ctx.shuffleSeed(), o.sourceOr(MappedPairs.labelerForFile(
                            file.path())), MappedPairs.labelerForFile(file.path()));
                }
                sink.accept(pairs[0].pair(new JsonRow(record), file, line));
            });
        }
    }

    private static List<String> fieldNames(JsonNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A JSON record as a row: numbers and booleans as their text, message lists rendered. */
    private record JsonRow(JsonNode record) implements MappedPairs.Row {
        @Override
        public String text(String column) throws RecordException {
            JsonNode v = JsonFields.at(record, column);
            if (v == null || v.isNull() || v.isMissingNode()) {
                return null;
            }
            if (v.isTextual()) {
                return v.textValue();
            }
            if (v.isNumber() || v.isBoolean()) {
                return v.asText();
            }
            if (v.isArray()) {
                return Conversation.render(v, 0, v.size(), column);
            }
            throw new RecordException("field '" + column + "' must be text, a number or a list of messages, got "
                    + JsonFields.describe(v));
        }

        @Override
        public String otherColumns(ColumnMapping mapping) {
            ObjectNode m = Json.mapper().createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> it = record.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!mapping.used().contains(e.getKey()) && !e.getValue().isNull()) {
                    m.set(e.getKey(), e.getValue());
                }
            }
            return m.toString();
        }
    }
}

package org.rlaif.workbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

import java.util.List;

/**
 * TRL preference data: {@code {prompt, chosen, rejected}} with plain strings or chat messages, or the
 * implicit-prompt form {@code {chosen, rejected}} whose transcripts share their beginning. The chosen response
 * lands at A or B by a seeded shuffle ({@link PositionShuffle}); the label records which one it was.
 */
public final class TrlReader implements FormatReader {
    static final String DEFAULT_LABELER = "trl-preference";

    @Override
    public String name() {
        return "trl";
    }

    @Override
    public String description() {
        return "TRL preference JSONL: prompt/chosen/rejected (plain or conversational), or implicit-prompt chosen/rejected";
    }

    @Override
    public int sniff(FormatSample sample) {
        if (sample.recordsHave("prompt", "chosen", "rejected")) {
            return 80;
        }
        return sample.recordsHave("chosen", "rejected") ? 40 : 0;
    }

    @Override
    public void read(ImportContext ctx, RecordSink sink) throws ImportException {
        ImportOptions o = ctx.options();
        Labeler labeler = new Labeler(0, o.labelerNameOr(DEFAULT_LABELER), o.labelerKindOr(LabelerKind.HUMAN),
                null, null, null, null, "{}");
        for (SourceFile file : ctx.files()) {
            JsonRecords.forEach(file, sink, (record, line) -> {
                Triple t = triple(record);
                boolean chosenFirst = PositionShuffle.chosenFirst(ctx.shuffleSeed(), t.context, t.chosen, t.rejected);
                Comparison pair = Comparison.draft(o.taskOr(Task.OTHER), t.context,
                        chosenFirst ? t.chosen : t.rejected, chosenFirst ? t.rejected : t.chosen,
                        o.sourceOr(name()), JsonFields.optionalText(record, "id"),
                        splitOf(record, o), "{}");
                ImportedLabel label = ImportedLabel.verdict(labeler, chosenFirst ? Choice.A : Choice.B,
                        Origin.of(file, line, labeler.name()));
                sink.accept(new ImportedPair(pair, List.of(label), file.path(), line));
            });
        }
    }

    private record Triple(String context, String chosen, String rejected) {
    }

    private static Triple triple(JsonNode record) throws RecordException {
        if (record.has("prompt")) {
            JsonNode prompt = JsonFields.required(record, "prompt");
            JsonNode chosen = JsonFields.required(record, "chosen");
            JsonNode rejected = JsonFields.required(record, "rejected");
            int shared = sharedPrompt(prompt, chosen, rejected);
            return new Triple(Conversation.textOf(record, "prompt"), completion(chosen, shared, "chosen"),
                    completion(rejected, shared, "rejected"));
        }
        String chosen = Conversation.textOf(record, "chosen");
        String rejected = Conversation.textOf(record, "rejected");
        if (record.get("chosen").isArray()) {
            // conversational implicit prompt: render with role headers, then split at the last shared assistant turn
            chosen = "\n\n" + chosen;
            rejected = "\n\n" + rejected;
        }
        DialogueSplit.Parts parts = DialogueSplit.split(chosen, rejected);
        return new Triple(parts.context(), parts.first(), parts.second());
    }

    /**
     * How many leading messages of chosen and rejected repeat the prompt (some datasets store whole conversations
     * next to the prompt): those belong to the context, not to the responses.
     */
    private static int sharedPrompt(JsonNode prompt, JsonNode chosen, JsonNode rejected) {
        if (!chosen.isArray() || !rejected.isArray()) {
            return 0;
        }
        if (prompt.isArray()) {
            return startsWith(chosen, prompt) && startsWith(rejected, prompt) ? prompt.size() : 0;
        }
        if (prompt.isTextual()) {
            boolean both = isUserSaying(chosen.get(0), prompt.textValue()) && isUserSaying(rejected.get(0), prompt.textValue());
            return both ? 1 : 0;
        }
        return 0;
    }

    private static boolean startsWith(JsonNode messages, JsonNode prefix) {
        if (messages.size() <= prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!messages.get(i).equals(prefix.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUserSaying(JsonNode message, String text) {
        return message != null && "user".equals(message.path("role").asText())
                && text.equals(message.path("content").asText(null));
    }

    /** A response: its text, the content of a lone assistant message, or the remaining messages rendered. */
    private static String completion(JsonNode v, int skip, String field) throws RecordException {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (!v.isArray()) {
            throw new RecordException("field '" + field + "' must be a string or a list of messages, got "
                    + JsonFields.describe(v));
        }
        if (v.size() - skip == 1) {
            JsonNode m = v.get(skip);
            if (m.isObject() && m.path("content").isTextual() && "assistant".equals(m.path("role").asText("assistant"))) {
                return m.get("content").textValue();
            }
        }
        if (v.size() - skip < 1) {
            throw new RecordException("field '" + field + "' has no messages after the prompt");
        }
        return Conversation.render(v, skip, v.size(), field);
    }

    private static Split splitOf(JsonNode record, ImportOptions o) throws RecordException {
        if (o.split() != null) {
            return o.split();
        }
        String s = JsonFields.optionalText(record, "split");
        if (s == null) {
            return Split.TRAIN; // TRL files are training sets unless they say otherwise
        }
        try {
            return Split.parse(s);
        } catch (IllegalArgumentException e) {
            throw new RecordException(e.getMessage());
        }
    }
}

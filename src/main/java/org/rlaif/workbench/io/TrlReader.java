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
            return new Triple(Conversation.textOf(record, "prompt"), Conversation.textOf(record, "chosen"),
                    Conversation.textOf(record, "rejected"));
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

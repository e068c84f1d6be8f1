package org.rlaif.workbench.io;

import java.util.List;
import java.util.Locale;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * Anthropic HH-RLHF: JSON lines {@code {chosen, rejected}}, each a whole {@code \n\nHuman: … \n\nAssistant: …}
 * dialogue (gzip-compressed files are read as they are). The two dialogues share all but the last assistant turn:
 * that shared part is the context, the two last turns are the responses ({@link DialogueSplit}).
 *
 * <p>The chosen dialogue comes first in every record, so it is placed at A or B by the project's seeded
 * {@link PositionShuffle}; the crowdworker's choice follows it. The task comes from the file's path
 * ({@code harmless-base/…} → harmlessness, {@code helpful-…} → helpfulness) unless {@code --task} says otherwise;
 * the split from the file name ({@code test} or {@code train}).
 */
public final class HhRlhfReader implements FormatReader {
    /** The crowdworkers who chose between the two dialogues, as one human labeler. */
    public static final String DEFAULT_LABELER = "hh-rlhf-human";

    @Override
    public String name() {
        return "hh-rlhf";
    }

    @Override
    public String description() {
        return "Anthropic HH-RLHF JSON lines (.jsonl or .jsonl.gz): chosen/rejected dialogues";
    }

    @Override
    public int sniff(FormatSample sample) {
        boolean dialogues = sample.mostRecords(r -> r.has("rejected") && r.path("chosen").isTextual()
                && r.get("chosen").textValue().stripLeading().startsWith("Human:"));
        return dialogues ? 90 : 0;
    }

    @Override
    public void read(ImportContext ctx, RecordSink sink) throws ImportException {
        ImportOptions o = ctx.options();
        Labeler labeler = new Labeler(0, o.labelerNameOr(DEFAULT_LABELER), o.labelerKindOr(LabelerKind.HUMAN),
                null, null, null, null, "{}");
        for (SourceFile file : ctx.files()) {
            Task task = o.task() != null ? o.task() : taskFromPath(file);
            Split split = o.split() != null ? o.split() : splitFromPath(file);
            JsonRecords.forEach(file, sink, (record, line) -> {
                DialogueSplit.Parts parts = DialogueSplit.split(JsonFields.text(record, "chosen"),
                        JsonFields.text(record, "rejected"));
                boolean chosenFirst = PositionShuffle.chosenFirst(ctx.shuffleSeed(), parts.context(), parts.first(),
                        parts.second());
                Comparison pair = Comparison.draft(task, parts.context(),
                        chosenFirst ? parts.first() : parts.second(), chosenFirst ? parts.second() : parts.first(),
                        o.sourceOr(name()), null, split, "{}");
                ImportedLabel label = ImportedLabel.verdict(labeler, chosenFirst ? Choice.A : Choice.B,
                        Origin.of(file, line, labeler.name()));
                sink.accept(new ImportedPair(pair, List.of(label), file.path(), line));
            });
        }
    }

    static Task taskFromPath(SourceFile file) {
        String p = pathText(file);
        if (p.contains("harmless") || p.contains("red-team")) {
            return Task.HARMLESSNESS;
        }
        if (p.contains("helpful")) {
            return Task.HELPFULNESS;
        }
        return Task.OTHER;
    }

    static Split splitFromPath(SourceFile file) {
        String name = file.path().getFileName().toString().toLowerCase(Locale.ROOT);
        return name.contains("train") ? Split.TRAIN : Split.TEST;
    }

    /** The file name with its folder: HH-RLHF names the task in the folder ({@code harmless-base/train.jsonl.gz}). */
    private static String pathText(SourceFile file) {
        java.nio.file.Path abs = file.path().toAbsolutePath();
        String parent = abs.getParent() == null || abs.getParent().getFileName() == null ? ""
                : abs.getParent().getFileName().toString();
        return (parent + "/" + abs.getFileName()).toLowerCase(Locale.ROOT);
    }
}

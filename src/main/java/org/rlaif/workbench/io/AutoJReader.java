package org.rlaif.workbench.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * The Auto-J pairwise test set: JSON lines {@code {scenario, label, prompt, "response 1", "response 2"}} with one
 * human label each: {@code label} 0 = response 1 (A), 1 = response 2 (B), 2 = tie. The scenario (58 kinds) is kept
 * in the pair's metadata for slicing; Reddit post summaries ({@code post_summarization}) are the summarization task,
 * everything else helpfulness.
 */
public final class AutoJReader implements FormatReader {
    public static final String DEFAULT_LABELER = "auto-j-human";
    private static final Set<String> SUMMARIZATION = Set.of("post_summarization");

    @Override
    public String name() {
        return "auto-j";
    }

    @Override
    public String description() {
        return "Auto-J pairwise JSON lines: scenario, label (0 = first, 1 = second, 2 = tie), prompt, response 1/2";
    }

    @Override
    public int sniff(FormatSample sample) {
        return sample.recordsHave("label", "prompt", "response 1", "response 2") ? 95 : 0;
    }

    @Override
    public void read(ImportContext ctx, RecordSink sink) throws ImportException {
        ImportOptions o = ctx.options();
        Labeler labeler = new Labeler(0, o.labelerNameOr(DEFAULT_LABELER), o.labelerKindOr(LabelerKind.HUMAN),
                null, null, null, null, "{}");
        for (SourceFile file : ctx.files()) {
            JsonRecords.forEach(file, sink, (record, line) -> {
                long code = JsonFields.integer(record, "label");
                Choice choice = code == 0 ? Choice.A : code == 1 ? Choice.B : code == 2 ? Choice.TIE : null;
                if (choice == null) {
                    throw new RecordException("field 'label' must be 0 (first), 1 (second) or 2 (tie), got " + code);
                }
                String scenario = JsonFields.optionalText(record, "scenario");
                ObjectNode meta = Json.mapper().createObjectNode();
                if (scenario != null) {
                    meta.put("scenario", scenario);
                }
                Task task = o.task() != null ? o.task()
                        : scenario != null && SUMMARIZATION.contains(scenario) ? Task.SUMMARIZATION : Task.HELPFULNESS;
                Comparison pair = Comparison.draft(task, JsonFields.text(record, "prompt"),
                        JsonFields.scalarText(record, "response 1"), JsonFields.scalarText(record, "response 2"),
                        o.sourceOr(name()), JsonFields.optionalText(record, "id"), o.splitOr(Split.TEST),
                        meta.toString());
                sink.accept(new ImportedPair(pair, List.of(ImportedLabel.verdict(labeler, choice,
                        Origin.of(file, line, labeler.name()))), file.path(), line));
            });
        }
    }
}

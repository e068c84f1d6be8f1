package org.rlaif.workbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * AlpacaEval / AlpacaFarm annotation files: JSON arrays of {@code {instruction, input, output_1, output_2,
 * annotator, preference, …}}.
 *
 * <p>The labeler is named by the record's {@code annotator}. Files of one annotator (the seeds of a judge) become
 * one labeler, one sample per file: each label takes the next free sample of its labeler on its pair, whether the
 * seeds come in one import or in several. {@code gold_preference}, where present, is a human label by
 * {@value #HUMAN_LABELER}.
 *
 * <p>{@code preference}: 1 = output_1 (A), 2 = output_2 (B), 1.5 or 0 = tie; any other value in [1,2] comes from a
 * "weighted" judge and is 1 + P(output_2 is better), so P(A) = 2 − preference and the choice is the likelier side.
 * A missing preference (null, NaN) is a failed label: the judge answered something its parser could not read.
 */
public final class AlpacaEvalReader implements FormatReader {
    /** The labeler of {@code gold_preference}: the AlpacaFarm crowd workers, as one human reference. */
    public static final String HUMAN_LABELER = "alpacafarm-human";

    private static final List<String> JUDGE_FIELDS = List.of("preference", "raw_completion", "referenced_models",
            "price_per_example", "time_per_example");
    private static final List<String> PAIR_FIELDS = List.of("dataset", "datasplit", "generator_1", "generator_2");

    @Override
    public String name() {
        return "alpaca-eval";
    }

    @Override
    public String description() {
        return "AlpacaEval/AlpacaFarm annotations (JSON array: instruction, input, output_1, output_2, annotator,"
                + " preference; gold_preference = human)";
    }

    @Override
    public int sniff(FormatSample sample) {
        if (sample.recordsHave("instruction", "output_1", "output_2")
                && (sample.recordsHave("preference") || sample.recordsHave("gold_preference"))) {
            return 95;
        }
        return 0;
    }

    @Override
    public void read(ImportContext ctx, RecordSink sink) throws ImportException {
        ImportOptions o = ctx.options();
        Labeler human = Labeler.human(HUMAN_LABELER);
        for (SourceFile file : ctx.files()) {
            JsonRecords.forEach(file, sink, (record, line) -> {
                String context = InstructionPrompt.render(JsonFields.text(record, "instruction"),
                        JsonFields.optionalText(record, "input"));
                Comparison pair = Comparison.draft(o.taskOr(Task.HELPFULNESS), context,
                        JsonFields.scalarText(record, "output_1"), JsonFields.scalarText(record, "output_2"),
                        o.sourceOr(name()), JsonFields.optionalText(record, "index"), splitOf(record, o),
                        pairMetadata(record));
                List<ImportedLabel> labels = new ArrayList<>(2);
                if (record.has("preference")) {
                    Labeler judge = judge(record, o);
                    labels.add(judgeLabel(record, judge, Origin.of(file, line, judge.name())));
                }
                if (record.hasNonNull("gold_preference")) {
                    Verdict v = verdict(record, "gold_preference");
                    if (v.choice == null) {
                        throw new RecordException("field 'gold_preference' is not a number");
                    }
                    ObjectNode raw = Json.mapper().createObjectNode();
                    raw.set("gold_preference", record.get("gold_preference"));
                    copy(record, raw, "annotator_index");
                    labels.add(new ImportedLabel(human, null, v.choice, v.probabilityA, null, null, raw.toString(),
                            Origin.of(file, line, HUMAN_LABELER)));
                }
                if (labels.isEmpty()) {
                    throw new RecordException("no label: the record has neither 'preference' nor 'gold_preference'");
                }
                sink.accept(new ImportedPair(pair, labels, file.path(), line));
            });
        }
    }

    private static Labeler judge(JsonNode record, ImportOptions o) throws RecordException {
        String name = o.labelerName() != null ? o.labelerName() : JsonFields.text(record, "annotator");
        if (name.isBlank()) {
            throw new RecordException("field 'annotator' is empty");
        }
        String annotator = JsonFields.optionalText(record, "annotator");
        return new Labeler(0, name, o.labelerKindOr(LabelerKind.AI), modelOf(annotator == null ? name : annotator),
                null, techniqueOf(annotator == null ? name : annotator), null, "{}");
    }

    private static ImportedLabel judgeLabel(JsonNode record, Labeler judge, String origin) throws RecordException {
        Verdict v = verdict(record, "preference");
        ObjectNode raw = Json.mapper().createObjectNode();
        raw.set("preference", record.get("preference")); // kept even when null: that is what a failed label shows
        for (String f : JUDGE_FIELDS) {
            copy(record, raw, f);
        }
        String rawText = raw.toString();
        String rationale = explanation(record.get("raw_completion"));
        if (v.choice == null) {
            return new ImportedLabel(judge, null, null, null, rationale, null, rawText, origin);
        }
        return new ImportedLabel(judge, null, v.choice, v.probabilityA, rationale, null, rawText, origin);
    }

    private record Verdict(Choice choice, Double probabilityA) {
    }

    /** Reads a preference in AlpacaEval's encoding; a null or NaN preference is a verdict with no choice. */
    static Verdict verdict(JsonNode record, String field) throws RecordException {
        Double p = JsonFields.optionalNumber(record, field);
        if (p == null || p.isNaN()) {
            return new Verdict(null, null);
        }
        if (p == 1.0) {
            return new Verdict(Choice.A, null);
        }
        if (p == 2.0) {
            return new Verdict(Choice.B, null);
        }
        if (p == 1.5 || p == 0.0) {
            return new Verdict(Choice.TIE, null);
        }
        if (p > 1.0 && p < 2.0) {
            double pA = 2.0 - p;
            return new Verdict(pA > 0.5 ? Choice.A : Choice.B, pA);
        }
        throw new RecordException("field '" + field + "' must be 1, 2, 1.5 or 0 (tie), or a weight in [1,2]; got " + p);
    }

    private static Split splitOf(JsonNode record, ImportOptions o) throws RecordException {
        if (o.split() != null) {
            return o.split();
        }
        String s = JsonFields.optionalText(record, "datasplit");
        // AlpacaFarm's "eval" and "reward" splits are both held-out annotation sets, never training data here
        return s != null && s.trim().equalsIgnoreCase("train") ? Split.TRAIN : Split.TEST;
    }

    private static String pairMetadata(JsonNode record) {
        ObjectNode m = Json.mapper().createObjectNode();
        for (String f : PAIR_FIELDS) {
            copy(record, m, f);
        }
        return m.toString();
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(field, v);
        }
    }

    /** The judge's own explanation, when its raw completion carries one (AlpacaEval's chain-of-thought judges). */
    private static String explanation(JsonNode rawCompletion) {
        if (rawCompletion == null || !rawCompletion.isObject()) {
            return null;
        }
        JsonNode e = rawCompletion.get("concise_explanation");
        return e != null && e.isTextual() && !e.textValue().isBlank() ? e.textValue() : null;
    }

    /** The model behind AlpacaEval's standard annotators, from their configs; null for others. */
    static String modelOf(String annotator) {
        String a = annotator.toLowerCase(Locale.ROOT);
        if (a.contains("gpt4_turbo")) {
            return "gpt-4-1106-preview";
        }
        if (a.startsWith("gpt4") || a.contains("_gpt4")) {
            return "gpt-4";
        }
        if (a.contains("chatgpt")) {
            return "gpt-3.5-turbo";
        }
        return null;
    }

    private static String techniqueOf(String annotator) {
        String a = annotator.toLowerCase(Locale.ROOT);
        if (a.startsWith("weighted_")) {
            return "logprob-weighted";
        }
        if (a.contains("_cot_")) {
            return "cot";
        }
        return null;
    }
}

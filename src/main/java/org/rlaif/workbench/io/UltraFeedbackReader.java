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
 * UltraFeedback, whose labels are GPT-4's ratings, in either of its two published forms:
 *
 * <ul>
 *   <li>raw ({@code openbmb/UltraFeedback}): {@code {source, instruction, completions: [{model, response,
 *       annotations, fine-grained_score, overall_score, critique}, …]}}. Every two rated completions of an
 *       instruction make a pair (four completions give six pairs), A being the one listed first. The verdict
 *       compares their {@code fine-grained_score} (the mean of GPT-4's four aspect ratings, computed from
 *       {@code annotations} when the field is absent): higher wins, equal is a tie. A completion without any
 *       rating is left out of the pairs: GPT-4 gave no verdict on it.</li>
 *   <li>binarized ({@code HuggingFaceH4/ultrafeedback_binarized}): {@code {prompt, chosen, rejected,
 *       score_chosen, score_rejected}} with chosen and rejected as chat messages or text. The response is the
 *       last assistant message; chosen goes to A or B by the project's {@link PositionShuffle}; the verdict
 *       compares the two scores (equal scores are a tie).</li>
 * </ul>
 *
 * Either way the labeler is {@value #LABELER} (AI) and the pairs are helpfulness, train split.
 */
public final class UltraFeedbackReader implements FormatReader {
    public static final String LABELER = "gpt-4";
    private static final List<String> ASPECTS = List.of("helpfulness", "honesty", "instruction_following",
            "truthfulness");

    @Override
    public String name() {
        return "ultrafeedback";
    }

    @Override
    public String description() {
        return "UltraFeedback: raw (instruction, completions with GPT-4 ratings; every two completions a pair)"
                + " or binarized (prompt, chosen, rejected, score_chosen, score_rejected)";
    }

    @Override
    public int sniff(FormatSample sample) {
        if (sample.recordsHave("instruction", "completions")) {
            return 95;
        }
        return sample.recordsHave("chosen", "rejected", "score_chosen", "score_rejected") ? 92 : 0;
    }

    @Override
    public void read(ImportContext ctx, RecordSink sink) throws ImportException {
        ImportOptions o = ctx.options();
        Labeler gpt4 = new Labeler(0, o.labelerNameOr(LABELER), o.labelerKindOr(LabelerKind.AI), "gpt-4", null,
                null, null, "{}");
        for (SourceFile file : ctx.files()) {
            Split split = o.split() != null ? o.split()
                    : file.path().getFileName().toString().toLowerCase(Locale.ROOT).contains("test") ? Split.TEST
                    : Split.TRAIN;
            JsonRecords.forEach(file, sink, (record, line) -> {
                if (record.has("completions")) {
                    readRaw(record, line, file, gpt4, split, o, sink);
                } else {
                    readBinarized(record, line, file, gpt4, split, o, ctx.shuffleSeed(), sink);
                }
            });
        }
    }

    private record Rated(int index, String model, String response, double score, Double overall, String critique) {
    }

    private void readRaw(JsonNode record, long line, SourceFile file, Labeler gpt4, Split split, ImportOptions o,
                         RecordSink sink) throws RecordException, ImportException {
        String instruction = JsonFields.text(record, "instruction");
        JsonNode completions = JsonFields.array(record, "completions");
        List<Rated> rated = new ArrayList<>();
        for (int i = 0; i < completions.size(); i++) {
            Rated r = rated(completions.get(i), i);
            if (r != null) {
                rated.add(r);
            }
        }
        // collect first, store after: a bad completion rejects the whole record, not the pairs before it
        List<ImportedPair> pairs = new ArrayList<>();
        for (int i = 0; i < rated.size(); i++) {
            for (int j = i + 1; j < rated.size(); j++) {
                Rated a = rated.get(i);
                Rated b = rated.get(j);
                ObjectNode meta = Json.mapper().createObjectNode();
                if (record.hasNonNull("source")) {
                    meta.set("source", record.get("source"));
                }
                meta.put("model_a", a.model).put("model_b", b.model);
                Comparison pair = Comparison.draft(o.taskOr(Task.HELPFULNESS), instruction, a.response, b.response,
                        o.sourceOr(name()), null, split, meta.toString());
                Choice verdict = a.score > b.score ? Choice.A : a.score < b.score ? Choice.B : Choice.TIE;
                ObjectNode raw = Json.mapper().createObjectNode();
                raw.put("fine_grained_a", a.score).put("fine_grained_b", b.score);
                if (a.overall != null) {
                    raw.put("overall_a", a.overall);
                }
                if (b.overall != null) {
                    raw.put("overall_b", b.overall);
                }
                ImportedLabel label = new ImportedLabel(gpt4, null, verdict, null, critiques(a, b), null,
                        raw.toString(), Origin.of(file, line, a.index + "-" + b.index, gpt4.name()));
                pairs.add(new ImportedPair(pair, List.of(label), file.path(), line));
            }
        }
        for (ImportedPair p : pairs) {
            sink.accept(p);
        }
    }

    /** A completion with its GPT-4 score, or null when GPT-4 rated none of its aspects. */
    private static Rated rated(JsonNode c, int i) throws RecordException {
        if (!c.isObject()) {
            throw new RecordException("completions[" + i + "] must be an object, got " + JsonFields.describe(c));
        }
        String where = "completions[" + i + "]";
        if (!c.path("response").isTextual()) {
            throw new RecordException(where + " has no string 'response'");
        }
        Double score = JsonFields.optionalNumber(c, "fine-grained_score");
        if (score == null || score.isNaN()) {
            score = meanRating(c.get("annotations"), where);
        }
        if (score == null) {
            return null;
        }
        Double overall = JsonFields.optionalNumber(c, "overall_score");
        return new Rated(i, c.path("model").asText("completion " + i), c.get("response").textValue(), score,
                overall == null || overall.isNaN() ? null : overall, JsonFields.optionalText(c, "critique"));
    }

    /** The mean of the aspect ratings GPT-4 gave ("N/A" left out), or null when it gave none. */
    private static Double meanRating(JsonNode annotations, String where) throws RecordException {
        if (annotations == null || !annotations.isObject()) {
            return null;
        }
        double sum = 0;
        int n = 0;
        for (String aspect : ASPECTS) {
            JsonNode rating = annotations.path(aspect).path("Rating");
            if (rating.isMissingNode() || rating.isNull()) {
                continue;
            }
            String text = rating.asText().trim();
            if (text.equalsIgnoreCase("N/A") || text.isEmpty()) {
                continue;
            }
            try {
                sum += Double.parseDouble(text);
                n++;
            } catch (NumberFormatException e) {
                throw new RecordException(where + ": the " + aspect + " rating must be a number or N/A, got '"
                        + text + "'");
            }
        }
        return n == 0 ? null : sum / n;
    }

    private static String critiques(Rated a, Rated b) {
        if (a.critique == null && b.critique == null) {
            return null;
        }
        return "A: " + (a.critique == null ? "" : a.critique) + "\n\nB: " + (b.critique == null ? "" : b.critique);
    }

    private void readBinarized(JsonNode record, long line, SourceFile file, Labeler gpt4, Split split,
                               ImportOptions o, long seed, RecordSink sink) throws RecordException, ImportException {
        String prompt = JsonFields.text(record, "prompt");
        String chosen = lastAssistantTurn(record, "chosen");
        String rejected = lastAssistantTurn(record, "rejected");
        double scoreChosen = JsonFields.number(record, "score_chosen");
        double scoreRejected = JsonFields.number(record, "score_rejected");
        if (Double.isNaN(scoreChosen) || Double.isNaN(scoreRejected)) {
            throw new RecordException("score_chosen and score_rejected must be numbers, not NaN");
        }
        boolean chosenFirst = PositionShuffle.chosenFirst(seed, prompt, chosen, rejected);
        Comparison pair = Comparison.draft(o.taskOr(Task.HELPFULNESS), prompt, chosenFirst ? chosen : rejected,
                chosenFirst ? rejected : chosen, o.sourceOr(name()), JsonFields.optionalText(record, "prompt_id"),
                split, "{}");
        Choice preferChosen = chosenFirst ? Choice.A : Choice.B;
        Choice verdict = scoreChosen > scoreRejected ? preferChosen
                : scoreChosen < scoreRejected ? preferChosen.swapped() : Choice.TIE;
        ObjectNode raw = Json.mapper().createObjectNode();
        raw.put("score_chosen", scoreChosen).put("score_rejected", scoreRejected);
        ImportedLabel label = new ImportedLabel(gpt4, null, verdict, null, null, null, raw.toString(),
                Origin.of(file, line, gpt4.name()));
        sink.accept(new ImportedPair(pair, List.of(label), file.path(), line));
    }

    /** The response in a binarized record: the text itself, or the content of the last assistant message. */
    private static String lastAssistantTurn(JsonNode record, String field) throws RecordException {
        JsonNode v = JsonFields.required(record, field);
        if (v.isTextual()) {
            return v.textValue();
        }
        if (!v.isArray() || v.isEmpty()) {
            throw new RecordException("field '" + field + "' must be text or a non-empty list of messages");
        }
        for (int i = v.size() - 1; i >= 0; i--) {
            JsonNode m = v.get(i);
            if ("assistant".equals(m.path("role").asText()) && m.path("content").isTextual()) {
                return m.get("content").textValue();
            }
        }
        throw new RecordException("field '" + field + "' has no assistant message");
    }
}

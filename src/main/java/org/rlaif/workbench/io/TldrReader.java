package org.rlaif.workbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * OpenAI summarize-from-feedback comparisons (Stiennon et al. 2020): JSON lines {@code {info: {id, post, title,
 * subreddit}, summaries: [{text, policy, note}, …], choice, worker, batch, split, extra: {confidence}}}.
 *
 * <p>Each {@code worker} is its own human labeler, named by the worker id as the file writes it. Many pairs were
 * shown to several workers; as separate labelers their agreement with each other (the human–human ceiling) stays
 * measurable, where one merged labeler would turn them into samples of one person. {@code --labeler NAME} merges
 * them anyway.
 *
 * <p>The same two summaries can be listed in either order by different records, so which one is A is decided by
 * their texts alone ({@link PositionShuffle#canonicalFirst}); the worker's choice follows it. The context is the
 * post as the paper's prompts show it: {@code SUBREDDIT: r/…}, {@code TITLE: …}, {@code POST: …} (CNN/DM records
 * carry an {@code article} instead). {@code train} is the train split; {@code valid1} and {@code valid2} are test.
 */
public final class TldrReader implements FormatReader {
    @Override
    public String name() {
        return "tldr";
    }

    @Override
    public String description() {
        return "OpenAI summarize-from-feedback comparisons JSON lines: info.post, summaries[].text, choice, worker";
    }

    @Override
    public int sniff(FormatSample sample) {
        return sample.recordsHave("info", "summaries", "choice") ? 95 : 0;
    }

    @Override
    public void read(ImportContext ctx, RecordSink sink) throws ImportException {
        ImportOptions o = ctx.options();
        for (SourceFile file : ctx.files()) {
            JsonRecords.forEach(file, sink, (record, line) -> {
                JsonNode info = JsonFields.object(record, "info");
                JsonNode summaries = JsonFields.array(record, "summaries");
                if (summaries.size() != 2) {
                    throw new RecordException("field 'summaries' must hold 2 summaries, got " + summaries.size());
                }
                JsonNode first = summary(summaries, 0);
                JsonNode second = summary(summaries, 1);
                long choice = JsonFields.integer(record, "choice");
                if (choice != 0 && choice != 1) {
                    throw new RecordException("field 'choice' must be 0 or 1 (the index of the preferred summary), got "
                            + choice);
                }
                String worker = JsonFields.text(record, "worker");
                if (worker.isBlank()) {
                    throw new RecordException("field 'worker' is empty");
                }
                String x = first.get("text").textValue();
                String y = second.get("text").textValue();
                boolean firstIsA = PositionShuffle.canonicalFirst(x, y);
                JsonNode a = firstIsA ? first : second;
                JsonNode b = firstIsA ? second : first;
                String splitName = JsonFields.optionalText(record, "split");
                Comparison pair = Comparison.draft(o.taskOr(Task.SUMMARIZATION), context(info),
                        a.get("text").textValue(), b.get("text").textValue(), o.sourceOr(name()),
                        JsonFields.optionalText(info, "id"), o.split() != null ? o.split() : split(splitName),
                        metadata(info, a, b, splitName));
                Labeler labeler = new Labeler(0, o.labelerNameOr(worker), o.labelerKindOr(LabelerKind.HUMAN),
                        null, null, null, null, "{}");
                boolean choseFirst = choice == 0;
                Choice verdict = choseFirst == firstIsA ? Choice.A : Choice.B;
                ImportedLabel label = new ImportedLabel(labeler, null, verdict, null, null, null,
                        answer(record, a, b), Origin.of(file, line, worker));
                sink.accept(new ImportedPair(pair, List.of(label), file.path(), line));
            });
        }
    }

    private static JsonNode summary(JsonNode summaries, int i) throws RecordException {
        JsonNode s = summaries.get(i);
        if (!s.isObject() || !s.path("text").isTextual()) {
            throw new RecordException("summaries[" + i + "] must be an object with a string 'text'");
        }
        return s;
    }

    static String context(JsonNode info) throws RecordException {
        String post = JsonFields.optionalText(info, "post");
        String article = JsonFields.optionalText(info, "article");
        String title = JsonFields.optionalText(info, "title");
        String subreddit = JsonFields.optionalText(info, "subreddit");
        if (post == null && article == null) {
            throw new RecordException("field 'info' has neither 'post' nor 'article'");
        }
        StringBuilder sb = new StringBuilder();
        if (subreddit != null) {
            sb.append("SUBREDDIT: r/").append(subreddit).append('\n');
        }
        if (title != null) {
            sb.append("TITLE: ").append(title).append('\n');
        }
        sb.append(post != null ? "POST: " + post : "ARTICLE: " + article);
        return sb.toString();
    }

    static Split split(String name) throws RecordException {
        if (name == null) {
            return Split.TRAIN;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("valid") || n.equals("test")) {
            return Split.TEST; // valid1 chose models during training, valid2 is the final evaluation set
        }
        if (n.equals("train")) {
            return Split.TRAIN;
        }
        throw new RecordException("field 'split' must be train, valid1 or valid2, got '" + name + "'");
    }

    private static String metadata(JsonNode info, JsonNode a, JsonNode b, String splitName) {
        ObjectNode m = Json.mapper().createObjectNode();
        for (String f : List.of("subreddit", "site")) {
            if (info.hasNonNull(f)) {
                m.set(f, info.get(f));
            }
        }
        if (a.hasNonNull("policy")) {
            m.set("policy_a", a.get("policy"));
        }
        if (b.hasNonNull("policy")) {
            m.set("policy_b", b.get("policy"));
        }
        if (splitName != null) {
            m.put("split", splitName);
        }
        return m.toString();
    }

    /** What the worker gave besides the choice: confidence, batch, and the notes they wrote on each summary. */
    private static String answer(JsonNode record, JsonNode a, JsonNode b) {
        ObjectNode m = Json.mapper().createObjectNode();
        m.set("choice", record.get("choice"));
        JsonNode confidence = record.path("extra").path("confidence");
        if (!confidence.isMissingNode() && !confidence.isNull()) {
            m.set("confidence", confidence);
        }
        if (record.hasNonNull("batch")) {
            m.set("batch", record.get("batch"));
        }
        if (a.hasNonNull("note")) {
            m.set("note_a", a.get("note"));
        }
        if (b.hasNonNull("note")) {
            m.set("note_b", b.get("note"));
        }
        return m.toString();
    }
}

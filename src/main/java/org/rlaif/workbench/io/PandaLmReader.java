package org.rlaif.workbench.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * PandaLM's test set: {@code testset-v1.json} (pairs and three human annotators) joined on {@code idx} with the
 * judge files {@code gpt-3.5-turbo-testset-v1.json} and {@code pandalm-7b-testset-v1.json}. Given as files or as
 * their folder; a judge file given alone takes its pairs from the {@code testset-v1.json} beside it (and imports
 * only the judge's labels).
 *
 * <p>Labels: humans {@code annotator1..3} and PandaLM-7B use 0 = tie, 1 = response1 (A), 2 = response2 (B);
 * GPT-3.5 writes "1", "2" or "Tie". Any other judge output is stored as a failed label with the text as given, so
 * unparsable answers are counted, never turned into a choice.
 *
 * <p>The judge files are read first and kept by {@code idx} (verdicts and short reasons only), then the test set is
 * streamed and each pair is stored with all its labels.
 */
public final class PandaLmReader implements FormatReader {
    static final String TESTSET = "testset-v1.json";
    static final List<String> HUMANS = List.of("annotator1", "annotator2", "annotator3");
    static final Labeler GPT = new Labeler(0, "gpt-3.5-turbo", LabelerKind.AI, "gpt-3.5-turbo", null, null, null, "{}");
    static final Labeler PANDALM = new Labeler(0, "pandalm-7b", LabelerKind.AI, "WeOpenML/PandaLM-7B-v1", 7e9, null,
            null, "{}");

    private enum Part { PAIRS, GPT_JUDGE, PANDALM_JUDGE }

    @Override
    public String name() {
        return "pandalm";
    }

    @Override
    public String description() {
        return "PandaLM test set: testset-v1.json (annotator1..3) joined on idx with the gpt-3.5-turbo and pandalm-7b"
                + " judge files (files or their folder)";
    }

    @Override
    public int sniff(FormatSample sample) {
        if (sample.recordsHave("idx", "gpt_result") || sample.recordsHave("idx", "pandalm_result")
                || sample.recordsHave("idx", "response1", "response2", "annotator1")) {
            return 95;
        }
        return 0;
    }

    @Override
    public void read(ImportContext ctx, RecordSink sink) throws ImportException {
        Map<Part, List<SourceFile>> parts = classify(ctx.files());
        List<SourceFile> pairFiles = parts.get(Part.PAIRS);
        boolean withHumans = !pairFiles.isEmpty();
        if (pairFiles.size() > 1) {
            throw new ImportException(pairFiles.get(1).path(), 0, "two PandaLM test sets in one import ("
                    + pairFiles.get(0).path().getFileName() + " and this one): judges are joined on idx, which"
                    + " would be ambiguous; import them one at a time");
        }
        SourceFile pairs = withHumans ? pairFiles.get(0) : besideFirstJudge(ctx.files());
        List<JudgeFile> judges = new ArrayList<>();
        for (SourceFile f : parts.get(Part.GPT_JUDGE)) {
            judges.add(readJudge(f, GPT, "gpt_result", "gpt_reason", "gpt_reference", sink));
        }
        for (SourceFile f : parts.get(Part.PANDALM_JUDGE)) {
            judges.add(readJudge(f, PANDALM, "pandalm_result", "pandalm_reason", "pandalm_reference", sink));
        }
        readPairs(pairs, withHumans, judges, ctx.options(), sink);
        for (JudgeFile j : judges) {
            for (Map.Entry<Long, JudgeRow> left : j.rows.entrySet()) {
                sink.invalid(j.file.path(), left.getValue().line, "idx " + left.getKey() + " matches no valid pair in "
                        + pairs.path().getFileName());
            }
        }
    }

    private static Map<Part, List<SourceFile>> classify(List<SourceFile> files) throws ImportException {
        Map<Part, List<SourceFile>> out = new LinkedHashMap<>();
        for (Part p : Part.values()) {
            out.put(p, new ArrayList<>());
        }
        for (SourceFile f : files) {
            JsonRecords.Sample s = JsonRecords.sample(f.path(), 1);
            JsonNode first = s.records().isEmpty() ? null : s.records().get(0);
            Part part;
            if (first == null) {
                // let the reading say what is wrong, at its line
                part = f.path().getFileName().toString().contains("gpt") ? Part.GPT_JUDGE
                        : f.path().getFileName().toString().contains("pandalm") ? Part.PANDALM_JUDGE : Part.PAIRS;
            } else if (first.has("gpt_result")) {
                part = Part.GPT_JUDGE;
            } else if (first.has("pandalm_result")) {
                part = Part.PANDALM_JUDGE;
            } else if (first.has("response1") || first.has("annotator1")) {
                part = Part.PAIRS;
            } else {
                throw new ImportException(f.path(), 1, "not a PandaLM file: expected the test set (idx, instruction,"
                        + " response1, response2, annotator1..3) or a judge file (idx with gpt_result or pandalm_result)");
            }
            out.get(part).add(f);
        }
        return out;
    }

    private static SourceFile besideFirstJudge(List<SourceFile> files) throws ImportException {
        Path judge = files.get(0).path();
        Path dir = judge.toAbsolutePath().getParent();
        Path testset = dir == null ? null : dir.resolve(TESTSET);
        if (testset == null || !Files.isRegularFile(testset)) {
            throw new ImportException(judge, 0, "a PandaLM judge file needs the pairs of " + TESTSET
                    + ", and there is none in " + dir + "; pass it too (or the whole folder)");
        }
        return ImportService.digest(testset);
    }

    private record JudgeRow(long line, Choice choice, String raw, String rationale) {
    }

    private record JudgeFile(SourceFile file, Labeler labeler, Map<Long, JudgeRow> rows) {
    }

    private static JudgeFile readJudge(SourceFile file, Labeler labeler, String resultField, String reasonField,
                                       String referenceField, RecordSink sink) throws ImportException {
        Map<Long, JudgeRow> rows = new HashMap<>();
        JsonRecords.forEach(file, sink, (record, line) -> {
            long idx = JsonFields.integer(record, "idx");
            JsonNode result = JsonFields.required(record, resultField);
            if (!result.isTextual() && !result.isNumber()) {
                throw new RecordException("field '" + resultField + "' must be a string or a number, got "
                        + JsonFields.describe(result));
            }
            String raw = result.asText();
            String rationale = rationale(JsonFields.optionalText(record, reasonField),
                    JsonFields.optionalText(record, referenceField));
            JudgeRow previous = rows.putIfAbsent(idx, new JudgeRow(line, verdict(raw), raw, rationale));
            if (previous != null) {
                throw new RecordException("idx " + idx + " appears twice (first at line " + previous.line + ")");
            }
        });
        return new JudgeFile(file, labeler, rows);
    }

    private static void readPairs(SourceFile file, boolean withHumans, List<JudgeFile> judges, ImportOptions o,
                                  RecordSink sink) throws ImportException {
        Map<Long, Long> seen = new HashMap<>();
        JsonRecords.forEach(file, sink, (record, line) -> {
            long idx = JsonFields.integer(record, "idx");
            Comparison pair = Comparison.draft(o.taskOr(Task.HELPFULNESS),
                    InstructionPrompt.render(JsonFields.text(record, "instruction"),
                            JsonFields.optionalText(record, "input")),
                    JsonFields.scalarText(record, "response1"), JsonFields.scalarText(record, "response2"),
                    o.sourceOr("pandalm"), Long.toString(idx), o.splitOr(Split.TEST), metadata(record));
            List<ImportedLabel> labels = new ArrayList<>();
            if (withHumans) {
                for (String annotator : HUMANS) {
                    Choice c = codeToChoice(JsonFields.integer(record, annotator));
                    if (c == null) {
                        throw new RecordException("field '" + annotator + "' must be 0 (tie), 1 or 2, got "
                                + record.get(annotator).asText());
                    }
                    labels.add(ImportedLabel.verdict(Labeler.human(annotator), c, Origin.of(file, idx, annotator)));
                }
            }
            Long earlier = seen.putIfAbsent(idx, line);
            if (earlier != null) {
                throw new RecordException("idx " + idx + " appears twice (first at line " + earlier + ")");
            }
            for (JudgeFile j : judges) {
                JudgeRow row = j.rows.remove(idx);
                if (row != null) {
                    labels.add(new ImportedLabel(j.labeler, null, row.choice, null, row.rationale, null,
                            row.raw.isEmpty() ? "(empty answer)" : row.raw, Origin.of(j.file, idx, j.labeler.name())));
                }
            }
            sink.accept(new ImportedPair(pair, labels, file.path(), line));
        });
    }

    /** 0 = tie, 1 = A, 2 = B; null for any other code. */
    static Choice codeToChoice(long code) {
        return code == 0 ? Choice.TIE : code == 1 ? Choice.A : code == 2 ? Choice.B : null;
    }

    /** A judge's output as a verdict, or null when it is not one ("garbage", free text, an empty answer). */
    static Choice verdict(String raw) {
        String t = raw.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "1", "1.0" -> Choice.A;
            case "2", "2.0" -> Choice.B;
            case "0", "0.0", "tie" -> Choice.TIE;
            default -> null;
        };
    }

    private static String rationale(String reason, String reference) {
        boolean hasReason = reason != null && !reason.isBlank();
        boolean hasReference = reference != null && !reference.isBlank();
        if (!hasReason && !hasReference) {
            return null;
        }
        if (!hasReference) {
            return reason;
        }
        // the judge writes its own reference answer after its reason; keep it, it is part of what the judge said
        return (hasReason ? reason + "\n\n" : "") + "Reference answer: " + reference;
    }

    private static String metadata(JsonNode record) {
        ObjectNode m = Json.mapper().createObjectNode();
        for (String f : List.of("motivation_app", "cmp_key")) {
            JsonNode v = record.get(f);
            if (v != null && !v.isNull()) {
                m.set(f, v);
            }
        }
        return m.toString();
    }
}

package org.rlaif.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.io.export.ExportFormat;
import org.rlaif.workbench.io.export.ExportReport;
import org.rlaif.workbench.io.export.PairsCsvExporter;
import org.rlaif.workbench.io.export.PreferenceExporter;
import org.rlaif.workbench.store.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "export", mixinStandardHelpOptions = true, description = {
        "Write a preference training file (TRL, OpenRLHF) or a CSV of every pair with every labeler's verdict.",
        "Preference files follow a chosen label source; ties and unlabeled pairs are left out and counted."},
        footer = {"", "Label sources (--labels):",
                "  NAME          one labeler",
                "  humans        the majority of the human labelers (default)",
                "  ai            the majority of the AI labelers (never a reward model)",
                "  adjudicated   the adjudication where there is one, else the human majority",
                "  agreed        the human majority on pairs where every AI labeler agrees with it",
                "  agreed:NAME   the human majority on pairs where AI labeler NAME agrees with it"})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "file to write")
    Path out;

    @Option(names = {"-f", "--format"}, defaultValue = "trl", description = "trl, openrlhf or csv (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--labels", defaultValue = "humans", paramLabel = "SOURCE", description = "whose verdict to follow (default: ${DEFAULT-VALUE})")
    String labels;

    @Option(names = "--split", paramLabel = "SPLIT", description = "only pairs of this split (train or test)")
    String split;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ExportFormat fmt = parse(() -> ExportFormat.parse(format));
        Split only = split == null ? null : parse(() -> Split.parse(split));
        ProjectStore store = project.openExisting();
        ExportReport r;
        try (store) {
            r = fmt == ExportFormat.CSV
                    ? new PairsCsvExporter().export(store, only, out)
                    : new PreferenceExporter().export(store, labels, fmt, only, out);
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(w, toJson(r));
        } else {
            w.printf("Wrote %,d record(s) to %s (%s, labels: %s)%n", r.written(), r.file(), r.format(), r.source());
            long leftOut = r.pairs() - r.written();
            if (leftOut > 0) {
                w.printf("  left out %,d of %,d pairs: %,d tie, %,d without a verdict%s%n", leftOut, r.pairs(), r.ties(),
                        r.unlabeled(), r.disagreed() + r.noAiLabel() > 0
                                ? String.format(", %,d where an AI labeler disagrees, %,d without an AI label",
                                r.disagreed(), r.noAiLabel()) : "");
            }
        }
        return 0;
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage());
        }
    }

    private static Map<String, Object> toJson(ExportReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file().toString());
        m.put("format", r.format());
        m.put("labels", r.source());
        m.put("pairs", r.pairs());
        m.put("written", r.written());
        m.put("left_out", Map.of("tie", r.ties(), "unlabeled", r.unlabeled(), "disagreed", r.disagreed(),
                "no_ai_label", r.noAiLabel()));
        return m;
    }
}

package org.rlaif.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportReport;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.io.InvalidRecord;
import org.rlaif.workbench.io.SourceFile;
import org.rlaif.workbench.store.PairSummaries;
import org.rlaif.workbench.store.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Import preference files into a project (created if it does not exist).",
        "A file is imported whole or not at all; importing it again adds nothing."},
        footer = {"",
                "Formats (--format; the default, auto, detects each file's format from its",
                "first records):",
                "  alpaca-eval    AlpacaEval/AlpacaFarm annotations: the annotator is the",
                "                 labeler, each file of one annotator (a seed) a sample;",
                "                 gold_preference is the human 'alpacafarm-human'",
                "  pandalm        PandaLM testset-v1.json (annotator1..3) joined on idx with",
                "                 the gpt-3.5-turbo and pandalm-7b judge files (or the folder)",
                "  hh-rlhf        Anthropic HH-RLHF chosen/rejected dialogues (.jsonl.gz too)",
                "  auto-j         Auto-J pairwise test set (label 0 first, 1 second, 2 tie)",
                "  trl            TRL preference data: prompt/chosen/rejected, plain or",
                "                 conversational, or implicit-prompt chosen/rejected",
                "  tldr           OpenAI summarize-from-feedback comparisons; each worker is",
                "                 a human labeler",
                "  ultrafeedback  UltraFeedback raw (every two rated completions a pair) or",
                "                 binarized; the labeler is gpt-4",
                "  csv, jsonl     any file of pairs, read through --column ROLE=COLUMN",
                "",
                "Column roles: prompt (or context), response_a, response_b, choice (A/B/tie",
                "or 1/2/0), p_a, chosen, rejected, labeler, rationale, split, task, id.",
                "Columns named like a role need no --column.",
                "",
                "Chosen/rejected pairs go to A or B by a seed recorded in the project, so",
                "position never leaks the label. A bad record stops the import with",
                "FILE:LINE: what is wrong, and nothing is stored; --skip-invalid stores the",
                "good records and lists the bad lines."})
final class ImportCommand implements Callable<Integer> {
    private static final int MAX_LISTED = 100;

    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files or folders to import")
    List<Path> files;

    @Option(names = {"-f", "--format"}, defaultValue = "auto", description = "file format (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--skip-invalid", description = "import the good records and list the bad lines, instead of refusing the file")
    boolean skipInvalid;

    @Option(names = "--labeler", paramLabel = "NAME", description = "name of the labeler for formats with one implicit labeler (trl, hh-rlhf, auto-j, csv, jsonl);"
            + " for alpaca-eval, tldr and ultrafeedback it replaces the file's labeler names (pandalm keeps its five)")
    String labeler;

    @Option(names = "--labeler-kind", paramLabel = "KIND", description = "HUMAN, AI, REWARD_MODEL or POLICY_JUDGE")
    LabelerKind labelerKind;

    @Option(names = "--task", paramLabel = "TASK", description = "summarization, helpfulness, harmlessness or other")
    String task;

    @Option(names = "--split", paramLabel = "SPLIT", description = "train or test")
    String split;

    @Option(names = "--source", paramLabel = "NAME", description = "source name recorded on every pair")
    String source;

    @Option(names = "--seed", paramLabel = "N", description = "seed for placing chosen/rejected at A or B (default: the project's)")
    Long seed;

    @Option(names = "--column", paramLabel = "ROLE=COLUMN", description = "for csv/jsonl: which column holds a role (prompt, response_a, response_b, chosen, rejected, choice, …)")
    Map<String, String> columns = new LinkedHashMap<>();

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    /**
     * For the window, which runs its imports in a child process (see ui.start.ChildProcessImport): progress, the
     * report or the problem as JSON lines on standard output, and the pair summaries brought up to date after the
     * import, so the window has nothing left to do but show the result.
     */
    @Option(names = "--events", hidden = true)
    boolean events;

    @Override
    public Integer call() throws ImportException {
        ImportOptions options = new ImportOptions(skipInvalid, labeler, labelerKind,
                task == null ? null : parse(() -> Task.parse(task)),
                split == null ? null : parse(() -> Split.parse(split)),
                source, seed, columns);
        ImportReport report;
        Path file = project.path();
        boolean existed = Files.exists(file);
        PrintWriter out = spec.commandLine().getOut();
        ImportEvents eventLines = events ? new ImportEvents(out) : null;
        try (ProjectStore store = ProjectStore.open(file)) {
            report = new ImportService().importFiles(store, files, format, options,
                    events ? eventLines : new ConsoleProgress(spec, json));
            if (events) {
                eventLines.summarising();
                store.write(c -> new PairSummaries().catchUp(c));
            }
        } catch (ImportException e) {
            if (!existed) {
                removeNewProject(file); // a failed import into a new project leaves no empty project behind
            }
            if (events) {
                eventLines.problem(e);
                return 1;
            }
            throw e;
        } catch (RuntimeException e) {
            if (!existed) {
                removeNewProject(file);
            }
            throw e;
        }
        if (events) {
            eventLines.done(report);
            return 0;
        }
        if (json) {
            JsonOutput.print(out, toJson(report));
        } else {
            printText(out, report);
        }
        return 0;
    }

    private static void removeNewProject(Path file) {
        for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
            try {
                Files.deleteIfExists(Path.of(file + suffix));
            } catch (IOException ignored) {
                // best effort: the import's own error is what the user needs to see
            }
        }
    }

    private <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage());
        }
    }

    private static void printText(PrintWriter out, ImportReport r) {
        out.printf("Imported %s from %d file(s) in %.1f s%n", r.format(), r.files().size(), r.elapsedMillis() / 1000.0);
        out.printf("  pairs:  %,d read, %,d new%n", r.pairsRead(), r.pairsAdded());
        out.printf("  labels: %,d new (%,d failed: answers that are not a verdict), %,d already in the project%n",
                r.labelsAdded(), r.failedLabels(), r.labelsExisting());
        out.printf("  labelers: %s%n", String.join(", ", r.labelers()));
        if (r.addedNothing()) {
            out.println("  nothing new: these records were already imported");
        }
        if (!r.invalid().isEmpty()) {
            out.printf("  skipped %,d invalid record(s):%n", r.invalid().size());
            int shown = 0;
            for (InvalidRecord bad : r.invalid()) {
                if (shown++ == MAX_LISTED) {
                    out.printf("    … and %,d more (--json lists them all)%n", r.invalid().size() - MAX_LISTED);
                    break;
                }
                out.println("    " + bad);
            }
        }
    }

    static Map<String, Object> toJson(ImportReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", r.format());
        m.put("files", r.files().stream().map(SourceFile::path).map(Path::toString).toList());
        m.put("pairs_read", r.pairsRead());
        m.put("pairs_added", r.pairsAdded());
        m.put("labels_added", r.labelsAdded());
        m.put("labels_existing", r.labelsExisting());
        m.put("failed_labels", r.failedLabels());
        m.put("labelers", r.labelers());
        m.put("shuffle_seed", r.shuffleSeed());
        m.put("skipped", r.invalid().stream().map(b -> Map.of("file", b.file().toString(), "line", b.line(),
                "problem", b.problem())).toList());
        m.put("elapsed_ms", r.elapsedMillis());
        return m;
    }
}

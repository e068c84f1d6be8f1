package org.rlaif.workbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.PairGroups;
import org.rlaif.workbench.metrics.Reference;
import org.rlaif.workbench.metrics.ReportOptions;
import org.rlaif.workbench.metrics.SliceReport;
import org.rlaif.workbench.metrics.TiePolicy;
import org.rlaif.workbench.metrics.UndefinedMetricException;
import org.rlaif.workbench.store.LabelTableLoader;
import org.rlaif.workbench.store.ProjectStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = "How well each labeler agrees with a reference (by default the majority of the human labelers):"
                + " agreement with a bootstrap interval, Cohen's kappa, Krippendorff's alpha, Fleiss' kappa, the human"
                + " ceiling, self-consistency, length and position bias, calibration, scaling with model size, and the"
                + " disputed pairs.",
        footer = {"", "Fractions are in [0,1]; a figure that does not apply is null (JSON) or '-' (text)."})
final class MetricsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;

    @Option(names = "--reference", defaultValue = "humans", paramLabel = "humans|adjudications|NAME",
            description = "what labelers are compared with: the human majority, the adjudications, or one labeler (default: ${DEFAULT-VALUE})")
    String reference;

    @Option(names = "--ties", defaultValue = "half", paramLabel = "half|exclude",
            description = "a tie against a decisive verdict counts half, or pairs with a tie are left out (default: ${DEFAULT-VALUE})")
    String ties;

    @Option(names = "--slice", paramLabel = "task|source|split|meta:KEY",
            description = "also report every metric per task, source, split or value of a metadata key")
    String slice;

    @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N",
            description = "bootstrap resamples for the 95%% intervals, 0 for none (default: ${DEFAULT-VALUE})")
    int resamples;

    @Option(names = "--seed", paramLabel = "N", description = "bootstrap seed (default: a fixed seed, so runs repeat)")
    Long seed;

    @Option(names = "--disputed", defaultValue = "10", paramLabel = "N",
            description = "list the N most disputed pairs (default: ${DEFAULT-VALUE})")
    int disputed;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--json", description = "print one JSON object")
        boolean json;
        @Option(names = "--markdown", description = "print the paper-style table: agreement with the reference, 95%% CI and kappa per labeler, next to the human ceiling")
        boolean markdown;
    }

    @Override
    public Integer call() {
        if (!Files.exists(project.path())) {
            throw new CliFailure(project.path() + ": no such project file");
        }
        if (disputed < 0) {
            throw new CliFailure("--disputed must be >= 0");
        }
        ReportOptions options;
        AlignmentReport report;
        List<SliceReport> slices = null;
        LabelTable table;
        try (ProjectStore store = ProjectStore.open(project.path())) {
            LabelTableLoader loader = new LabelTableLoader();
            table = loader.load(store);
            options = options(table);
            PairGroups groups = slice == null ? null : groups(store, loader, table);
            try {
                report = AlignmentReport.compute(table, options);
                if (groups != null) {
                    slices = AlignmentReport.slices(table, groups, options);
                }
            } catch (UndefinedMetricException e) {
                throw new CliFailure(project.path() + ": " + e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format.json) {
            JsonOutput.print(out, MetricsJson.of(project.path().toString(), report, slices, disputed));
        } else if (format.markdown) {
            MetricsTables.markdown(out, report, slices);
        } else {
            MetricsTables.text(out, project.path().toString(), report, slices, disputed);
        }
        out.flush();
        return 0;
    }

    private ReportOptions options(LabelTable table) {
        TiePolicy policy;
        try {
            policy = TiePolicy.parse(ties);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage());
        }
        if (resamples != 0 && resamples < 2) {
            throw new CliFailure("--bootstrap must be 0 or at least 2, got " + resamples);
        }
        ReportOptions o = ReportOptions.defaults().withTies(policy).withResamples(resamples)
                .withReference(reference(table));
        return seed == null ? o : o.withSeed(seed);
    }

    private Reference reference(LabelTable table) {
        // the two keywords win over a labeler that happens to carry the same name
        return switch (reference) {
            case "humans" -> Reference.humans();
            case "adjudications" -> Reference.adjudications();
            default -> {
                int named = table.labelerIndex(reference);
                if (named < 0) {
                    throw new CliFailure("no labeler called '" + reference + "' in " + project.path() + " (labelers: "
                            + String.join(", ", table.labelers().stream().map(l -> l.name()).toList())
                            + "; or use humans or adjudications)");
                }
                yield Reference.labeler(named);
            }
        };
    }

    private PairGroups groups(ProjectStore store, LabelTableLoader loader, LabelTable table) {
        if (slice.startsWith("meta:")) {
            String key = slice.substring("meta:".length());
            if (key.isBlank()) {
                throw new CliFailure("--slice meta:KEY needs a key, e.g. meta:cmp_key");
            }
            return store.read(c -> loader.groupsByMetadata(c, table, key));
        }
        return switch (slice) {
            case "task", "source", "split" -> table.groups(slice);
            default -> throw new CliFailure("unknown slice '" + slice + "' (expected task, source, split or meta:KEY)");
        };
    }
}

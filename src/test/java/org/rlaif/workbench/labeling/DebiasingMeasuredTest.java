package org.rlaif.workbench.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rlaif.workbench.labeling.LabelingFixtures.labeler;
import static org.rlaif.workbench.labeling.LabelingFixtures.project;
import static org.rlaif.workbench.labeling.LabelingFixtures.run;
import static org.rlaif.workbench.labeling.LabelingFixtures.settings;
import static org.rlaif.workbench.labeling.LabelingFixtures.truths;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.LabelerAlignment;
import org.rlaif.workbench.metrics.ReportOptions;
import org.rlaif.workbench.store.LabelTableLoader;
import org.rlaif.workbench.store.ProjectStore;

/**
 * The labels a labeling run writes, read back by the metrics exactly as the dashboard and {@code metrics} read them:
 * a judge that always says "1" shows its position bias in the asked labels, and position debiasing gives verdicts
 * that agree with the humans.
 */
class DebiasingMeasuredTest {
    @TempDir
    Path dir;

    @Test
    void theMetricsSeeTheBiasAndTheDebiasedVerdicts() {
        try (FakeJudgeServer server = FakeJudgeServer.start(FakeJudgeServer.script().positionBias().logprobs(0.95, 0.65));
             ProjectStore store = project(dir.resolve("p.rlaif"), 40, Task.HELPFULNESS)) {
            Map<Long, Choice> truth = truths(store);
            Labeler human = store.write(c -> store.labelers().findOrCreate(c, Labeler.human("human")));
            truth.forEach((pair, choice) -> store.addLabel(Label.of(pair, human.id(), 0, choice, null, null, null)));
            Labeler single = labeler(store, server, "single-order", Technique.PREAMBLE, settings(m -> m));
            Labeler both = labeler(store, server, "both-orders", Technique.PREAMBLE,
                    settings(m -> { m.put("orders", "both"); return m; }));
            run(store, single, server);
            run(store, both, server);

            LabelTable table = store.read(new LabelTableLoader()::load);
            AlignmentReport report = AlignmentReport.compute(table, ReportOptions.defaults());

            LabelerAlignment firstAlways = report.labeler("single-order");
            assertThat(firstAlways.agreement().value()).isEqualTo(0.5);
            assertThat(firstAlways.position()).isNull(); // asked in one order only
            assertThat(firstAlways.isDegenerate()).isTrue();

            LabelerAlignment debiased = report.labeler("both-orders");
            assertThat(debiased.position().pairs()).isEqualTo(40);
            assertThat(debiased.position().firstShownWins()).isEqualTo(1.0);
            assertThat(debiased.position().consistency()).isEqualTo(0.0);
            assertThat(debiased.agreement().value()).isEqualTo(1.0);
            assertThat(debiased.pairs()).isEqualTo(40);
        }
    }
}

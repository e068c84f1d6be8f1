package org.rlaif.workbench.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.metrics.AlignmentReport;
import org.rlaif.workbench.metrics.LabelCodes;
import org.rlaif.workbench.metrics.LabelerAlignment;
import org.rlaif.workbench.metrics.Outcome;
import org.rlaif.workbench.metrics.TiePolicy;
import org.rlaif.workbench.ui.TestProjects;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.PairSelection;
import org.rlaif.workbench.ui.common.Workspace;

class DashboardViewModelTest {
    @TempDir
    Path dir;
    private final Workspace workspace = new Workspace(new DirectJobExecutor());
    private DashboardViewModel vm;

    @BeforeEach
    void open() throws Exception {
        // three annotators and three AI judges of 1B, 7B and 70B parameters
        workspace.open(TestProjects.copy(dir, 300, 6), false, s -> { });
        vm = new DashboardViewModel(workspace);
    }

    @AfterEach
    void close() {
        workspace.closeNow();
    }

    private AlignmentReport report() {
        return vm.reportProperty().get();
    }

    @Test
    void reportsAgreementWithTheHumansScalingAndTheCeiling() {
        AlignmentReport r = report();
        assertThat(r.pairs()).isEqualTo(300);
        assertThat(r.labelers()).hasSize(6);
        assertThat(r.referenceName()).isEqualTo("humans");
        assertThat(r.humanCeiling().pooled().value()).isBetween(0.4, 1.0);
        assertThat(r.scaling().points()).hasSize(3);
        LabelerAlignment big = r.labeler("judge-70b");
        assertThat(big.agreement().value()).isBetween(0.0, 1.0);
        assertThat(big.agreement().ci95().lo()).isLessThanOrEqualTo(big.agreement().value());
        assertThat(big.calibration()).isNotNull();
        assertThat(vm.statusProperty().get()).startsWith("300 pairs").contains("Human majority");
        assertThat(vm.references()).hasSize(2 + 6);
    }

    @Test
    void referenceTiesAndSliceRecompute() {
        vm.referenceProperty().set(ReferenceChoice.labeler("judge-70b"));
        assertThat(report().referenceName()).isEqualTo("judge-70b");
        assertThat(report().labeler("judge-70b").agreement()).isNull();

        vm.tiesProperty().set(TiePolicy.EXCLUDE);
        assertThat(report().options().ties()).isEqualTo(TiePolicy.EXCLUDE);

        vm.sliceDimensionProperty().set("task");
        assertThat(vm.sliceGroups()).contains("summarization", "helpfulness", "harmlessness");
        vm.sliceGroupProperty().set("summarization");
        assertThat(report().pairs()).isEqualTo(60); // every tenth pair of two in ten
    }

    @Test
    void aBarOpensThePairsBehindIt() {
        LabelerAlignment judge = report().labeler("judge-1b");
        vm.showPairsBehind(judge.index(), Outcome.DISAGREE);
        PairSelection shown = workspace.selectionProperty().get();
        var m = judge.agreement().confusion();
        long disagreements = m.count(LabelCodes.A, LabelCodes.B) + m.count(LabelCodes.B, LabelCodes.A);
        assertThat(shown.size()).isEqualTo((int) disagreements).isPositive();
        assertThat(shown.title()).isEqualTo("judge-1b disagrees with humans");

        vm.showPairsInCell(judge.index(), LabelCodes.A, LabelCodes.A);
        assertThat(workspace.selectionProperty().get().size()).isEqualTo((int) m.count(LabelCodes.A, LabelCodes.A));
    }

    @Test
    void newLabelsUpdateTheDashboard() {
        long before = report().labels();
        LabelerAlignment judge = report().labeler("judge-7b");
        long judgeId = workspace.labelers().stream().filter(l -> l.name().equals("judge-7b")).findFirst().orElseThrow().id();
        workspace.project().addLabel(Label.of(1, judgeId, 5, Choice.A, 0.9, null, null));
        workspace.changed();
        assertThat(report().labels()).isEqualTo(before + 1);
        assertThat(report().labeler("judge-7b").labels()).isEqualTo(judge.labels() + 1);
    }

    @Test
    void everyChartsDataExportsAsCsv() throws Exception {
        String agreement = DashboardCsv.agreement(report());
        assertThat(agreement.split("\r\n")).hasSize(1 + 6);
        assertThat(agreement).startsWith("labeler,kind,params,pairs,agreement,ci95_lo,ci95_hi,cohen_kappa");
        assertThat(DashboardCsv.scaling(report()).split("\r\n")).hasSize(1 + 3);
        assertThat(DashboardCsv.confusion(report()).split("\r\n")).hasSize(1 + 6 * 9);
        vm.exportCsv(dir.resolve("out"));
        assertThat(Files.list(dir.resolve("out"))).hasSize(6);
        assertThat(DashboardCsv.row("a,b", "say \"hi\"", null, 0.5)).isEqualTo("\"a,b\",\"say \"\"hi\"\"\",,0.500000\r\n");
    }
}

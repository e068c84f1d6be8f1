package org.rlaif.workbench.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairCursor;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.ui.TestProjects;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.Workspace;

class CompareViewModelTest {
    @TempDir
    Path dir;
    private final Workspace workspace = new Workspace(new DirectJobExecutor());
    private CompareViewModel vm;

    @BeforeEach
    void open() throws Exception {
        workspace.open(TestProjects.copy(dir, 400, 4), false, s -> { });
        vm = new CompareViewModel(workspace);
    }

    @AfterEach
    void close() {
        workspace.closeNow();
    }

    private List<Long> listing(PairFilter f, PairOrder o) {
        return workspace.project().read(c -> new PairQuery().page(c, f, o, null, 0, 10_000)).stream()
                .map(PairCursor::id).toList();
    }

    @Test
    void withNoPairInFocusItShowsTheFirstOfTheListing() {
        PairDetails d = vm.detailsProperty().get();
        assertThat(d.pair().id()).isEqualTo(1);
        assertThat(vm.positionProperty().get()).isEqualTo("1 of 400");
        assertThat(workspace.focusedPairProperty().get()).isEqualTo(1L);
    }

    @Test
    void showsThePairWithEveryVerdictItsHistoryAndTheDiff() {
        workspace.focusedPairProperty().set(17L);
        PairDetails d = vm.detailsProperty().get();
        assertThat(d.pair().id()).isEqualTo(17);
        assertThat(d.verdicts()).hasSize(4);
        assertThat(d.verdicts().get(0).labeler().isHuman()).isTrue();
        assertThat(d.verdicts()).allSatisfy(v -> assertThat(v.verdict()).isNotNull());
        assertThat(d.history()).hasSize(4).allMatch(PairDetails.HistoryLine::inForce);
        assertThat(d.diff().a()).isNotEmpty();
        assertThat(d.adjudication()).isNull();
    }

    @Test
    void nextAndPreviousWalkTheListingOfThePairsScreen() {
        PairFilter disputed = PairFilter.ALL.withStatuses(Set.of(AgreementStatus.DISPUTED));
        workspace.browsingProperty().set(disputed);
        workspace.browsingOrderProperty().set(PairOrder.DISPUTE);
        List<Long> ids = listing(disputed, PairOrder.DISPUTE);
        workspace.focusedPairProperty().set(ids.get(0));
        vm.next();
        vm.next();
        assertThat(vm.detailsProperty().get().pair().id()).isEqualTo(ids.get(2));
        assertThat(vm.positionProperty().get()).isEqualTo("3 of " + ids.size());
        vm.previous();
        assertThat(vm.detailsProperty().get().pair().id()).isEqualTo(ids.get(1));

        workspace.focusedPairProperty().set(ids.get(ids.size() - 1));
        vm.next();
        assertThat(vm.detailsProperty().get().pair().id()).isEqualTo(ids.get(ids.size() - 1));
        assertThat(workspace.noticeProperty().get().title()).isEqualTo("Last pair");
    }

    @Test
    void anAdjudicationIsANewRowAndWithdrawingItIsAnother() {
        workspace.focusedPairProperty().set(5L);
        vm.adjudicate(Choice.B, "B follows the instruction", "lead");
        PairDetails d = vm.detailsProperty().get();
        assertThat(d.adjudication().choice()).isEqualTo(Choice.B);
        assertThat(d.adjudication().note()).isEqualTo("B follows the instruction");
        assertThat(workspace.summaryProperty().get().adjudicated()).isEqualTo(1);

        vm.adjudicate(Choice.A, "", "lead");
        vm.withdrawAdjudication("lead");
        d = vm.detailsProperty().get();
        assertThat(d.adjudication()).isNull();
        assertThat(d.adjudications()).extracting(a -> a.choice()).containsExactly(Choice.B, Choice.A, null);
        assertThat(workspace.summaryProperty().get().adjudicated()).isZero();
    }

    @Test
    void aCorrectedLabelShowsInTheHistoryAsNoLongerInForce() {
        workspace.focusedPairProperty().set(9L);
        PairDetails d = vm.detailsProperty().get();
        Label human = d.verdicts().get(0).labels().get(0);
        Choice other = human.choice() == Choice.A ? Choice.B : Choice.A;
        workspace.project().addLabel(Label.of(9, human.labelerId(), 0, other, null, "changed my mind", null)
                .superseding(human.id()));
        workspace.changed();
        d = vm.detailsProperty().get();
        assertThat(d.history()).hasSize(5);
        assertThat(d.history().stream().filter(h -> h.label().id() == human.id()).findFirst().orElseThrow().inForce())
                .isFalse();
        assertThat(d.verdicts().get(0).verdict().choice()).isEqualTo(other);
        assertThat(d.verdicts().get(0).labels().get(0).rationale()).isEqualTo("changed my mind");
    }
}

package org.rlaif.workbench.ui.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairCursor;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.TestProjects;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.prefs.Settings;

class ReviewViewModelTest {
    @TempDir
    Path dir;
    private final Workspace workspace = new Workspace(new DirectJobExecutor());
    private final Settings settings = new Settings();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private ReviewViewModel vm;
    private ProjectStore store;

    @BeforeEach
    void open() throws Exception {
        settings.annotatorProperty().set("maria");
        workspace.open(TestProjects.copy(dir, 300, 4), false, s -> { });
        store = workspace.project();
        vm = new ReviewViewModel(workspace, settings, now::get);
    }

    @AfterEach
    void close() {
        workspace.closeNow();
    }

    private List<Long> disputedByConfidence() {
        return store.read(c -> new PairQuery().page(c, PairFilter.ALL.withStatuses(Set.of(AgreementStatus.DISPUTED)),
                PairOrder.DISPUTE, null, 0, 10_000)).stream().map(PairCursor::id).toList();
    }

    private long shown() {
        return vm.currentProperty().get().pair().id();
    }

    private List<Adjudication> adjudications(long pair) {
        return store.read(c -> store.adjudications().history(c, pair));
    }

    private List<Label> history(long pair) {
        return store.read(c -> store.labels().history(c, pair));
    }

    @Test
    void theQueueStartsWithTheMostConfidentDisagreementAndTheAnnotatorIsAHumanLabeler() {
        List<Long> queue = disputedByConfidence();
        assertThat(shown()).isEqualTo(queue.get(0));
        assertThat(vm.remainingProperty().get()).isEqualTo(queue.size());
        // looking at the queue adds no labeler; the first verdict does
        assertThat(workspace.labelers()).extracting(Labeler::name).doesNotContain("maria");
        vm.choose(Choice.A);
        Labeler maria = vm.annotatorProperty().get();
        assertThat(maria.name()).isEqualTo("maria");
        assertThat(maria.kind()).isEqualTo(LabelerKind.HUMAN);
        assertThat(maria.id()).isPositive();
        assertThat(workspace.labelers()).extracting(Labeler::name).contains("maria");
    }

    @Test
    void aChoiceIsCommittedAtOnceAndTheNextPairFollows() {
        List<Long> queue = disputedByConfidence();
        long first = shown();
        vm.noteProperty().set("A answers the question");
        assertThat(vm.handleKey(KeyCode.DIGIT1)).isTrue();

        Label mine = store.read(c -> store.labels().current(c, first)).stream()
                .filter(l -> l.labelerId() == vm.annotatorProperty().get().id()).findFirst().orElseThrow();
        assertThat(mine.choice()).isEqualTo(Choice.A);
        assertThat(mine.rationale()).isEqualTo("A answers the question");
        Adjudication adj = store.read(c -> store.adjudications().current(c, first)).orElseThrow();
        assertThat(adj.choice()).isEqualTo(Choice.A);
        assertThat(adj.decidedBy()).isEqualTo("maria");

        assertThat(shown()).isEqualTo(queue.get(1));
        assertThat(vm.remainingProperty().get()).isEqualTo(queue.size() - 1);
        assertThat(vm.lastDecisionProperty().get().pairId()).isEqualTo(first);
        assertThat(vm.lastDecisionProperty().get().others()).hasSize(4);
        assertThat(vm.noteProperty().get()).isEmpty();
    }

    @Test
    void undoWritesNewRowsThatPutBackWhatWasThere() {
        long first = shown();
        int before = history(first).size();
        vm.choose(Choice.B);
        vm.undo();

        assertThat(shown()).isEqualTo(first);
        List<Label> rows = history(first);
        assertThat(rows).hasSize(before + 2); // the verdict and the retraction: nothing deleted
        Label last = rows.get(rows.size() - 1);
        assertThat(last.status()).isEqualTo(LabelStatus.RETRACTED);
        assertThat(last.supersedes()).isEqualTo(rows.get(rows.size() - 2).id());
        assertThat(adjudications(first)).hasSize(2);
        assertThat(adjudications(first).get(1).choice()).isNull();
        assertThat(vm.canUndoProperty().get()).isFalse();

        // choosing again replaces the retraction; undo then puts the retraction back
        vm.choose(Choice.TIE);
        assertThat(history(first).get(history(first).size() - 1).supersedes()).isEqualTo(last.id());
    }

    @Test
    void undoingACorrectionBringsBackTheEarlierVerdict() {
        long first = shown();
        vm.choose(Choice.A);
        Labeler maria = vm.annotatorProperty().get();
        // maria reviews again later: the pair is no longer in her queue, so correct it from a fresh label slot
        Label earlier = store.read(c -> store.labels().currentInSlot(c, first, maria.id(), 0,
                org.rlaif.workbench.domain.OrderShown.AB)).orElseThrow();
        vm.undo();
        vm.choose(Choice.B);
        vm.undo();
        Label now = store.read(c -> store.labels().currentInSlot(c, first, maria.id(), 0,
                org.rlaif.workbench.domain.OrderShown.AB)).orElseThrow();
        assertThat(now.status()).isEqualTo(LabelStatus.RETRACTED);
        assertThat(earlier.choice()).isEqualTo(Choice.A);
    }

    @Test
    void skippedPairsComeBackWithUndo() {
        List<Long> queue = disputedByConfidence();
        vm.handleKey(KeyCode.S);
        assertThat(shown()).isEqualTo(queue.get(1));
        assertThat(vm.progressProperty().get()).contains("1 skipped");
        vm.handleKey(KeyCode.U);
        assertThat(shown()).isEqualTo(queue.get(0));
        assertThat(history(queue.get(0))).hasSize(4);
    }

    @Test
    void withoutAdjudicatingOnlyTheLabelIsWritten() {
        settings.adjudicateInReviewProperty().set(false);
        long first = shown();
        vm.choose(Choice.A);
        assertThat(adjudications(first)).isEmpty();
    }

    @Test
    void paceCountsActiveTimeAndCapsBreaks() {
        for (int i = 0; i < 3; i++) {
            now.addAndGet(60_000);
            vm.choose(Choice.A);
        }
        assertThat(vm.progressProperty().get()).contains("3 decided").contains("60 pairs/hour");
        now.addAndGet(3_600_000); // an hour away counts as three minutes
        vm.choose(Choice.B);
        assertThat(vm.progressProperty().get()).contains("4 decided").contains("40 pairs/hour");
        assertThat(vm.decidedCount()).isEqualTo(4);
    }

    @Test
    void remappedKeysAreUsed() {
        vm.keys().rebind(ReviewAction.CHOOSE_A, KeyCode.Q);
        assertThat(settings.keyBindings()).containsEntry("CHOOSE_A", "Q");
        long first = shown();
        assertThat(vm.handleKey(KeyCode.DIGIT1)).isFalse();
        vm.handleKey(KeyCode.Q);
        assertThat(store.read(c -> store.adjudications().current(c, first)).orElseThrow().choice()).isEqualTo(Choice.A);
    }

    @Test
    void anAnnotatorNameTakenByAnAiLabelerIsRefusedClearly() {
        settings.annotatorProperty().set("judge-1b");
        assertThat(workspace.noticeProperty().get().text()).contains("judge-1b").contains("already exists as AI");
    }

    @Test
    void theQueueEndsWhenEveryDisputedPairIsDecided() {
        int n = disputedByConfidence().size();
        for (int i = 0; i < n; i++) {
            vm.choose(Choice.A);
        }
        assertThat(vm.currentProperty().get()).isNull();
        assertThat(vm.remainingProperty().get()).isZero();
        assertThat(vm.fractionDone()).isEqualTo(1.0);
    }
}

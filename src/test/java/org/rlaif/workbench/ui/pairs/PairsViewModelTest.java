package org.rlaif.workbench.ui.pairs;

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
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.store.PairRow;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.TestProjects;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.common.Workspace;

class PairsViewModelTest {
    @TempDir
    Path dir;
    private final Workspace workspace = new Workspace(new DirectJobExecutor());
    private PairsViewModel vm;
    private ProjectStore store;

    @BeforeEach
    void open() throws Exception {
        workspace.open(TestProjects.copy(dir, 400, 4), false, s -> { });
        store = workspace.project();
        vm = new PairsViewModel(workspace);
    }

    @AfterEach
    void close() {
        workspace.closeNow();
    }

    private long count(PairFilter f) {
        return store.read(c -> new PairQuery().count(c, f));
    }

    private List<PairRow> rows() {
        PagedPairs items = vm.itemsProperty().get();
        return java.util.stream.IntStream.range(0, items.size()).mapToObj(i -> items.get(i).row()).toList();
    }

    @Test
    void listsEveryPairAtFirst() {
        assertThat(vm.totalProperty().get()).isEqualTo(400);
        assertThat(vm.itemsProperty().get()).hasSize(400);
        assertThat(vm.statusProperty().get()).isEqualTo("400 pairs");
        assertThat(rows()).extracting(PairRow::id).doesNotHaveDuplicates().isSorted();
        assertThat(vm.labelers()).extracting(Labeler::name).containsExactly("annotator-1", "judge-1b", "judge-70b",
                "judge-7b");
    }

    @Test
    void eachFilterControlNarrowsTheListing() {
        vm.statuses().add(AgreementStatus.DISPUTED);
        long disputed = count(PairFilter.ALL.withStatuses(Set.of(AgreementStatus.DISPUTED)));
        assertThat(disputed).isBetween(50L, 350L);
        assertThat(vm.totalProperty().get()).isEqualTo(disputed);
        assertThat(rows()).allMatch(r -> r.status() == AgreementStatus.DISPUTED);
        assertThat(vm.statusProperty().get()).endsWith("pairs match");

        vm.tasks().add(Task.SUMMARIZATION);
        assertThat(rows()).allMatch(r -> r.status() == AgreementStatus.DISPUTED && r.task() == Task.SUMMARIZATION);

        Labeler human = vm.labelers().get(0);
        vm.labelerProperty().set(human);
        vm.labelerModeProperty().set(PairFilter.LabelerCondition.Mode.CHOSE_B);
        assertThat(rows()).allMatch(r -> r.verdicts().get(human.id()).choice() == Choice.B);

        vm.reset();
        assertThat(vm.totalProperty().get()).isEqualTo(400);
        assertThat(vm.labelerProperty().get()).isNull();
        assertThat(vm.statuses()).isEmpty();
    }

    @Test
    void searchFindsTheWordsAndNothingElse() {
        vm.searchProperty().set("volcanoes");
        assertThat(vm.totalProperty().get()).isEqualTo(count(PairFilter.ALL.withText("volcanoes"))).isPositive();
        vm.searchProperty().set("\"request 17)\"");
        assertThat(rows()).singleElement().satisfies(r -> assertThat(r.contextPreview()).endsWith("(request 17)"));
        vm.searchProperty().set("nosuchwordanywhere");
        assertThat(vm.totalProperty().get()).isZero();
    }

    @Test
    void disputedFirstOrdersByConfidentDisagreement() {
        vm.showDisputed();
        assertThat(vm.orderProperty().get()).isEqualTo(PairOrder.DISPUTE);
        assertThat(rows()).extracting(PairRow::dispute).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void savedFiltersComeBackAsTheyWere() {
        vm.statuses().add(AgreementStatus.AGREE);
        vm.searchProperty().set("bread");
        long expected = vm.totalProperty().get();
        vm.saveFilter("agreed bread");
        vm.reset();
        assertThat(vm.savedFilters()).extracting(SavedFilter::name).containsExactly("agreed bread");

        PairsViewModel reopened = new PairsViewModel(workspace);
        assertThat(reopened.savedFilters()).hasSize(1);
        reopened.useFilter(reopened.savedFilters().get(0));
        assertThat(reopened.totalProperty().get()).isEqualTo(expected);
        assertThat(reopened.searchProperty().get()).isEqualTo("bread");
        reopened.deleteFilter(reopened.savedFilters().get(0));
        assertThat(reopened.savedFilters()).isEmpty();
    }

    @Test
    void aListingAskedForElsewhereIsShown() {
        workspace.showPairs(PairFilter.ALL.withTasks(Set.of(Task.HARMLESSNESS)));
        assertThat(vm.tasks()).containsExactly(Task.HARMLESSNESS);
        assertThat(rows()).allMatch(r -> r.task() == Task.HARMLESSNESS);
        assertThat(workspace.requestedScreenProperty().get()).isEqualTo(Screen.PAIRS);
    }

    @Test
    void newLabelsRefreshTheListing() {
        vm.statuses().add(AgreementStatus.AGREE);
        long before = vm.totalProperty().get();
        PairRow disputed = store.read(c -> new PairQuery().rows(c, List.of(store.read(c2 -> new PairQuery()
                .page(c2, PairFilter.ALL.withStatuses(Set.of(AgreementStatus.DISPUTED)), PairOrder.ID, null, 0, 1))
                .get(0).id()))).get(0);
        // every labeler now says what the majority says: the pair is agreed
        Choice majority = disputed.verdicts().values().stream().map(PairRow.Verdict::choice)
                .filter(ch -> ch != Choice.TIE).findFirst().orElse(Choice.A);
        for (var e : disputed.verdicts().entrySet()) {
            if (e.getValue().choice() != majority) {
                store.addLabel(Label.of(disputed.id(), e.getKey(), 7, majority, null, null, null));
                store.addLabel(Label.of(disputed.id(), e.getKey(), 8, majority, null, null, null));
            }
        }
        workspace.changed();
        assertThat(vm.totalProperty().get()).isEqualTo(before + 1);
    }

    @Test
    void aRefreshOfTheSameListingComesWithThePagesOnScreen() {
        PagedPairs before = vm.itemsProperty().get();
        before.get(250); // the user looks at rows 201-300 (page 2), then new labels arrive
        workspace.changed();
        PagedPairs after = vm.itemsProperty().get();
        assertThat(after).isNotSameAs(before);
        assertThat(after.peek(250)).as("page 2 read with the first, before the list was shown").isNotNull()
                .extracting(PairRow::id).isEqualTo(before.peek(250).id());
        assertThat(after.pagesRead()).isZero();

        vm.statuses().add(AgreementStatus.AGREE); // another listing starts from its first page only
        assertThat(vm.itemsProperty().get().peek(250)).isNull();
    }

    @Test
    void openingARowShowsItInCompare() {
        PairItem item = vm.itemsProperty().get().get(10);
        vm.open(item);
        assertThat(workspace.focusedPairProperty().get()).isEqualTo(item.row().id());
        assertThat(workspace.requestedScreenProperty().get()).isEqualTo(Screen.COMPARE);
    }

    @Test
    void severalChangesInOneEventRunOneQuery() {
        EventLoop loop = new EventLoop();
        Workspace held = new Workspace(loop);
        try {
            held.open(workspace.project().file(), false, s -> { });
            PairsViewModel model = new PairsViewModel(held);
            loop.endOfEvent();
            loop.submitted.clear();
            Labeler human = model.labelers().get(0);
            // as a saved filter or a chart's drill-down does: several properties in one go
            model.labelerProperty().set(human);
            model.labelerModeProperty().set(PairFilter.LabelerCondition.Mode.CHOSE_B);
            model.statuses().add(AgreementStatus.DISPUTED);
            assertThat(loop.submitted).isEmpty();
            loop.endOfEvent();
            assertThat(loop.submitted).containsExactly("Filtering pairs");
            PairFilter expected = PairFilter.ALL.withStatuses(Set.of(AgreementStatus.DISPUTED))
                    .withLabeler(new PairFilter.LabelerCondition(human.id(), PairFilter.LabelerCondition.Mode.CHOSE_B));
            assertThat(model.filterProperty().get()).isEqualTo(expected);
            assertThat(model.totalProperty().get()).isEqualTo(count(expected)).isPositive();
        } finally {
            held.closeNow();
        }
    }

    @Test
    void aListingLongerThanTheTablesWindowIsShownAtOnceAndItsCountOnlySetsItsLength() throws Exception {
        org.rlaif.workbench.ui.common.ManualJobExecutor jobs = new org.rlaif.workbench.ui.common.ManualJobExecutor();
        Workspace held = new Workspace(jobs);
        try {
            held.open(TestProjects.copy(dir, PairsTable.WINDOW + 900, 2), false, s -> { });
            jobs.runAll();
            PairsViewModel model = new PairsViewModel(held);
            jobs.runAll();
            PairFilter wide = PairFilter.ALL.withConfidence(0.0, 0.99);
            long all = held.project().read(c -> new PairQuery().count(c, wide));
            assertThat(all).isGreaterThan(PairsTable.WINDOW);

            model.minConfidenceProperty().set(0.0);
            model.maxConfidenceProperty().set(0.99);
            jobs.runNext(); // the listing: first page, counted as far as the window reaches
            PagedPairs shown = model.itemsProperty().get();
            assertThat(shown).hasSize(PairsTable.WINDOW + 1);
            assertThat(shown.get(0).row()).isNotNull();
            assertThat(model.totalProperty().get()).isEqualTo(-1);
            assertThat(model.statusProperty().get()).startsWith("More than 3,000 pairs match");

            jobs.runNext(); // the exact count
            assertThat(model.itemsProperty().get()).isSameAs(shown);
            assertThat(shown).hasSize((int) all);
            assertThat(model.totalProperty().get()).isEqualTo(all);
            assertThat(model.statusProperty().get()).isEqualTo(String.format("%,d pairs match", all));

            // a short listing of the same kind is exact at once: one query, one listing
            model.minConfidenceProperty().set(0.999);
            model.maxConfidenceProperty().set(1.0);
            jobs.runAll();
            long few = held.project().read(c -> new PairQuery().count(c, PairFilter.ALL.withConfidence(0.999, 1.0)));
            assertThat(few).isLessThanOrEqualTo(PairsTable.WINDOW);
            assertThat(model.itemsProperty().get()).hasSize((int) few);
            assertThat(model.totalProperty().get()).isEqualTo(few);
        } finally {
            held.closeNow();
        }
    }

    /** Runs jobs at once, but what is meant for the end of the event only when the test says the event is over. */
    private static final class EventLoop implements org.rlaif.workbench.ui.common.JobExecutor {
        private final DirectJobExecutor direct = new DirectJobExecutor();
        private final java.util.ArrayDeque<Runnable> later = new java.util.ArrayDeque<>();
        final List<String> submitted = new java.util.ArrayList<>();

        @Override
        public <V> org.rlaif.workbench.ui.common.JobHandle submit(String title,
                org.rlaif.workbench.ui.common.Job<V> job, java.util.function.Consumer<? super V> onSuccess,
                java.util.function.Consumer<Throwable> onFailure) {
            submitted.add(title);
            return direct.submit(title, job, onSuccess, onFailure);
        }

        @Override
        public void afterThisEvent(Runnable step) {
            later.add(step);
        }

        void endOfEvent() {
            while (!later.isEmpty()) {
                later.poll().run();
            }
        }

        @Override
        public javafx.collections.ObservableList<org.rlaif.workbench.ui.common.JobHandle> running() {
            return direct.running();
        }
    }
}

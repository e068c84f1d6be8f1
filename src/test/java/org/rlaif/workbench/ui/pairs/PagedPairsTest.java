package org.rlaif.workbench.ui.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rlaif.workbench.store.PairRow;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.ManualJobExecutor;

class PagedPairsTest {
    private final List<Integer> loads = new ArrayList<>();

    private List<PairRow> page(int page, int size) {
        loads.add(page);
        return TestRows.page(page, size);
    }

    @Test
    void aRowIsReadWithItsPageAndPagesAreReadOnce() {
        PagedPairs list = new PagedPairs(1_000_000, 100, 10, new DirectJobExecutor(), p -> page(p, 100));
        assertThat(list).hasSize(1_000_000);
        assertThat(list.get(123_456).row().id()).isEqualTo(123_457);
        assertThat(list.get(123_499).row().id()).isEqualTo(123_500);
        assertThat(list.get(999_999).row().id()).isEqualTo(1_000_000);
        assertThat(loads).containsExactly(1234, 9999);
        assertThat(list.pagesHeld()).isEqualTo(2);
    }

    @Test
    void thePageThatCameWithTheCountIsNotReadAgain() {
        PagedPairs list = new PagedPairs(250, 100, 10, new DirectJobExecutor(), p -> page(p, 100));
        list.fill(0, page(0, 100));
        loads.clear();
        list.get(5);
        list.get(99);
        assertThat(loads).isEmpty();
        assertThat(list.get(249).row().id()).isEqualTo(250);
    }

    @Test
    void theLeastRecentlyUsedPagesGoAndComeBackWhenNeeded() {
        PagedPairs list = new PagedPairs(10_000, 100, 3, new DirectJobExecutor(), p -> page(p, 100));
        list.get(0);
        list.get(100);
        list.get(200);
        list.get(300);
        assertThat(list.pagesHeld()).isEqualTo(3);
        assertThat(list.peek(0)).isNull();
        assertThat(list.get(0).row().id()).isEqualTo(1);
        assertThat(loads).containsExactly(0, 1, 2, 3, 0);
    }

    @Test
    void recentPagesAreTheLastReadOrShownNewestFirst() {
        PagedPairs list = new PagedPairs(10_000, 100, 5, new DirectJobExecutor(), p -> page(p, 100));
        assertThat(list.recentPages(3)).isEmpty();
        list.get(700);
        list.get(100);
        list.get(4_200);
        list.get(150); // page 1 again: the most recent
        assertThat(list.recentPages(2)).containsExactly(1, 42);
        assertThat(list.recentPages(10)).containsExactly(1, 42, 7);
    }

    @Test
    void aFastScrollReadsOnlyThePagesStillWanted() {
        ManualJobExecutor jobs = new ManualJobExecutor();
        PagedPairs list = new PagedPairs(100_000, 100, 50, jobs, p -> page(p, 100));
        for (int p = 0; p < 20; p++) {
            assertThat(list.get(p * 100).row()).isNull();
        }
        assertThat(jobs.pending()).isEqualTo(1); // one read at a time
        jobs.runAll();
        // page 0 was in flight; of the 19 asked for meanwhile, only the three most recent are read, newest first
        assertThat(loads).containsExactly(0, 19, 18, 17);
        assertThat(list.peek(19 * 100).id()).isEqualTo(1901);
        assertThat(list.peek(5 * 100)).isNull();
    }

    @Test
    void aListShownBeforeItWasCountedTakesItsLengthAndKeepsTheRowsItHas() {
        PagedPairs list = new PagedPairs(250, 100, 10, new DirectJobExecutor(), p -> page(p, 100));
        list.fill(0, page(0, 100));
        list.get(120);
        list.get(249); // page 2, of which only 50 rows fit in the provisional length
        PairItem kept = list.get(42);
        List<String> changes = new ArrayList<>();
        list.addListener((javafx.collections.ListChangeListener<PairItem>) c -> {
            while (c.next()) {
                changes.add((c.wasAdded() ? "+" : "-") + c.getFrom() + ".." + c.getTo() + " "
                        + (c.wasAdded() ? c.getAddedSize() : c.getRemovedSize()));
            }
        });
        loads.clear();
        list.settleSize(1_000);
        assertThat(list).hasSize(1_000);
        assertThat(changes).containsExactly("+250..1000 750");
        // whole pages stay (the same items: a table showing them has nothing to redraw); the cut one is read again
        assertThat(list.get(42)).isSameAs(kept);
        assertThat(list.get(120).row().id()).isEqualTo(121);
        assertThat(loads).isEmpty();
        assertThat(list.get(260).row().id()).isEqualTo(261);
        assertThat(list.get(299).row().id()).isEqualTo(300);
        assertThat(loads).containsExactly(2);

        changes.clear();
        list.settleSize(150);
        assertThat(list).hasSize(150);
        assertThat(changes).containsExactly("-150..150 850");
        assertThat(list.get(149).row().id()).isEqualTo(150);
        assertThat(list.get(42)).isSameAs(kept);
    }

    @Test
    void aDisposedListReadsNothingMore() {
        ManualJobExecutor jobs = new ManualJobExecutor();
        PagedPairs list = new PagedPairs(1_000, 100, 5, jobs, p -> page(p, 100));
        list.get(500);
        list.dispose();
        jobs.runAll();
        assertThat(loads).isEmpty();
        assertThat(list.peek(500)).isNull();
    }
}

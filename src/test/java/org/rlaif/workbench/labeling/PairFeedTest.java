package org.rlaif.workbench.labeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.ProjectStore;

class PairFeedTest {
    @TempDir
    Path dir;

    @Test
    void everyQueryIsHandedOutOnceInPlanOrderWithItsPair() throws Exception {
        int pairs = 700; // several chunks, the last one short
        try (ProjectStore store = LabelingFixtures.project(dir.resolve("p.rlaif"), pairs, Task.OTHER);
             ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<SlotQuery> queries = new ArrayList<>();
            for (long id = 1; id <= pairs; id++) {
                queries.add(new SlotQuery(id, 0, OrderShown.AB, null));
                queries.add(new SlotQuery(id, 0, OrderShown.BA, null)); // one pair, two queries
            }
            PairFeed feed = new PairFeed(store, queries);
            List<PairFeed.Item> taken = new CopyOnWriteArrayList<>();
            List<Future<List<Integer>>> perWorker = new ArrayList<>();
            for (int w = 0; w < 16; w++) {
                perWorker.add(workers.submit(() -> {
                    List<Integer> order = new ArrayList<>();
                    for (PairFeed.Item item = feed.next(); item != null; item = feed.next()) {
                        taken.add(item);
                        order.add(queries.indexOf(item.query()));
                    }
                    return order;
                }));
            }
            for (Future<List<Integer>> f : perWorker) {
                assertThat(f.get()).isSorted(); // each worker sees the plan's order
            }
            assertThat(taken).hasSize(2 * pairs);
            assertThat(taken).extracting(PairFeed.Item::query).containsExactlyInAnyOrderElementsOf(queries);
            assertThat(taken).allSatisfy(i -> {
                assertThat(i.pair().id()).isEqualTo(i.query().comparisonId());
                assertThat(i.pair().context()).isEqualTo("Question " + (i.pair().id() - 1) + ": what should I do?");
            });
            assertThat(feed.next()).isNull();
        }
    }

    @Test
    void aPairThatIsGoneStopsTheFeedWithItsId() {
        try (ProjectStore store = LabelingFixtures.project(dir.resolve("p.rlaif"), 3, Task.OTHER)) {
            PairFeed feed = new PairFeed(store, List.of(new SlotQuery(1, 0, OrderShown.AB, null),
                    new SlotQuery(99, 0, OrderShown.AB, null)));
            assertThatThrownBy(feed::next).hasMessageContaining("pair #99 is no longer in the project");
        }
    }
}

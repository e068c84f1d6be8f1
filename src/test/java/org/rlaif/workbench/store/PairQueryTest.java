package org.rlaif.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/** Filters, counts and pages checked against the same selection done by hand over what was written. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairQueryTest {
    private static final int PAIRS = 600;
    @TempDir
    static Path dir;
    private ProjectStore store;
    private final PairQuery query = new PairQuery();
    private final List<Written> written = new ArrayList<>();
    private Labeler human;
    private Labeler ai;

    /** What the test wrote for one pair, to compute expectations from. */
    private record Written(long id, Task task, Split split, String source, Choice human, Choice ai, Double pA,
                           boolean adjudicated, String context) {
        AgreementStatus status() {
            int n = (human == null ? 0 : 1) + (ai == null ? 0 : 1);
            if (n == 0) {
                return AgreementStatus.UNLABELED;
            }
            if (n == 1) {
                return AgreementStatus.SINGLE;
            }
            return human == ai ? AgreementStatus.AGREE : AgreementStatus.DISPUTED;
        }
    }

    @BeforeAll
    void build() {
        store = ProjectStore.open(dir.resolve("q.rlaif"));
        human = store.write(c -> store.labelers().findOrCreate(c, Labeler.human("ann")));
        ai = store.write(c -> store.labelers().findOrCreate(c, Labeler.ai("judge", "m", 1e9)));
        Random rnd = new Random(42);
        String[] words = {"volcano", "bread", "river", "poem", "tax", "cat"};
        store.write(c -> {
            for (int i = 0; i < PAIRS; i++) {
                Task task = Task.values()[rnd.nextInt(3)];
                Split split = rnd.nextBoolean() ? Split.TRAIN : Split.TEST;
                String source = rnd.nextInt(3) == 0 ? "alpha" : "beta";
                String context = "question " + i + " about the " + words[i % words.length] + "\n\n  second line";
                long id = store.comparisons().insert(c, Comparison.draft(task, context, "answer A " + i,
                        "answer B " + i, source, null, split, "{}"));
                Choice h = pick(rnd);
                Choice a = pick(rnd);
                Double pA = a == null ? null : switch (a) {
                    case A -> 0.5 + rnd.nextInt(50) / 100.0;
                    case B -> rnd.nextInt(50) / 100.0;
                    case TIE -> 0.5;
                };
                if (h != null) {
                    store.labels().append(c, Label.of(id, human.id(), 0, h, null, null, null));
                }
                if (a != null) {
                    store.labels().append(c, Label.of(id, ai.id(), 0, a, pA, null, null));
                }
                boolean adj = rnd.nextInt(10) == 0;
                if (adj) {
                    store.adjudications().append(c, Adjudication.of(id, Choice.A, "lead", null));
                }
                written.add(new Written(id, task, split, source, h, a, pA, adj, context));
            }
            new SearchIndex().catchUp(c);
            return new PairSummaries().catchUp(c);
        });
    }

    private static Choice pick(Random rnd) {
        int k = rnd.nextInt(4);
        return k == 3 ? null : Choice.values()[k];
    }

    @AfterAll
    void close() {
        store.close();
    }

    @Test
    void everyFilterSelectsWhatItSays() {
        check(PairFilter.ALL, w -> true);
        check(PairFilter.ALL.withTasks(Set.of(Task.SUMMARIZATION, Task.HARMLESSNESS)),
                w -> w.task == Task.SUMMARIZATION || w.task == Task.HARMLESSNESS);
        check(PairFilter.ALL.withSplits(Set.of(Split.TRAIN)), w -> w.split == Split.TRAIN);
        check(PairFilter.ALL.withSources(Set.of("alpha")), w -> w.source.equals("alpha"));
        for (AgreementStatus s : AgreementStatus.values()) {
            check(PairFilter.ALL.withStatuses(Set.of(s)), w -> w.status() == s);
        }
        check(PairFilter.ALL.withLabeler(new PairFilter.LabelerCondition(ai.id(),
                PairFilter.LabelerCondition.Mode.LABELED)), w -> w.ai != null);
        check(PairFilter.ALL.withLabeler(new PairFilter.LabelerCondition(human.id(),
                PairFilter.LabelerCondition.Mode.NOT_LABELED)), w -> w.human == null);
        check(PairFilter.ALL.withLabeler(new PairFilter.LabelerCondition(human.id(),
                PairFilter.LabelerCondition.Mode.CHOSE_TIE)), w -> w.human == Choice.TIE);
        check(PairFilter.ALL.withAdjudicated(true), w -> w.adjudicated);
        check(PairFilter.ALL.withAdjudicated(false), w -> !w.adjudicated);
        check(PairFilter.ALL.withText("volcano"), w -> w.context.contains("volcano"));
        check(PairFilter.ALL.withText("volc* river"), w -> false);
        check(PairFilter.ALL.withConfidence(0.9, 1.0), w -> confidence(w) != null && confidence(w) >= 0.9 - 1e-12);
        check(PairFilter.ALL.withTasks(Set.of(Task.HELPFULNESS)).withStatuses(Set.of(AgreementStatus.DISPUTED))
                        .withSources(Set.of("beta")).withText("bread"),
                w -> w.task == Task.HELPFULNESS && w.status() == AgreementStatus.DISPUTED && w.source.equals("beta")
                        && w.context.contains("bread"));
    }

    @Test
    void aLabelersVerdictIsCountedFromTheCountTableWithTheOtherFilters() {
        for (PairFilter.LabelerCondition.Mode mode : PairFilter.LabelerCondition.Mode.values()) {
            for (Labeler who : List.of(human, ai)) {
                PairFilter.LabelerCondition condition = new PairFilter.LabelerCondition(who.id(), mode);
                assertThat(PairQuery.countsAtOnce(PairFilter.ALL.withLabeler(condition))).isTrue();
                Predicate<Written> verdict = w -> {
                    Choice c = who == human ? w.human : w.ai;
                    return switch (mode) {
                        case LABELED -> c != null;
                        case NOT_LABELED -> c == null;
                        case CHOSE_A -> c == Choice.A;
                        case CHOSE_B -> c == Choice.B;
                        case CHOSE_TIE -> c == Choice.TIE;
                    };
                };
                check(PairFilter.ALL.withLabeler(condition), verdict);
                check(PairFilter.ALL.withLabeler(condition).withStatuses(Set.of(AgreementStatus.DISPUTED,
                        AgreementStatus.SINGLE)).withTasks(Set.of(Task.HELPFULNESS)).withSources(Set.of("beta")),
                        w -> verdict.test(w) && (w.status() == AgreementStatus.DISPUTED
                                || w.status() == AgreementStatus.SINGLE) && w.task == Task.HELPFULNESS
                                && w.source.equals("beta"));
                check(PairFilter.ALL.withLabeler(condition).withAdjudicated(false).withSplits(Set.of(Split.TEST)),
                        w -> verdict.test(w) && !w.adjudicated && w.split == Split.TEST);
            }
        }
        assertThat(PairQuery.countsAtOnce(PairFilter.ALL.withText("volcano"))).isFalse();
        assertThat(PairQuery.countsAtOnce(PairFilter.ALL.withConfidence(0.5, 1))).isFalse();
    }

    @Test
    void aSearchIsPagedAndWalkedLikeAnyListing() {
        // with text the search index drives the query and its rowid orders the listing: same pages, same neighbours
        PairFilter text = PairFilter.ALL.withText("volcano").withStatuses(Set.of(AgreementStatus.DISPUTED,
                AgreementStatus.AGREE, AgreementStatus.SINGLE));
        List<Long> want = written.stream().filter(w -> w.context.contains("volcano")
                && w.status() != AgreementStatus.UNLABELED).map(Written::id).toList();
        assertThat(want).hasSizeGreaterThan(40);
        for (PairOrder order : PairOrder.values()) {
            List<Long> listing = store.read(c -> query.page(c, text, order, null, 0, 10_000)).stream()
                    .map(PairCursor::id).toList();
            if (order == PairOrder.ID) {
                assertThat(listing).isEqualTo(want);
            }
            PairPager pager = new PairPager(query, text, order, 7);
            List<Long> seen = new ArrayList<>();
            for (int p = 0; ; p++) {
                int page = p;
                List<PairCursor> cursors = store.read(c -> pager.cursors(c, page));
                if (cursors.isEmpty()) {
                    break;
                }
                cursors.forEach(k -> seen.add(k.id()));
            }
            assertThat(seen).isEqualTo(listing);
            for (int i : new int[] {0, 1, listing.size() / 2, listing.size() - 1}) {
                long id = listing.get(i);
                assertThat(position(text, order, id)).isEqualTo(i + 1);
                assertThat(neighbour(text, order, id, true)).isEqualTo(i + 1 < listing.size()
                        ? java.util.Optional.of(listing.get(i + 1)) : java.util.Optional.empty());
                assertThat(neighbour(text, order, id, false)).isEqualTo(i > 0
                        ? java.util.Optional.of(listing.get(i - 1)) : java.util.Optional.empty());
            }
        }
    }

    @Test
    void countingUpToALimitStopsThereAndIsExactBelowIt() {
        PairFilter text = PairFilter.ALL.withText("volcano");
        long all = written.stream().filter(w -> w.context.contains("volcano")).count();
        assertThat(all).isGreaterThan(20);
        assertThat(countUpTo(text, PairOrder.ID, 20)).isEqualTo(20);
        assertThat(countUpTo(text, PairOrder.ID, 10_000)).isEqualTo(all);
        PairFilter disputed = PairFilter.ALL.withStatuses(Set.of(AgreementStatus.DISPUTED));
        long queue = store.read(c -> query.count(c, disputed, PairOrder.DISPUTE));
        assertThat(countUpTo(disputed, PairOrder.DISPUTE, 10_000)).isEqualTo(queue);
        assertThat(countUpTo(PairFilter.ALL.withText("nowhere"), PairOrder.ID, 5)).isZero();
    }

    private long countUpTo(PairFilter f, PairOrder order, long limit) {
        return store.read(c -> query.countUpTo(c, f, order, limit));
    }

    /** Mean over the labelers with a verdict of |2 P(A) - 1|; a human verdict is certain unless it is a tie. */
    private static Double confidence(Written w) {
        List<Double> conf = new ArrayList<>();
        if (w.human != null) {
            conf.add(w.human == Choice.TIE ? 0.0 : 1.0);
        }
        if (w.ai != null) {
            conf.add(Math.abs(2 * w.pA - 1));
        }
        return conf.isEmpty() ? null : conf.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void pagesReadInSequenceOrByJumpingAreTheSameListing() {
        PairFilter disputedOrAgreed = PairFilter.ALL.withStatuses(Set.of(AgreementStatus.DISPUTED, AgreementStatus.AGREE));
        for (PairOrder order : PairOrder.values()) {
            List<Long> expected = store.read(c -> query.page(c, disputedOrAgreed, order, null, 0, 10_000))
                    .stream().map(PairCursor::id).toList();
            PairPager sequential = new PairPager(query, disputedOrAgreed, order, 17);
            List<Long> seen = new ArrayList<>();
            for (int p = 0; ; p++) {
                int page = p;
                List<PairCursor> cursors = store.read(c -> sequential.cursors(c, page));
                if (cursors.isEmpty()) {
                    break;
                }
                cursors.forEach(k -> seen.add(k.id()));
            }
            assertThat(seen).isEqualTo(expected);

            PairPager jumping = new PairPager(query, disputedOrAgreed, order, 17);
            for (int page : new int[] {5, 2, 9, 6, 0, 3}) {
                List<Long> ids = store.read(c -> jumping.cursors(c, page)).stream().map(PairCursor::id).toList();
                assertThat(ids).isEqualTo(expected.subList(Math.min(page * 17, expected.size()),
                        Math.min(page * 17 + 17, expected.size())));
            }
        }
    }

    @Test
    void disputeOrderPutsConfidentDisagreementFirst() {
        List<PairCursor> listing = store.read(c -> query.page(c,
                PairFilter.ALL.withStatuses(Set.of(AgreementStatus.DISPUTED)), PairOrder.DISPUTE, null, 0, 10_000));
        assertThat(listing).isSortedAccordingTo(Comparator.comparing((PairCursor k) -> -k.dispute())
                .thenComparing(k -> -k.weight()).thenComparing(PairCursor::id));
        // only A-versus-B pairs are in the queue: a verdict against a tie is disputed, but not a confident dispute
        long aVersusB = written.stream().filter(w -> w.human != null && w.ai != null && w.human != Choice.TIE
                && w.ai != Choice.TIE && w.human != w.ai).count();
        assertThat(listing).hasSize((int) aVersusB);
    }

    @Test
    void rowsCarryPreviewsAndEveryVerdictInTheOrderAsked() {
        Written w = written.stream().filter(x -> x.human != null && x.ai != null).findFirst().orElseThrow();
        Written other = written.get(written.size() - 1);
        List<PairRow> rows = store.read(c -> query.rows(c, List.of(other.id, w.id, 999_999L)));
        assertThat(rows).extracting(PairRow::id).containsExactly(other.id, w.id);
        PairRow r = rows.get(1);
        assertThat(r.contextPreview()).doesNotContain("\n").contains("about the").endsWith("second line");
        assertThat(r.verdicts().get(human.id()).choice()).isEqualTo(w.human);
        assertThat(r.verdicts().get(ai.id()).probabilityA()).isEqualTo(w.pA);
        assertThat(r.lengthA()).isEqualTo(("answer A " + (w.id - 1)).length());
    }

    @Test
    void neighboursAndPositionsFollowTheListing() {
        PairFilter f = PairFilter.ALL.withStatuses(Set.of(AgreementStatus.DISPUTED));
        for (PairOrder order : PairOrder.values()) {
            List<Long> listing = store.read(c -> query.page(c, f, order, null, 0, 10_000)).stream()
                    .map(PairCursor::id).toList();
            for (int i : new int[] {0, 1, listing.size() / 2, listing.size() - 1}) {
                long id = listing.get(i);
                assertThat(position(f, order, id)).isEqualTo(i + 1);
                assertThat(neighbour(f, order, id, true))
                        .isEqualTo(i + 1 < listing.size() ? java.util.Optional.of(listing.get(i + 1))
                                : java.util.Optional.empty());
                assertThat(neighbour(f, order, id, false))
                        .isEqualTo(i > 0 ? java.util.Optional.of(listing.get(i - 1)) : java.util.Optional.empty());
            }
        }
        long agreed = written.stream().filter(w -> w.status() == AgreementStatus.AGREE).findFirst().orElseThrow().id;
        assertThat(position(f, PairOrder.ID, agreed)).isZero();
        // a pair outside the listing still has neighbours in id order
        assertThat(neighbour(f, PairOrder.ID, agreed, true)).isPresent();
    }

    private long position(PairFilter f, PairOrder order, long id) {
        return store.read(c -> query.position(c, f, order, id));
    }

    private java.util.Optional<Long> neighbour(PairFilter f, PairOrder order, long id, boolean forward) {
        return store.read(c -> query.neighbour(c, f, order, id, forward));
    }

    @Test
    void sourcesAreCounted() {
        Map<String, Long> expected = new HashMap<>();
        written.forEach(w -> expected.merge(w.source, 1L, Long::sum));
        assertThat(store.read(query::sources)).isEqualTo(expected);
    }

    private void check(PairFilter filter, Predicate<Written> expected) {
        List<Long> want = written.stream().filter(expected).map(Written::id).toList();
        long count = store.read(c -> query.count(c, filter));
        List<Long> got = store.read(c -> query.page(c, filter, PairOrder.ID, null, 0, 10_000)).stream()
                .map(PairCursor::id).toList();
        assertThat(got).as(filter.toString()).isEqualTo(want);
        assertThat(count).as(filter.toString()).isEqualTo(want.size());
    }
}

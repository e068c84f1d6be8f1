package org.rlaif.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportService;

class PairSummariesTest {
    @TempDir
    Path dir;
    private ProjectStore store;
    private final PairSummaries summaries = new PairSummaries();
    private final PairQuery query = new PairQuery();

    @BeforeEach
    void open() {
        store = ProjectStore.open(dir.resolve("p.rlaif"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void statusFollowsTheLabelersVerdicts() {
        long none = pair("none");
        long single = pair("single");
        long agree = pair("agree");
        long disputed = pair("disputed");
        Labeler h = labeler(Labeler.human("h"));
        Labeler ai = labeler(Labeler.ai("ai", "m", 7e9));
        label(single, h, Choice.A, null);
        label(agree, h, Choice.B, null);
        label(agree, ai, Choice.B, 0.2);
        label(disputed, h, Choice.A, null);
        label(disputed, ai, Choice.B, 0.1);

        assertThat(catchUp()).isEqualTo(4);
        assertThat(status(none)).isEqualTo(AgreementStatus.UNLABELED);
        assertThat(status(single)).isEqualTo(AgreementStatus.SINGLE);
        assertThat(status(agree)).isEqualTo(AgreementStatus.AGREE);
        assertThat(status(disputed)).isEqualTo(AgreementStatus.DISPUTED);
        PairRow row = row(disputed);
        // the human says A and is certain (1.0), the AI says B with P(A) = 0.1, i.e. 0.8: the weaker side is 0.8
        assertThat(row.dispute()).isCloseTo(0.8, within());
        assertThat(row.confidence()).isCloseTo(0.9, within());
        assertThat(row.verdicts()).containsEntry(ai.id(), new PairRow.Verdict(Choice.B, 0.1, 1));
        assertThat(row(agree).dispute()).isNull();
    }

    @Test
    void aCorrectionOrRetractionIsPickedUpOnTheNextCatchUp() {
        long p = pair("q");
        Labeler h = labeler(Labeler.human("h"));
        Labeler ai = labeler(Labeler.ai("ai", "m", null));
        Label first = label(p, h, Choice.A, null);
        label(p, ai, Choice.B, null);
        catchUp();
        assertThat(status(p)).isEqualTo(AgreementStatus.DISPUTED);

        Label corrected = store.addLabel(Label.of(p, h.id(), 0, Choice.B, null, null, null).superseding(first.id()));
        assertThat(summaries()).isTrue();
        catchUp();
        assertThat(status(p)).isEqualTo(AgreementStatus.AGREE);

        store.addLabel(new Label(0, p, h.id(), 0, LabelStatus.RETRACTED, null, null, null, null,
                java.time.Instant.now(), corrected.id(), null, null));
        catchUp();
        assertThat(status(p)).isEqualTo(AgreementStatus.SINGLE);
        assertThat(row(p).verdicts()).containsOnlyKeys(ai.id());
    }

    @Test
    void samplesOfOneLabelerMakeOneVerdict() {
        long p = pair("q");
        Labeler ai = labeler(Labeler.ai("ai", "m", null));
        for (int s = 0; s < 4; s++) {
            store.addLabel(Label.of(p, ai.id(), s, s < 3 ? Choice.A : Choice.B, null, null, OrderShown.AB));
        }
        catchUp();
        assertThat(row(p).verdicts().get(ai.id())).isEqualTo(new PairRow.Verdict(Choice.A, 0.75, 4));
        assertThat(status(p)).isEqualTo(AgreementStatus.SINGLE);
    }

    @Test
    void levelVotesAreATieAndFailedLabelsAreNoVerdict() {
        long p = pair("q");
        Labeler ai = labeler(Labeler.ai("ai", "m", null));
        store.addLabel(Label.of(p, ai.id(), 0, Choice.A, null, null, OrderShown.AB));
        store.addLabel(Label.of(p, ai.id(), 0, Choice.B, null, null, OrderShown.BA));
        store.addLabel(Label.failed(p, ai.id(), 1, null, "prompt", "no idea"));
        catchUp();
        assertThat(row(p).verdicts().get(ai.id())).isEqualTo(new PairRow.Verdict(Choice.TIE, 0.5, 2));
    }

    @Test
    void adjudicationsAreFlagged() {
        long p = pair("q");
        catchUp();
        long adj = store.adjudicate(Adjudication.of(p, Choice.A, "lead", "clear"));
        catchUp();
        assertThat(row(p).adjudication()).isEqualTo(Choice.A);
        assertThat(count(PairFilter.ALL.withAdjudicated(true))).isEqualTo(1);
        store.adjudicate(new Adjudication(0, p, null, "lead", "withdrawn", java.time.Instant.now(), adj));
        catchUp();
        assertThat(count(PairFilter.ALL.withAdjudicated(true))).isZero();
    }

    @Test
    void labelsStoredByAnImportAreSummarisedToo() throws Exception {
        Path file = dir.resolve("prefs.jsonl");
        Files.writeString(file, """
                {"prompt": "Name a colour", "chosen": "Blue", "rejected": "Seven"}
                {"prompt": "Name a fruit", "chosen": "Apple", "rejected": "Carrot"}
                """);
        new ImportService().importFiles(store, List.of(file), "trl", ImportOptions.defaults().withShuffleSeed(7L),
                ImportProgress.NONE);
        assertThat(summaries()).isTrue();
        assertThat(catchUp()).isEqualTo(2);
        assertThat(count(PairFilter.ALL.withStatuses(java.util.Set.of(AgreementStatus.SINGLE)))).isEqualTo(2);
        assertThat(catchUp()).isZero();
        assertThat(summaries()).isFalse();
    }

    @Test
    void aCatchUpThatFailsLeavesTheWatermarksWhereTheyWere() {
        long p = pair("q");
        Labeler h = labeler(Labeler.human("h"));
        label(p, h, Choice.A, null);
        try {
            store.write(c -> {
                summaries.catchUp(c);
                throw new java.sql.SQLException("boom");
            });
        } catch (StoreException expected) {
            // rolled back
        }
        assertThat(summaries()).isTrue();
        assertThat(catchUp()).isEqualTo(1);
        assertThat(status(p)).isEqualTo(AgreementStatus.SINGLE);
    }

    @Test
    void theCountTableStaysEqualToTheSummariesThroughCorrectionsAndAdjudications() {
        java.util.Random rnd = new java.util.Random(3);
        Labeler h = labeler(Labeler.human("h"));
        Labeler ai = labeler(Labeler.ai("ai", "m", null));
        List<Long> pairs = new java.util.ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 40; i++) {
                pairs.add(pair("round " + round + " pair " + i));
            }
            for (int i = 0; i < 60; i++) {
                long p = pairs.get(rnd.nextInt(pairs.size()));
                Labeler who = rnd.nextBoolean() ? h : ai;
                Choice choice = Choice.values()[rnd.nextInt(3)];
                var before = store.read(c -> store.labels().currentInSlot(c, p, who.id(), 0, null));
                Label l = Label.of(p, who.id(), 0, choice, null, null, null);
                store.addLabel(before.isPresent() ? l.superseding(before.get().id()) : l);
                if (rnd.nextInt(6) == 0) {
                    store.adjudicate(Adjudication.of(p, choice, "lead", null));
                }
            }
            catchUp();
            String byScan = "SELECT task, split, source, status, adjudicated, count(*) FROM pair_summary"
                    + " GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5";
            String byTable = "SELECT task, split, source, status, adjudicated, pairs FROM pair_count"
                    + " ORDER BY 1, 2, 3, 4, 5";
            assertThat(rows(byTable)).isEqualTo(rows(byScan));
        }
        assertThat(count(PairFilter.ALL)).isEqualTo(200);
    }

    @Test
    void theVerdictCountTableStaysEqualToTheVerdictListsThroughCorrectionsAndAdjudications() {
        java.util.Random rnd = new java.util.Random(11);
        List<Labeler> labelers = List.of(labeler(Labeler.human("h")), labeler(Labeler.ai("ai", "m", null)),
                labeler(Labeler.ai("other", "m2", 7e9)));
        List<Long> pairs = new java.util.ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 40; i++) {
                pairs.add(pair("round " + round + " pair " + i));
            }
            for (int i = 0; i < 90; i++) {
                long p = pairs.get(rnd.nextInt(pairs.size()));
                Labeler who = labelers.get(rnd.nextInt(labelers.size()));
                var before = store.read(c -> store.labels().currentInSlot(c, p, who.id(), 0, null));
                if (before.isPresent() && rnd.nextInt(5) == 0) {
                    store.addLabel(new Label(0, p, who.id(), 0, LabelStatus.RETRACTED, null, null, null, null,
                            java.time.Instant.now(), before.get().id(), null, null));
                    continue;
                }
                Label l = Label.of(p, who.id(), 0, Choice.values()[rnd.nextInt(3)], null, null, null);
                store.addLabel(before.isPresent() ? l.superseding(before.get().id()) : l);
                if (rnd.nextInt(6) == 0) {
                    store.adjudicate(Adjudication.of(p, Choice.A, "lead", null));
                }
            }
            catchUp();
            assertThat(verdictCounts()).containsExactlyInAnyOrderElementsOf(verdictCountsByParsingTheLists());
        }
        assertThat(verdictCounts()).isNotEmpty();
    }

    @Test
    void aProjectSummarisedBeforeTheVerdictCountsHasThemBuiltByTheNextCatchUp() {
        Labeler h = labeler(Labeler.human("h"));
        Labeler ai = labeler(Labeler.ai("ai", "m", null));
        for (int i = 0; i < 30; i++) {
            long p = pair("pair " + i);
            label(p, h, i % 3 == 0 ? Choice.A : Choice.B, null);
            if (i % 2 == 0) {
                label(p, ai, Choice.values()[i % 3], null);
            }
        }
        catchUp();
        List<String> built = verdictCounts();
        assertThat(built).containsExactlyInAnyOrderElementsOf(verdictCountsByParsingTheLists()).isNotEmpty();
        // as a file migrated to V3 finds itself: the table empty, the key that says it was filled absent
        store.write(c -> {
            try (var st = c.createStatement()) {
                st.executeUpdate("DELETE FROM pair_verdict_count");
                st.executeUpdate("DELETE FROM project_meta WHERE key = '" + PairSummaries.VERDICT_COUNTS + "'");
            }
            return null;
        });
        assertThat(summaries()).isTrue();
        catchUp();
        assertThat(summaries()).isFalse();
        assertThat(verdictCounts()).isEqualTo(built);
    }

    /** pair_verdict_count as "labeler|verdict|task|split|source|status|adjudicated|pairs" lines. */
    private List<String> verdictCounts() {
        return store.read(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (var ps = c.prepareStatement("SELECT labeler_id, verdict, task, split, source, status, adjudicated,"
                    + " pairs FROM pair_verdict_count ORDER BY 1, 2, 3, 4, 5, 6, 7"); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                            + "|" + rs.getString(5) + "|" + rs.getString(6) + "|" + rs.getInt(7) + "|" + rs.getLong(8));
                }
            }
            return out;
        });
    }

    /** The same counts worked out here from every pair's row as the table screen shows it. */
    private List<String> verdictCountsByParsingTheLists() {
        java.util.TreeMap<String, Long> counts = new java.util.TreeMap<>();
        List<Long> ids = store.read(c -> {
            List<Long> out = new java.util.ArrayList<>();
            try (var ps = c.prepareStatement("SELECT id FROM comparison"); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
        for (PairRow r : store.read(c -> query.rows(c, ids))) {
            r.verdicts().forEach((labelerId, v) -> counts.merge(String.format("%d|%s|%s|%s|%s|%s|%d", labelerId,
                    v.choice() == Choice.TIE ? "T" : v.choice().name(), r.task().key(), r.split().key(),
                    r.source(), r.status().key(), r.adjudication() != null ? 1 : 0), 1L, Long::sum));
        }
        List<String> out = new java.util.ArrayList<>();
        counts.forEach((k, n) -> out.add(k + "|" + n));
        return out;
    }

    private List<String> rows(String sql) {
        return store.read(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4)
                            + "|" + rs.getInt(5) + "|" + rs.getLong(6));
                }
            }
            return out;
        });
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    private long count(PairFilter f) {
        return store.read(c -> query.count(c, f));
    }

    private boolean summaries() {
        return store.read(summaries::isBehind);
    }

    private long catchUp() {
        return store.write(summaries::catchUp);
    }

    private AgreementStatus status(long id) {
        return row(id).status();
    }

    private PairRow row(long id) {
        return store.read(c -> query.rows(c, List.of(id))).get(0);
    }

    private long pair(String context) {
        return store.write(c -> store.comparisons().insert(c, Comparison.draft(Task.HELPFULNESS, context,
                "first answer to " + context, "second answer to " + context, "test", null, Split.TEST, "{}")));
    }

    private Labeler labeler(Labeler l) {
        return store.write(c -> store.labelers().findOrCreate(c, l));
    }

    private Label label(long pair, Labeler l, Choice choice, Double pA) {
        return store.addLabel(Label.of(pair, l.id(), 0, choice, pA, null, null));
    }
}

package org.rlaif.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
import org.rlaif.workbench.metrics.LabelCodes;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.MetricsFixtureAccess;
import org.rlaif.workbench.metrics.PairGroups;
import org.rlaif.workbench.testdata.PandaLmProject;

class LabelTableLoaderTest {
    @TempDir
    Path dir;

    @Test
    void readsOnlyTheLabelsInForce() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            long p1 = store.write(c -> store.comparisons().insert(c, pair("one", "short", "a much longer answer", "{\"model\":\"x\"}")));
            long p2 = store.write(c -> store.comparisons().insert(c, pair("two", "b", "c", "{}")));
            Labeler ann = store.write(c -> store.labelers().findOrCreate(c, Labeler.human("ann")));
            Labeler judge = store.write(c -> store.labelers().findOrCreate(c, Labeler.ai("judge", "m", 7e9)));

            Label first = store.addLabel(Label.of(p1, ann.id(), 0, Choice.A, null, null, null));
            store.addLabel(Label.of(p1, ann.id(), 0, Choice.B, null, null, null).superseding(first.id()));
            Label retracted = store.addLabel(Label.of(p2, ann.id(), 0, Choice.A, null, null, null));
            store.addLabel(new Label(0, p2, ann.id(), 0, LabelStatus.RETRACTED, null, null, null, null,
                    java.time.Instant.now(), retracted.id(), null, null));
            store.addLabel(Label.of(p1, judge.id(), 0, Choice.A, 0.8, null, OrderShown.AB));
            store.addLabel(Label.of(p1, judge.id(), 0, Choice.B, 0.3, null, OrderShown.BA));
            store.addLabel(Label.of(p1, judge.id(), 2, Choice.TIE, null, null, null));
            store.addLabel(Label.failed(p2, judge.id(), 0, OrderShown.AB, "prompt", "no idea"));
            long adj = store.adjudicate(Adjudication.of(p1, Choice.B, "lead", null));
            store.adjudicate(Adjudication.of(p2, Choice.A, "lead", null));
            store.adjudicate(new Adjudication(0, p1, Choice.TIE, "lead", "on second thought", java.time.Instant.now(), adj));

            LabelTableLoader loader = new LabelTableLoader();
            LabelTable t = store.read(loader::load);
            LabelTable parallel = new LabelTableLoader(1).load(store);
            assertThat(parallel.labelCount()).isEqualTo(t.labelCount());
            assertThat(parallel.pairCount()).isEqualTo(t.pairCount());
            assertThat(t.pairCount()).isEqualTo(2);
            assertThat(t.labelers()).extracting(l -> l.name()).containsExactly("ann", "judge");
            assertThat(t.labeler(1).params()).isEqualTo(7e9);
            assertThat(t.labeler(0).human()).isTrue();
            int i1 = t.pairIndex(p1);
            int i2 = t.pairIndex(p2);
            assertThat(t.lengthA(i1)).isEqualTo(5);
            assertThat(t.lengthB(i1)).isEqualTo(20);
            // pair 1: ann's correction (B), the judge's two orders of sample 0 and its sample 2
            assertThat(t.labelEnd(i1) - t.labelStart(i1)).isEqualTo(4);
            int s = t.labelStart(i1);
            assertThat(t.choiceOf(s)).isEqualTo(LabelCodes.B);
            assertThat(t.orderOf(s + 1)).isEqualTo(LabelCodes.ORDER_AB);
            assertThat(t.probabilityAOf(s + 1)).isEqualTo(0.8, org.assertj.core.api.Assertions.within(1e-6));
            assertThat(t.orderOf(s + 2)).isEqualTo(LabelCodes.ORDER_BA);
            assertThat(t.choiceOf(s + 2)).isEqualTo(LabelCodes.B);
            assertThat(t.sampleOf(s + 3)).isEqualTo(2);
            assertThat(t.probabilityAOf(s + 3)).isNaN();
            // pair 2: ann's label was retracted; the judge failed
            assertThat(t.labelEnd(i2) - t.labelStart(i2)).isEqualTo(1);
            assertThat(t.choiceOf(t.labelStart(i2))).isEqualTo(LabelCodes.NONE);
            assertThat(t.adjudication(i1)).isEqualTo(LabelCodes.TIE);
            assertThat(t.adjudication(i2)).isEqualTo(LabelCodes.A);
            assertThat(t.groups(LabelTable.TASK).names()).containsExactly("helpfulness");

            PairGroups byModel = store.read(c -> loader.groupsByMetadata(c, t, "model"));
            assertThat(byModel.dimension()).isEqualTo("meta:model");
            assertThat(byModel.names()).containsExactly("x", "(none)");
            assertThat(byModel.groupOf()[i1]).isZero();
            assertThat(byModel.groupOf()[i2]).isEqualTo(1);
        }
    }

    @Test
    void pandalmLoadedFromAProjectFileGivesThePythonReferenceValues() {
        assumeTrue(PandaLmProject.available(), "PandaLM data not present");
        try (ProjectStore store = ProjectStore.open(dir.resolve("pandalm.rlaif"))) {
            PandaLmProject.write(store);
            LabelTable t = store.read(new LabelTableLoader()::load);
            LabelTable parallel = new LabelTableLoader(1000).load(store); // five readers of ~1,000 label ids each
            assertThat(parallel.labelCount()).isEqualTo(t.labelCount());
            for (int i = 0; i < t.labelCount(); i++) {
                assertThat(parallel.choiceOf(i)).isEqualTo(t.choiceOf(i));
                assertThat(parallel.labelerOf(i)).isEqualTo(t.labelerOf(i));
                assertThat(parallel.sampleOf(i)).isEqualTo(t.sampleOf(i));
            }
            // 99 rows repeat an earlier row's content: they are further samples of the same 900 pairs
            assertThat(t.pairCount()).isEqualTo(900);
            assertThat(t.labelCount()).isEqualTo(999 * 5);
            for (JsonNode expected : MetricsFixtureAccess.expected("pandalm-project")) {
                MetricsFixtureAccess.check(t, expected);
            }
        }
    }

    private static Comparison pair(String context, String a, String b, String meta) {
        return Comparison.draft(Task.HELPFULNESS, context, a, b, "test", null, Split.TEST, meta);
    }
}

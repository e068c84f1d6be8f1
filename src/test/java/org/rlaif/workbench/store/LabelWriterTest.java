package org.rlaif.workbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

class LabelWriterTest {
    @TempDir
    Path dir;

    private static Label label(long pair, long labeler, OrderShown order, Choice choice, Long supersedes) {
        return new Label(0, pair, labeler, 0, choice == null ? LabelStatus.FAILED : LabelStatus.OK, choice,
                choice == null ? null : 0.75, choice == null ? "HTTP 500" : null, order, Instant.ofEpochMilli(1_000),
                supersedes, "[user]\nwhich is better?", "1");
    }

    @Test
    void findsTheLabelInForceInASlotAsTheViewDoes() {
        try (ProjectStore store = ProjectStore.open(dir.resolve("p.rlaif"))) {
            long pair = store.write(c -> store.comparisons().insert(c, Comparison.draft(Task.OTHER, "q", "a", "b",
                    "t", null, Split.TEST, "{}")));
            Labeler judge = store.write(c -> store.labelers().insert(c, Labeler.ai("judge", "m", 7e9)));
            Labeler other = store.write(c -> store.labelers().insert(c, Labeler.ai("other", "m", 7e9)));
            LabelWriter w = store.write(c -> store.labels().writer(c));
            long before = store.write(c -> w.lastLabelId(c));
            store.write(c -> {
                assertThat(w.inForce(c, pair, judge.id(), 0, OrderShown.AB)).isEmpty();
                w.append(c, label(pair, judge.id(), OrderShown.AB, null, null)); // a failure, in force
                return null;
            });
            long failedId = store.read(c -> store.labels().currentInSlot(c, pair, judge.id(), 0, OrderShown.AB))
                    .orElseThrow().id();
            store.write(c -> {
                Label failed = w.inForce(c, pair, judge.id(), 0, OrderShown.AB).orElseThrow();
                assertThat(failed.id()).isEqualTo(failedId);
                assertThat(failed.status()).isEqualTo(LabelStatus.FAILED);
                assertThat(failed.rationale()).isEqualTo("HTTP 500");
                assertThat(failed.prompt()).isNull(); // left out on purpose
                w.append(c, label(pair, judge.id(), OrderShown.AB, Choice.B, failedId)); // the retry supersedes it
                w.append(c, label(pair, judge.id(), null, Choice.A, null));
                w.append(c, label(pair, other.id(), OrderShown.AB, Choice.A, null));
                return null;
            });
            store.write(c -> {
                Label ab = w.inForce(c, pair, judge.id(), 0, OrderShown.AB).orElseThrow();
                Label viaView = store.labels().currentInSlot(c, pair, judge.id(), 0, OrderShown.AB).orElseThrow();
                assertThat(ab.id()).isEqualTo(viaView.id());
                assertThat(ab.choice()).isEqualTo(Choice.B);
                assertThat(ab.probabilityA()).isEqualTo(0.75);
                assertThat(ab.supersedes()).isEqualTo(failedId);
                assertThat(ab.createdAt()).isEqualTo(Instant.ofEpochMilli(1_000));
                assertThat(w.inForce(c, pair, judge.id(), 0, null).orElseThrow().choice()).isEqualTo(Choice.A);
                assertThat(w.inForce(c, pair, judge.id(), 0, OrderShown.BA)).isEmpty();
                assertThat(w.inForce(c, pair, judge.id(), 1, OrderShown.AB)).isEmpty();
                // the stored row is whole, prompt and raw answer included
                Label stored = store.labels().find(c, ab.id()).orElseThrow();
                assertThat(stored.prompt()).isEqualTo("[user]\nwhich is better?");
                assertThat(stored.rawAnswer()).isEqualTo("1");
                long last = w.lastLabelId(c);
                assertThat(last).isEqualTo(before + 4);
                assertThat(w.labeledBetween(c, judge.id(), before, last)).isTrue();
                assertThat(w.labeledBetween(c, other.id(), before + 3, last)).isTrue();
                assertThat(w.labeledBetween(c, judge.id(), before + 3, last)).isFalse();
                return null;
            });
            // only on the write connection, inside a write
            assertThatThrownBy(() -> store.read(c -> w.inForce(c, pair, judge.id(), 0, OrderShown.AB)))
                    .isInstanceOf(IllegalStateException.class);
            store.write(c -> {
                w.close();
                return null;
            });
        }
    }
}

package org.rlaif.workbench.training;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Makes a trained reward model a labeler of the project (kind REWARD_MODEL): it scores both responses of every pair
 * and labels the pair with P(A) = σ(r_A − r_B), the Bradley–Terry probability the model was trained to give. It then
 * shows in Pairs, Compare, the dashboard and the review queue like any labeler; being neither HUMAN nor AI, it is
 * never part of the human reference or of the {@code ai} majority a later model could train on.
 *
 * <p>Labels carry the origin {@code run:<id>:<pair id>}, so scoring again (after an interruption) adds only what is
 * missing, and a chunk of pairs is committed at a time.
 */
public final class RewardModelLabeler {
    static final int CHUNK = 256;

    private RewardModelLabeler() {
    }

    /** What was labeled. */
    public record Result(Labeler labeler, long pairs, long labeled) {
    }

    /**
     * Labels every pair of the project with the model's verdict.
     *
     * @param progress told the number of pairs scored so far
     * @param cancelled polled between chunks; committed chunks stay
     */
    public static Result attach(ProjectStore store, Labeler wanted, long runId, PairScorer scorer,
                                LongConsumer progress, BooleanSupplier cancelled) {
        if (wanted.kind() != LabelerKind.REWARD_MODEL) {
            throw new IllegalArgumentException("a reward model's labeler has kind REWARD_MODEL, not " + wanted.kind());
        }
        Labeler labeler = store.write(c -> store.labelers().findOrCreate(c, wanted));
        long total = store.read(c -> store.comparisons().count(c));
        long after = 0;
        long done = 0;
        long added = 0;
        while (!cancelled.getAsBoolean()) {
            long from = after;
            List<Comparison> chunk = store.read(c -> store.comparisons().page(c, from, CHUNK));
            if (chunk.isEmpty()) {
                break;
            }
            float[] rewards = scoreBoth(scorer, chunk);
            long n = store.write(c -> write(c, store, labeler, runId, chunk, rewards));
            added += n;
            done += chunk.size();
            after = chunk.getLast().id();
            progress.accept(done);
        }
        return new Result(labeler, total, added);
    }

    /** Rewards of A then B for each pair, scored in one batch. */
    private static float[] scoreBoth(PairScorer scorer, List<Comparison> chunk) {
        List<RewardModelScorer.Text> texts = new ArrayList<>(chunk.size() * 2);
        for (Comparison p : chunk) {
            texts.add(new RewardModelScorer.Text(p.context(), p.responseA()));
            texts.add(new RewardModelScorer.Text(p.context(), p.responseB()));
        }
        return scorer.score(texts);
    }

    private static long write(Connection c, ProjectStore store, Labeler labeler, long runId, List<Comparison> chunk,
                              float[] rewards) throws SQLException {
        long added = 0;
        try (PreparedStatement ps = store.labels().prepareImport(c)) {
            for (int i = 0; i < chunk.size(); i++) {
                double ra = rewards[2 * i];
                double rb = rewards[2 * i + 1];
                Label label = verdict(chunk.get(i).id(), labeler.id(), ra, rb);
                if (store.labels().appendImported(ps, label, "run:" + runId + ":" + chunk.get(i).id())) {
                    added++;
                }
            }
        }
        return added;
    }

    /** The model's verdict on one pair: the side with the higher reward, with P(A) = σ(r_A − r_B). */
    static Label verdict(long pairId, long labelerId, double rewardA, double rewardB) {
        double pA = 1 / (1 + Math.exp(-(rewardA - rewardB)));
        Choice choice = rewardA > rewardB ? Choice.A : rewardB > rewardA ? Choice.B : Choice.TIE;
        String why = String.format(Locale.ROOT, "r(A) = %.4f, r(B) = %.4f", rewardA, rewardB);
        return Label.of(pairId, labelerId, 0, choice, pA, why, null);
    }
}

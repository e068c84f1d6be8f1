package org.rlaif.workbench.io;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Writes a generated project: pairs of templated texts and labelers whose agreement with a hidden "true" preference
 * grows with their size, like the RLAIF paper's labelers. For benchmarks at sizes no public data set has, and for
 * a first-run demo when no sample project is at hand. Deterministic for a given seed.
 *
 * <p>The first labeler is a human; the others are AI labelers of growing size that state P(A).
 */
public final class SyntheticProject {
    private static final String[] TOPICS = {"volcanoes", "sourdough bread", "tax returns", "a job interview",
            "learning the violin", "houseplants", "a marathon", "solar panels", "a cover letter", "chess openings",
            "jet lag", "composting", "a first apartment", "public speaking", "birdwatching", "saving for retirement"};
    private static final String[] ASKS = {"How do I get started with", "What should I know about",
            "Can you explain", "Give me practical advice on", "Summarize the key facts about"};
    private static final String[] GOOD = {"Start with the basics and build a routine you can keep.",
            "Break the problem into small steps and check each one before moving on.",
            "Most beginners underestimate how much preparation matters.",
            "A reliable source is the official guide, which is updated every year.",
            "Keep notes so you can see what worked and what did not.",
            "Ask someone experienced to review your plan early."};
    private static final String[] WEAK = {"It depends on many things.", "There is no single answer to that.",
            "You could search online for more details.", "Some people like it and some do not.",
            "This is a complicated topic.", "Just try it and see what happens."};
    private static final String[] HUMANS = {"annotator-1", "annotator-2", "annotator-3"};
    private static final double[] AI_SIZES = {1e9, 7e9, 70e9, 180e9};

    private final int pairs;
    private final int labelers;
    private final long seed;

    public SyntheticProject(int pairs, int labelers, long seed) {
        if (pairs <= 0 || labelers <= 0 || labelers > HUMANS.length + AI_SIZES.length) {
            throw new IllegalArgumentException("need pairs > 0 and 1.." + (HUMANS.length + AI_SIZES.length)
                    + " labelers, got " + pairs + " x " + labelers);
        }
        this.pairs = pairs;
        this.labelers = labelers;
        this.seed = seed;
    }

    /** The labelers: one human first (two or three when five or more labelers are asked for), then AI judges. */
    public List<Labeler> labelerSpecs() {
        int humans = labelers >= 5 ? Math.min(3, labelers - 3) : 1;
        List<Labeler> out = new ArrayList<>();
        for (int i = 0; i < humans; i++) {
            out.add(Labeler.human(HUMANS[i]));
        }
        for (int i = 0; out.size() < labelers; i++) {
            double size = AI_SIZES[i];
            out.add(new Labeler(0, "judge-" + (long) (size / 1e9) + "b", LabelerKind.AI,
                    "synthetic-" + (long) (size / 1e9) + "b", size, "base", null, "{}"));
        }
        return out;
    }

    /** Writes everything into {@code store} in batches of one transaction each; {@code progress} gets pairs written. */
    public void writeTo(ProjectStore store, LongConsumer progress) {
        List<Labeler> stored = store.write(c -> {
            List<Labeler> out = new ArrayList<>();
            for (Labeler l : labelerSpecs()) {
                out.add(store.labelers().findOrCreate(c, l));
            }
            return out;
        });
        SplittableRandom rnd = new SplittableRandom(seed);
        int batch = 20_000;
        for (int from = 0; from < pairs; from += batch) {
            int to = Math.min(pairs, from + batch);
            int start = from;
            store.write(c -> {
                writeBatch(store, c, stored, rnd, start, to);
                return null;
            });
            progress.accept(to);
        }
    }

    private void writeBatch(ProjectStore store, Connection c, List<Labeler> stored, SplittableRandom rnd, int from,
                            int to) throws SQLException {
        Instant now = Instant.now();
        long id = store.comparisons().maxId(c); // inside the write transaction: nobody else adds pairs
        try (PreparedStatement insertPair = store.comparisons().prepareBulkInsert(c);
             PreparedStatement insertLabel = store.labels().prepareImport(c)) {
            for (int i = from; i < to; i++) {
                boolean aIsBetter = rnd.nextBoolean();
                Comparison pair = pair(rnd, i, aIsBetter);
                store.comparisons().bindInsert(insertPair, pair, ++id);
                insertPair.executeUpdate();
                for (Labeler l : stored) {
                    store.labels().appendImported(insertLabel, label(rnd, id, l, aIsBetter, now), null);
                }
            }
        }
    }

    private static Comparison pair(SplittableRandom rnd, int i, boolean aIsBetter) {
        String topic = TOPICS[rnd.nextInt(TOPICS.length)];
        String context = ASKS[rnd.nextInt(ASKS.length)] + " " + topic + "? (request " + (i + 1) + ")";
        String good = answer(rnd, GOOD, topic, 3 + rnd.nextInt(3));
        String weak = answer(rnd, WEAK, topic, 1 + rnd.nextInt(3));
        Task task = switch (i % 10) {
            case 0, 1 -> Task.SUMMARIZATION;
            case 2 -> Task.HARMLESSNESS;
            default -> Task.HELPFULNESS;
        };
        return Comparison.draft(task, context, aIsBetter ? good : weak, aIsBetter ? weak : good,
                i % 3 == 0 ? "synthetic-forum" : "synthetic-chat", Integer.toString(i + 1),
                i % 5 == 0 ? Split.TRAIN : Split.TEST, "{}");
    }

    private static String answer(SplittableRandom rnd, String[] pool, String topic, int sentences) {
        StringBuilder b = new StringBuilder("About " + topic + ": ");
        for (int s = 0; s < sentences; s++) {
            b.append(pool[rnd.nextInt(pool.length)]).append(' ');
        }
        return b.toString().strip();
    }

    /** Humans are right 80% of the time; an AI labeler of size s about 62% + 6% per tenfold size, with P(A). */
    private static Label label(SplittableRandom rnd, long pairId, Labeler l, boolean aIsBetter, Instant now) {
        double accuracy = l.isHuman() ? 0.8 : Math.min(0.95, 0.62 + 0.06 * Math.log10(l.params() / 1e9 * 10));
        boolean right = rnd.nextDouble() < accuracy;
        boolean saysA = right == aIsBetter;
        if (l.isHuman()) {
            Choice choice = rnd.nextDouble() < 0.04 ? Choice.TIE : saysA ? Choice.A : Choice.B;
            return new Label(0, pairId, l.id(), 0, LabelStatus.OK, choice, null, null, null, now, null, null, null);
        }
        double margin = 0.05 + 0.45 * Math.pow(rnd.nextDouble(), 0.7);
        double pA = saysA ? 0.5 + margin : 0.5 - margin;
        OrderShown order = rnd.nextBoolean() ? OrderShown.AB : OrderShown.BA;
        return new Label(0, pairId, l.id(), 0, LabelStatus.OK, saysA ? Choice.A : Choice.B, pA, null, order, now,
                null, null, null);
    }
}

package org.rlaif.workbench.training;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.io.export.LabelSource;
import org.rlaif.workbench.io.export.LabelSourceResolver;
import org.rlaif.workbench.io.export.PairVerdictReader;
import org.rlaif.workbench.io.export.PairVerdicts;
import org.rlaif.workbench.store.ProjectStore;

/**
 * The files a reward-model trainer reads (decision 22): {@code train.jsonl}, the pairs of the training part with a
 * verdict from the label source, and {@code eval.jsonl}, the held-out pairs with a human verdict. Whatever the source,
 * the model is judged against the humans, and a held-out pair is never trained on.
 *
 * <p>The held-out part is the project's own test split when the project has both splits, else a seeded fifth of the
 * pairs (by pair id, so the same seed holds out the same pairs in every run: the AI-source and the human-source runs
 * of one comparison are judged on the same pairs).
 */
public final class RewardModelData {
    /** Share of the pairs held out when the project has no train/test split of its own. */
    static final double HOLDOUT_SHARE = 0.2;

    /** How the pairs were split, and what was written and left out. */
    public record Counts(String splitRule, long pairs, long trained, Map<LabelSourceResolver.LeftOut, Long> leftOut,
                         long chosenA, long chosenB, long heldOut, long evaluated, long heldOutWithoutHumanVerdict) {
        /** One line for the run's log and the command's report. */
        public String describe() {
            StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT,
                    "%,d pairs: %,d to train on (A chosen %,d, B %,d), %,d held out (%s), %,d of them with a human"
                            + " verdict to evaluate on", pairs, trained, chosenA, chosenB, heldOut, splitRule, evaluated));
            leftOut.forEach((why, n) -> s.append(String.format(java.util.Locale.ROOT, "; left out of training: %,d %s",
                    n, switch (why) {
                        case TIE -> "tie(s)";
                        case UNLABELED -> "without a verdict";
                        case DISAGREED -> "where an AI labeler disagrees";
                        case NO_AI_LABEL -> "without an AI label";
                    })));
            return s.toString();
        }
    }

    private RewardModelData() {
    }

    /** Writes both files for {@code source}; throws {@link TrainingSetupException} naming a source that cannot train. */
    public static Counts write(ProjectStore store, String source, long seed, Path train, Path eval) {
        LabelSource labels = LabelSource.parse(source);
        List<Labeler> labelers = store.listLabelers();
        LabelSourceResolver resolver;
        try {
            resolver = new LabelSourceResolver(labels, labelers);
        } catch (RuntimeException e) {
            throw new TrainingSetupException(e.getMessage(), e);
        }
        if (!resolver.hasHumans()) {
            throw new TrainingSetupException("the project has no human labels: a reward model is judged by how well it"
                    + " agrees with humans on held-out pairs, so import human labels first");
        }
        boolean ownSplit = store.read(c -> store.comparisons().splitCount(c)) == 2;
        Tally t = new Tally(ownSplit ? "the project's test split" : String.format(java.util.Locale.ROOT,
                "a seeded %.0f%% holdout, seed %d", HOLDOUT_SHARE * 100, seed));
        try (OutputStream trainOut = Files.newOutputStream(train); OutputStream evalOut = Files.newOutputStream(eval);
             JsonGenerator tg = Json.mapper().getFactory().createGenerator(trainOut);
             JsonGenerator eg = Json.mapper().getFactory().createGenerator(evalOut)) {
            tg.setRootValueSeparator(null);
            eg.setRootValueSeparator(null);
            store.read(c -> {
                try {
                    new PairVerdictReader().forEach(c, null, pv -> {
                        if (pv.pair().isPolicyEvaluation()) {
                            return; // policies' outputs put head to head: judged, never trained on
                        }
                        t.pairs++;
                        boolean heldOut = ownSplit ? pv.pair().split() == Split.TEST : isHeldOut(pv.pair().id(), seed);
                        if (heldOut) {
                            evaluate(eg, pv, resolver, t);
                        } else {
                            train(tg, pv, resolver, t);
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (IOException | UncheckedIOException e) {
            throw new TrainingSetupException("cannot write the training data: " + e.getMessage(), e);
        }
        Counts counts = t.counts();
        requireEnough(counts, labels);
        return counts;
    }

    private static void train(JsonGenerator g, PairVerdicts pv, LabelSourceResolver resolver, Tally t)
            throws IOException {
        LabelSourceResolver.Decision d = resolver.choose(pv);
        if (d.chosen() == null) {
            t.leftOut.merge(d.leftOut(), 1L, Long::sum);
            return;
        }
        Comparison p = pv.pair();
        boolean a = d.chosen() == Choice.A;
        g.writeStartObject();
        g.writeNumberField("id", p.id());
        g.writeStringField("prompt", p.context());
        g.writeStringField("chosen", a ? p.responseA() : p.responseB());
        g.writeStringField("rejected", a ? p.responseB() : p.responseA());
        g.writeEndObject();
        g.writeRaw('\n');
        t.trained++;
        if (a) {
            t.chosenA++;
        } else {
            t.chosenB++;
        }
    }

    private static void evaluate(JsonGenerator g, PairVerdicts pv, LabelSourceResolver resolver, Tally t)
            throws IOException {
        t.heldOut++;
        Choice human = resolver.humanMajority(pv);
        if (human == null || human == Choice.TIE) {
            t.heldOutWithoutHumanVerdict++;
            return;
        }
        Comparison p = pv.pair();
        g.writeStartObject();
        g.writeNumberField("id", p.id());
        g.writeStringField("prompt", p.context());
        g.writeStringField("response_a", p.responseA());
        g.writeStringField("response_b", p.responseB());
        g.writeStringField("human", human.name());
        g.writeEndObject();
        g.writeRaw('\n');
        t.evaluated++;
    }

    /** Whether a pair falls in the seeded holdout: a hash of (seed, id), so it does not depend on the pairs' order. */
    static boolean isHeldOut(long pairId, long seed) {
        long z = seed * 0x9E3779B97F4A7C15L + pairId;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53 < HOLDOUT_SHARE;
    }

    /** The smallest sets worth training and judging on. */
    static final int MIN_TRAIN = 10;
    static final int MIN_EVAL = 10;

    private static void requireEnough(Counts c, LabelSource source) {
        if (c.trained() < MIN_TRAIN) {
            throw new TrainingSetupException(String.format(java.util.Locale.ROOT,
                    "%s gives only %,d pair(s) to train on (at least %d needed): %s", source.describe(), c.trained(),
                    MIN_TRAIN, c.describe()));
        }
        if (c.chosenA() == 0 || c.chosenB() == 0) {
            throw new TrainingSetupException(String.format(java.util.Locale.ROOT,
                    "%s chose %s on every one of its %,d training pairs: a reward model would learn the position, not"
                            + " the preference; pick a source that prefers both sides", source.describe(),
                    c.chosenA() == 0 ? "B" : "A", c.trained()));
        }
        if (c.evaluated() < MIN_EVAL) {
            throw new TrainingSetupException(String.format(java.util.Locale.ROOT,
                    "only %,d held-out pair(s) have a human verdict to evaluate on (at least %d needed): %s",
                    c.evaluated(), MIN_EVAL, c.describe()));
        }
    }

    private static final class Tally {
        final String rule;
        long pairs;
        long trained;
        long chosenA;
        long chosenB;
        long heldOut;
        long evaluated;
        long heldOutWithoutHumanVerdict;
        final Map<LabelSourceResolver.LeftOut, Long> leftOut = new EnumMap<>(LabelSourceResolver.LeftOut.class);

        Tally(String rule) {
            this.rule = rule;
        }

        Counts counts() {
            return new Counts(rule, pairs, trained, Map.copyOf(leftOut), chosenA, chosenB, heldOut, evaluated,
                    heldOutWithoutHumanVerdict);
        }
    }
}

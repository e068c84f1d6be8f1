package org.rlaif.workbench.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rlaif.workbench.metrics.LabelCodes;
import org.rlaif.workbench.metrics.LabelTable;
import org.rlaif.workbench.metrics.LabelerInfo;

/**
 * A seeded, realistic-looking label set for benchmarks: 3 humans and 9 AI labelers of growing size over a hidden
 * "true" preference, with every shape the metrics handle: missing labels, ties, failed attempts, both presentation
 * orders with a position bias, P(A), several samples per pair, a length bias and a degenerate judge.
 */
final class SyntheticLabels {
    /** How each of the 12 labelers labels. */
    private record Profile(String name, String kind, Double params, double accuracy, int samples, boolean bothOrders,
                           boolean probability, double coverage, double positionBias, boolean alwaysA) {
    }

    static final List<Profile> PROFILES = List.of(
            new Profile("human-1", "HUMAN", null, 0.78, 1, false, false, 0.9, 0, false),
            new Profile("human-2", "HUMAN", null, 0.76, 1, false, false, 0.9, 0, false),
            new Profile("human-3", "HUMAN", null, 0.80, 1, false, false, 0.9, 0, false),
            new Profile("judge-0.4b", "AI", 4e8, 0.58, 1, false, false, 1, 0.25, false),
            new Profile("judge-1b", "AI", 1e9, 0.62, 1, false, false, 1, 0.2, false),
            new Profile("judge-3b", "AI", 3e9, 0.66, 1, false, false, 1, 0.15, false),
            new Profile("judge-8b", "AI", 8e9, 0.70, 1, true, true, 1, 0.1, false),
            new Profile("judge-27b", "AI", 2.7e10, 0.73, 1, true, true, 1, 0.06, false),
            new Profile("judge-70b", "AI", 7e10, 0.75, 3, false, false, 1, 0, false),
            new Profile("judge-405b", "AI", 4.05e11, 0.77, 3, false, false, 1, 0, false),
            new Profile("judge-cot", "AI", null, 0.74, 1, true, false, 0.98, 0.05, false),
            new Profile("always-a", "AI", null, 0.5, 1, false, false, 1, 0, true));

    private SyntheticLabels() {
    }

    static List<LabelerInfo> labelers() {
        List<LabelerInfo> out = new ArrayList<>();
        for (Profile p : PROFILES) {
            out.add(new LabelerInfo(p.name(), p.kind(), p.params()));
        }
        return out;
    }

    static LabelTable generate(int pairs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        LabelTable.Builder b = LabelTable.builder(labelers());
        String[] tasks = {"summarization", "helpfulness", "harmlessness"};
        String[] sources = {"tldr", "hh-rlhf", "alpaca-eval", "pandalm"};
        for (int p = 0; p < pairs; p++) {
            int lenA = 20 + rng.nextInt(800);
            int lenB = 20 + rng.nextInt(800);
            b.addPair(p + 1L, lenA, lenB, tasks[rng.nextInt(tasks.length)], sources[rng.nextInt(sources.length)],
                    rng.nextInt(10) == 0 ? "train" : "test");
            // the hidden better response leans a little towards the longer one, as real data does
            boolean aBetter = rng.nextDouble() < (lenA > lenB ? 0.58 : 0.42);
            for (int l = 0; l < PROFILES.size(); l++) {
                Profile f = PROFILES.get(l);
                if (rng.nextDouble() >= f.coverage()) {
                    continue;
                }
                for (int s = 0; s < f.samples(); s++) {
                    if (f.bothOrders()) {
                        label(b, rng, f, p, l, s, LabelCodes.ORDER_AB, aBetter);
                        label(b, rng, f, p, l, s, LabelCodes.ORDER_BA, aBetter);
                    } else {
                        byte order = f.kind().equals("HUMAN") || f.samples() > 1 ? LabelCodes.ORDER_UNKNOWN
                                : rng.nextBoolean() ? LabelCodes.ORDER_AB : LabelCodes.ORDER_BA;
                        label(b, rng, f, p, l, s, order, aBetter);
                    }
                }
            }
        }
        return b.build();
    }

    private static void label(LabelTable.Builder b, SplittableRandom rng, Profile f, int p, int l, int s, byte order,
                              boolean aBetter) {
        if (f.alwaysA()) {
            b.addLabel(p, l, s, order, LabelCodes.A, Double.NaN);
            return;
        }
        if (!f.kind().equals("HUMAN") && rng.nextInt(200) == 0) {
            b.addLabel(p, l, s, order, LabelCodes.NONE, Double.NaN); // an unparsable answer
            return;
        }
        double u = rng.nextDouble();
        byte choice;
        if (u < 0.05) {
            choice = LabelCodes.TIE;
        } else if (rng.nextDouble() < f.positionBias() && order != LabelCodes.ORDER_UNKNOWN) {
            choice = LabelCodes.firstShown(order);
        } else {
            boolean right = rng.nextDouble() < f.accuracy();
            choice = right == aBetter ? LabelCodes.A : LabelCodes.B;
        }
        double pa = Double.NaN;
        if (f.probability()) {
            double sure = 0.5 + 0.5 * rng.nextDouble();
            pa = choice == LabelCodes.A ? sure : choice == LabelCodes.B ? 1 - sure : 0.5;
        }
        b.addLabel(p, l, s, order, choice, pa);
    }
}

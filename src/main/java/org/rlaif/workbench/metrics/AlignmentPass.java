package org.rlaif.workbench.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The one pass over the labels behind an {@link AlignmentReport}. Each chunk of pairs is tallied on its own (two
 * cores work on different chunks) into counts that depend only on contingency tables; the chunks' tallies are then
 * added up in chunk order, so the result does not depend on how many threads ran.
 *
 * <p>How one labeler gets one verdict per pair, whatever its samples and orders: the mean of its labels' scores
 * (A = 1, TIE = 1/2, B = 0) over every sample and both orders; above 1/2 is A, below is B, exactly 1/2 is a tie.
 * With a single label that is the label; with both orders of one sample it is the RLAIF paper's average of the two
 * orders (a flip under the swap becomes a tie). The same rule gives each sample its verdict across its orders.
 */
final class AlignmentPass {
    static final String VERDICT_RULE = "one verdict per labeler and pair: the mean of its labels (A = 1, TIE = 1/2,"
            + " B = 0) over all its samples and both orders; above 1/2 = A, below = B, 1/2 = TIE (both orders of one"
            + " sample are averaged as in the RLAIF paper)";
    private static final int CHUNK = 32_768;
    static final int DEGENERATE_MIN_LABELS = 10;
    /** A label's score in half points, by choice code: A = 2, B = 0, TIE = 1. */
    private static final int[] HALF_POINTS = {2, 0, 1};

    private final LabelTable t;
    private final ReportOptions options;
    private final int labelers;
    private final int[] humans;
    private final boolean[] isHuman;
    /** Where to write per-pair results for {@link PairVerdicts}; null for slices. */
    private final PairVerdicts.Columns out;

    AlignmentPass(LabelTable table, ReportOptions options, PairVerdicts.Columns out) {
        this.t = table;
        this.options = options;
        this.labelers = table.labelerCount();
        this.humans = table.humanIndexes();
        this.isHuman = new boolean[labelers];
        for (int h : humans) {
            isHuman[h] = true;
        }
        this.out = out;
    }

    /** Tallies the pairs in {@code subset} (pair indexes), or every pair when it is null. */
    Tally run(int[] subset) {
        int n = subset == null ? t.pairCount() : subset.length;
        int chunks = Math.max(1, (n + CHUNK - 1) / CHUNK);
        List<Tally> parts = IntStream.range(0, chunks).parallel()
                .mapToObj(c -> {
                    Worker w = new Worker();
                    int from = c * CHUNK;
                    int to = Math.min(n, from + CHUNK);
                    for (int i = from; i < to; i++) {
                        w.pair(subset == null ? i : subset[i]);
                    }
                    return w.tally;
                })
                .toList();
        Tally total = new Tally(labelers, humans.length, options.calibrationBins());
        for (Tally part : new ArrayList<>(parts)) {
            total.merge(part);
        }
        total.pairs = n;
        return total;
    }

    /** Per-chunk counts. Arrays indexed by labeler; {@code [l * 9 + row * 3 + col]} for confusion matrices. */
    static final class Tally {
        final int labelers;
        long pairs;
        long labels;
        final long[] pairsLabeled;
        final long[] okLabels;
        final long[] failedLabels;
        final long[] answers;
        final long[] firstShownChosen;
        final long[] secondShownChosen;
        final long[] refConfusion;
        final long[] looConfusion;
        final long[] scConsistent;
        final long[] scConsidered;
        final long[] scSkipped;
        final int[] maxSamples;
        final long[] longerChosen;
        final long[] longerCounted;
        final long[] positionUnits;
        final long[] positionConsistent;
        final long[] positionFirstWins;
        final Calibration.Accumulator[] calibration;
        final long[] pairwise;
        final KrippendorffAlpha.Accumulator alphaHumans;
        final KrippendorffAlpha.Accumulator alphaAll;
        final FleissKappa.Accumulator fleissHumans;
        final FleissKappa.Accumulator fleissAll;
        final int calibrationBins;
        long referencePairs;
        long referenceLongerChosen;
        long referenceLongerCounted;
        long disputed;

        Tally(int l, int humanCount, int calibrationBins) {
            labelers = l;
            this.calibrationBins = calibrationBins;
            pairsLabeled = new long[l];
            okLabels = new long[l];
            failedLabels = new long[l];
            answers = new long[l * 3];
            firstShownChosen = new long[l];
            secondShownChosen = new long[l];
            refConfusion = new long[l * 9];
            looConfusion = new long[l * 9];
            scConsistent = new long[l];
            scConsidered = new long[l];
            scSkipped = new long[l];
            maxSamples = new int[l];
            longerChosen = new long[l];
            longerCounted = new long[l];
            positionUnits = new long[l];
            positionConsistent = new long[l];
            positionFirstWins = new long[l];
            calibration = new Calibration.Accumulator[l];
            pairwise = new long[l * l * 9];
            alphaHumans = new KrippendorffAlpha.Accumulator(3, Math.max(humanCount, 1));
            alphaAll = new KrippendorffAlpha.Accumulator(3, Math.max(l, 1));
            fleissHumans = new FleissKappa.Accumulator(3, humanCount);
            fleissAll = new FleissKappa.Accumulator(3, l);
        }

        void merge(Tally o) {
            labels += o.labels;
            add(pairsLabeled, o.pairsLabeled);
            add(okLabels, o.okLabels);
            add(failedLabels, o.failedLabels);
            add(answers, o.answers);
            add(firstShownChosen, o.firstShownChosen);
            add(secondShownChosen, o.secondShownChosen);
            add(refConfusion, o.refConfusion);
            add(looConfusion, o.looConfusion);
            add(scConsistent, o.scConsistent);
            add(scConsidered, o.scConsidered);
            add(scSkipped, o.scSkipped);
            for (int i = 0; i < labelers; i++) {
                maxSamples[i] = Math.max(maxSamples[i], o.maxSamples[i]);
                if (o.calibration[i] != null) {
                    if (calibration[i] == null) {
                        calibration[i] = new Calibration.Accumulator(calibrationBins);
                    }
                    calibration[i].merge(o.calibration[i]);
                }
            }
            add(longerChosen, o.longerChosen);
            add(longerCounted, o.longerCounted);
            add(positionUnits, o.positionUnits);
            add(positionConsistent, o.positionConsistent);
            add(positionFirstWins, o.positionFirstWins);
            add(pairwise, o.pairwise);
            alphaHumans.merge(o.alphaHumans);
            alphaAll.merge(o.alphaAll);
            fleissHumans.merge(o.fleissHumans);
            fleissAll.merge(o.fleissAll);
            referencePairs += o.referencePairs;
            referenceLongerChosen += o.referenceLongerChosen;
            referenceLongerCounted += o.referenceLongerCounted;
            disputed += o.disputed;
        }

        private static void add(long[] into, long[] from) {
            for (int i = 0; i < into.length; i++) {
                into[i] += from[i];
            }
        }

        ConfusionMatrix refConfusion(int l) {
            return ConfusionMatrix.wrap(Arrays.copyOfRange(refConfusion, l * 9, l * 9 + 9));
        }

        ConfusionMatrix looConfusion(int l) {
            return ConfusionMatrix.wrap(Arrays.copyOfRange(looConfusion, l * 9, l * 9 + 9));
        }

        ConfusionMatrix pairwise(int a, int b) {
            int at = (a * labelers + b) * 9;
            return ConfusionMatrix.wrap(Arrays.copyOfRange(pairwise, at, at + 9));
        }
    }

    /** Works through pairs one at a time with scratch arrays sized to the labelers. */
    private final class Worker {
        final Tally tally = new Tally(labelers, humans.length, options.calibrationBins());
        final byte[] verdict = new byte[labelers];
        final float[] confidence = new float[labelers];
        final double[] meanP = new double[labelers];
        final int[] present = new int[labelers];
        final int[] humanCounts = new int[3];
        final int[] allCounts = new int[3];
        final int[] sampleCounts = new int[3];
        byte[] sampleVerdicts = new byte[8];

        void pair(int p) {
            Arrays.fill(verdict, LabelCodes.NONE);
            int end = t.labelStart[p + 1];
            int i = t.labelStart[p];
            while (i < end) {
                int l = t.labeler[i];
                int runEnd = i + 1;
                while (runEnd < end && t.labeler[runEnd] == l) {
                    runEnd++;
                }
                labelerOnPair(p, l, i, runEnd);
                i = runEnd;
            }
            compare(p);
        }

        /** Labels {@code [from, to)} are one labeler's on pair {@code p}, sorted by sample and order. */
        private void labelerOnPair(int p, int l, int from, int to) {
            Tally y = tally;
            int ok = 0;
            int score = 0; // in half points: A = 2, TIE = 1, B = 0
            int pCount = 0;
            double pSum = 0;
            int samples = 0;
            byte firstSampleVerdict = LabelCodes.NONE;
            int i = from;
            while (i < to) {
                int s = t.sample[i];
                int sOk = 0;
                int sScore = 0;
                byte ab = LabelCodes.NONE;
                byte ba = LabelCodes.NONE;
                for (; i < to && t.sample[i] == s; i++) {
                    byte c = t.choice[i];
                    if (c == LabelCodes.NONE) {
                        y.failedLabels[l]++;
                        continue;
                    }
                    sOk++;
                    sScore += HALF_POINTS[c];
                    y.answers[l * 3 + c]++;
                    byte o = t.order[i];
                    if (o == LabelCodes.ORDER_AB) {
                        ab = c;
                    } else if (o == LabelCodes.ORDER_BA) {
                        ba = c;
                    }
                    byte first = LabelCodes.firstShown(o);
                    if (first != LabelCodes.NONE && c != LabelCodes.TIE) {
                        if (c == first) {
                            y.firstShownChosen[l]++;
                        } else {
                            y.secondShownChosen[l]++;
                        }
                    }
                    if (t.probabilityA != null) {
                        float pa = t.probabilityA[i];
                        if (pa == pa) {
                            pSum += pa;
                            pCount++;
                        }
                    }
                }
                if (sOk == 0) {
                    continue;
                }
                if (ab != LabelCodes.NONE && ba != LabelCodes.NONE) {
                    y.positionUnits[l]++;
                    if (ab == ba) {
                        y.positionConsistent[l]++;
                    }
                    y.positionFirstWins[l] += (ab == LabelCodes.A ? 1 : 0) + (ba == LabelCodes.B ? 1 : 0);
                }
                byte sv = verdictOf(sScore, sOk);
                if (samples == 0) {
                    firstSampleVerdict = sv;
                }
                if (samples == sampleVerdicts.length) {
                    sampleVerdicts = Arrays.copyOf(sampleVerdicts, samples * 2);
                }
                sampleVerdicts[samples++] = sv;
                ok += sOk;
                score += sScore;
            }
            if (ok == 0) {
                return;
            }
            y.labels += ok;
            y.okLabels[l] += ok;
            y.pairsLabeled[l]++;
            byte v = verdictOf(score, ok);
            verdict[l] = v;
            // How sure the labeler is of its verdict, for ranking disputes: |2 * mean - 1| of its P(A) when it gave
            // one, else of its hard labels' mean (1 for a single label, 0 when its samples or orders cancel out).
            if (pCount > 0) {
                meanP[l] = pSum / pCount;
                confidence[l] = (float) Math.abs(2 * meanP[l] - 1);
            } else {
                meanP[l] = Double.NaN;
                confidence[l] = (float) (Math.abs(score - ok) / (double) ok);
            }
            if (samples > y.maxSamples[l]) {
                y.maxSamples[l] = samples;
            }
            if (samples >= 2) {
                selfConsistency(l, samples);
            }
            if (firstSampleVerdict != LabelCodes.TIE) {
                int longer = longer(p);
                if (longer != LabelCodes.NONE) {
                    y.longerCounted[l]++;
                    if (firstSampleVerdict == longer) {
                        y.longerChosen[l]++;
                    }
                }
            }
        }

        private void selfConsistency(int l, int samples) {
            int[] c = sampleCounts;
            c[0] = c[1] = c[2] = 0;
            for (int s = 0; s < samples; s++) {
                c[sampleVerdicts[s]]++;
            }
            for (int s = 0; s < samples; s++) {
                byte mine = sampleVerdicts[s];
                c[mine]--;
                int mode = uniqueMode(c);
                c[mine]++;
                if (mode == LabelCodes.NONE) {
                    tally.scSkipped[l]++;
                } else {
                    tally.scConsidered[l]++;
                    if (mode == mine) {
                        tally.scConsistent[l]++;
                    }
                }
            }
        }

        /** Stage two: every labeler's verdict on the pair is known. */
        private void compare(int p) {
            Tally y = tally;
            int m = 0;
            humanCounts[0] = humanCounts[1] = humanCounts[2] = 0;
            allCounts[0] = allCounts[1] = allCounts[2] = 0;
            for (int l = 0; l < labelers; l++) {
                byte v = verdict[l];
                if (v != LabelCodes.NONE) {
                    present[m++] = l;
                    allCounts[v]++;
                    if (isHuman[l]) {
                        humanCounts[v]++;
                    }
                }
            }
            byte reference = reference(p);
            if (reference != LabelCodes.NONE) {
                y.referencePairs++;
                if (reference != LabelCodes.TIE) {
                    int longer = longer(p);
                    if (longer != LabelCodes.NONE) {
                        y.referenceLongerCounted++;
                        if (reference == longer) {
                            y.referenceLongerChosen++;
                        }
                    }
                }
            }
            boolean humansReference = options.reference().kind() == Reference.Kind.HUMANS;
            int self = options.reference().labeler();
            for (int k = 0; k < m; k++) {
                int l = present[k];
                byte v = verdict[l];
                byte ref = reference;
                if (isHuman[l]) {
                    humanCounts[v]--;
                    byte loo = plurality(humanCounts);
                    humanCounts[v]++;
                    if (loo != LabelCodes.NONE) {
                        y.looConfusion[l * 9 + v * 3 + loo]++;
                    }
                    if (humansReference) {
                        ref = loo;
                    }
                }
                if (l == self || ref == LabelCodes.NONE) {
                    continue;
                }
                y.refConfusion[l * 9 + v * 3 + ref]++;
                double pa = meanP[l];
                if (t.probabilityA != null && pa == pa && ref != LabelCodes.TIE) {
                    Calibration.Accumulator cal = y.calibration[l];
                    if (cal == null) {
                        cal = y.calibration[l] = new Calibration.Accumulator(options.calibrationBins());
                    }
                    cal.add(pa, ref == LabelCodes.A);
                }
            }
            long[] pw = y.pairwise;
            for (int a = 0; a < m; a++) {
                int la = present[a];
                int rowBase = la * labelers;
                int va3 = verdict[la] * 3;
                for (int b = a + 1; b < m; b++) {
                    int lb = present[b];
                    pw[(rowBase + lb) * 9 + va3 + verdict[lb]]++;
                }
            }
            y.alphaHumans.addUnit(humanCounts);
            y.alphaAll.addUnit(allCounts);
            if (humans.length >= 2 && humanCounts[0] + humanCounts[1] + humanCounts[2] == humans.length) {
                y.fleissHumans.addUnit(humanCounts);
            }
            if (labelers >= 2 && m == labelers) {
                y.fleissAll.addUnit(allCounts);
            }
            dispute(p, m, reference);
        }

        private void dispute(int p, int m, byte reference) {
            boolean disputed = allCounts[LabelCodes.A] > 0 && allCounts[LabelCodes.B] > 0;
            if (disputed) {
                tally.disputed++;
            }
            if (out == null) {
                return;
            }
            int base = p * labelers;
            System.arraycopy(verdict, 0, out.verdicts, base, labelers);
            out.reference[p] = reference;
            if (!disputed) {
                out.disputeScore[p] = -1;
                return;
            }
            double forA = 0;
            double forB = 0;
            for (int k = 0; k < m; k++) {
                int l = present[k];
                if (verdict[l] == LabelCodes.A) {
                    forA += confidence[l];
                } else if (verdict[l] == LabelCodes.B) {
                    forB += confidence[l];
                }
            }
            out.disputeScore[p] = (float) Math.min(forA, forB);
            out.disputeWeight[p] = (float) (forA + forB);
        }

        private byte reference(int p) {
            return switch (options.reference().kind()) {
                case HUMANS -> plurality(humanCounts);
                case LABELER -> verdict[options.reference().labeler()];
                case ADJUDICATIONS -> t.adjudication[p];
            };
        }

        /** The longer response's code when the lengths differ by more than the margin, else NONE. */
        private int longer(int p) {
            int d = t.lenA[p] - t.lenB[p];
            if (d > options.lengthMargin()) {
                return LabelCodes.A;
            }
            if (-d > options.lengthMargin()) {
                return LabelCodes.B;
            }
            return LabelCodes.NONE;
        }
    }

    /** A/B/TIE from a score in half points over {@code n} labels (A = 2, TIE = 1, B = 0). */
    static byte verdictOf(int halfPoints, int n) {
        return halfPoints > n ? LabelCodes.A : halfPoints < n ? LabelCodes.B : LabelCodes.TIE;
    }

    /**
     * The single most common verdict in {@code counts} (A, B, TIE); TIE when two or more share the top count;
     * NONE when there are no verdicts.
     */
    static byte plurality(int[] counts) {
        int a = counts[0];
        int b = counts[1];
        int tie = counts[2];
        if (a + b + tie == 0) {
            return LabelCodes.NONE;
        }
        if (a > b && a > tie) {
            return LabelCodes.A;
        }
        if (b > a && b > tie) {
            return LabelCodes.B;
        }
        return LabelCodes.TIE;
    }

    /** The single most common verdict in {@code counts}, or NONE when there is none or two share the top count. */
    static byte uniqueMode(int[] counts) {
        int a = counts[0];
        int b = counts[1];
        int tie = counts[2];
        if (a > b && a > tie) {
            return LabelCodes.A;
        }
        if (b > a && b > tie) {
            return LabelCodes.B;
        }
        if (tie > a && tie > b) {
            return LabelCodes.TIE;
        }
        return LabelCodes.NONE;
    }
}

package org.rlaif.workbench.metrics;

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
    private static final int WORDS = CHUNK / 64;
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
                        w.pair(subset == null ? i : subset[i], i - from);
                    }
                    w.countPairwise();
                    return w.tally;
                })
                .toList();
        Tally total = new Tally(labelers, humans.length, options.calibrationBins());
        for (Tally part : parts) {
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

    /**
     * Works through pairs one at a time with scratch arrays sized to the labelers. The table's arrays are copied
     * into fields of its own, so the hot loops read them without going through the table.
     */
    private final class Worker {
        final Tally tally = new Tally(labelers, humans.length, options.calibrationBins());
        private final int[] labelStart = t.labelStart;
        private final short[] labelerOf = t.labeler;
        private final short[] sampleOf = t.sample;
        private final byte[] orderOf = t.order;
        private final byte[] choiceOf = t.choice;
        private final float[] probabilityOf = t.probabilityA;
        private final int[] lenA = t.lenA;
        private final int[] lenB = t.lenB;
        private final int margin = options.lengthMargin();
        private final Reference.Kind referenceKind = options.reference().kind();
        private final int referenceLabeler = options.reference().labeler();
        private final byte[] verdict = new byte[labelers];
        private final float[] confidence = new float[labelers];
        private final double[] meanP = new double[labelers];
        /** The labelers with a verdict on the current pair, ascending; {@code m} of them. */
        private final int[] present = new int[labelers];
        private int m;
        private final int[] humanCounts = new int[3];
        private final int[] allCounts = new int[3];
        private final int[] sampleCounts = new int[3];
        private byte[] sampleVerdicts = new byte[8];
        /**
         * The chunk's verdicts as bit sets, one per (labeler, choice) with a bit per pair of the chunk: every
         * pairwise contingency table is then a handful of AND + popcount per 64 pairs, instead of one increment per
         * pair and pair of labelers.
         */
        private final long[] bits = new long[labelers * 3 * WORDS];
        private final int[] firstWord = new int[labelers];
        private final int[] lastWord = new int[labelers];
        private int local;

        Worker() {
            Arrays.fill(verdict, LabelCodes.NONE);
            Arrays.fill(firstWord, WORDS);
            Arrays.fill(lastWord, -1);
        }

        /** Pair {@code p}, the {@code local}-th of this worker's chunk. */
        void pair(int p, int local) {
            this.local = local;
            m = 0;
            humanCounts[0] = humanCounts[1] = humanCounts[2] = 0;
            allCounts[0] = allCounts[1] = allCounts[2] = 0;
            int end = labelStart[p + 1];
            int i = labelStart[p];
            while (i < end) {
                int l = labelerOf[i];
                if (i + 1 == end || labelerOf[i + 1] != l) {
                    singleLabel(p, l, i);
                    i++;
                } else {
                    int runEnd = i + 2;
                    while (runEnd < end && labelerOf[runEnd] == l) {
                        runEnd++;
                    }
                    severalLabels(p, l, i, runEnd);
                    i = runEnd;
                }
            }
            compare(p);
            for (int k = 0; k < m; k++) {
                verdict[present[k]] = LabelCodes.NONE;
            }
        }

        /** The common case: one label of labeler {@code l} on pair {@code p}. */
        private void singleLabel(int p, int l, int i) {
            Tally y = tally;
            byte c = choiceOf[i];
            if (c == LabelCodes.NONE) {
                y.failedLabels[l]++;
                return;
            }
            y.labels++;
            y.okLabels[l]++;
            y.pairsLabeled[l]++;
            y.answers[l * 3 + c]++;
            byte first = LabelCodes.firstShown(orderOf[i]);
            if (first != LabelCodes.NONE && c != LabelCodes.TIE) {
                if (c == first) {
                    y.firstShownChosen[l]++;
                } else {
                    y.secondShownChosen[l]++;
                }
            }
            float pa = probabilityOf == null ? Float.NaN : probabilityOf[i];
            if (pa == pa) {
                meanP[l] = pa;
                confidence[l] = Math.abs(2 * pa - 1);
            } else {
                meanP[l] = Double.NaN;
                confidence[l] = c == LabelCodes.TIE ? 0 : 1;
            }
            if (y.maxSamples[l] == 0) {
                y.maxSamples[l] = 1;
            }
            if (c != LabelCodes.TIE) {
                countLength(p, l, c);
            }
            record(l, c);
        }

        /** Labels {@code [from, to)} are one labeler's on pair {@code p}, sorted by sample and order. */
        private void severalLabels(int p, int l, int from, int to) {
            Tally y = tally;
            int ok = 0;
            int score = 0; // in half points: A = 2, TIE = 1, B = 0
            int pCount = 0;
            double pSum = 0;
            int samples = 0;
            byte firstSampleVerdict = LabelCodes.NONE;
            int i = from;
            while (i < to) {
                int s = sampleOf[i];
                int sOk = 0;
                int sScore = 0;
                byte ab = LabelCodes.NONE;
                byte ba = LabelCodes.NONE;
                for (; i < to && sampleOf[i] == s; i++) {
                    byte c = choiceOf[i];
                    if (c == LabelCodes.NONE) {
                        y.failedLabels[l]++;
                        continue;
                    }
                    sOk++;
                    sScore += HALF_POINTS[c];
                    y.answers[l * 3 + c]++;
                    byte o = orderOf[i];
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
                    if (probabilityOf != null) {
                        float pa = probabilityOf[i];
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
                countLength(p, l, firstSampleVerdict);
            }
            record(l, v);
        }

        private void record(int l, byte v) {
            verdict[l] = v;
            present[m++] = l;
            int word = local >>> 6;
            bits[(l * 3 + v) * WORDS + word] |= 1L << local;
            if (word < firstWord[l]) {
                firstWord[l] = word;
            }
            lastWord[l] = word;
            allCounts[v]++;
            if (isHuman[l]) {
                humanCounts[v]++;
            }
        }

        /** prefer_longer: a decisive verdict on a pair whose responses differ by more than the margin. */
        private void countLength(int p, int l, byte decisive) {
            int longer = longer(p);
            if (longer != LabelCodes.NONE) {
                tally.longerCounted[l]++;
                if (decisive == longer) {
                    tally.longerChosen[l]++;
                }
            }
        }

        private void selfConsistency(int l, int samples) {
            int[] c = sampleCounts;
            c[0] = c[1] = c[2] = 0;
            for (int s = 0; s < samples; s++) {
                c[sampleVerdicts[s]]++;
            }
            // every sample with the same verdict has the same siblings' mode: one test per verdict, not per sample
            for (int mine = 0; mine < 3; mine++) {
                int k = c[mine];
                if (k == 0) {
                    continue;
                }
                c[mine]--;
                int mode = uniqueMode(c);
                c[mine]++;
                if (mode == LabelCodes.NONE) {
                    tally.scSkipped[l] += k;
                } else {
                    tally.scConsidered[l] += k;
                    if (mode == mine) {
                        tally.scConsistent[l] += k;
                    }
                }
            }
        }

        /** Stage two: every labeler's verdict on the pair is known. */
        private void compare(int p) {
            Tally y = tally;
            byte reference = switch (referenceKind) {
                case HUMANS -> plurality(humanCounts);
                case LABELER -> verdict[referenceLabeler];
                case ADJUDICATIONS -> t.adjudication[p];
            };
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
            boolean humansReference = referenceKind == Reference.Kind.HUMANS;
            double forA = 0;
            double forB = 0;
            for (int k = 0; k < m; k++) {
                int l = present[k];
                byte v = verdict[l];
                if (v == LabelCodes.A) {
                    forA += confidence[l];
                } else if (v == LabelCodes.B) {
                    forB += confidence[l];
                }
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
                if (l == referenceLabeler || ref == LabelCodes.NONE) {
                    continue;
                }
                y.refConfusion[l * 9 + v * 3 + ref]++;
                double pa = meanP[l];
                if (pa == pa && ref != LabelCodes.TIE) {
                    Calibration.Accumulator cal = y.calibration[l];
                    if (cal == null) {
                        cal = y.calibration[l] = new Calibration.Accumulator(options.calibrationBins());
                    }
                    cal.add(pa, ref == LabelCodes.A);
                }
            }
            int[] hc = humanCounts;
            int h = hc[0] + hc[1] + hc[2];
            y.alphaHumans.addUnit(hc[0], hc[1], hc[2]);
            y.alphaAll.addUnit(allCounts[0], allCounts[1], allCounts[2]);
            if (humans.length >= 2 && h == humans.length) {
                y.fleissHumans.addUnit(hc[0], hc[1], hc[2]);
            }
            if (labelers >= 2 && m == labelers) {
                y.fleissAll.addUnit(allCounts[0], allCounts[1], allCounts[2]);
            }
            boolean disputed = allCounts[LabelCodes.A] > 0 && allCounts[LabelCodes.B] > 0;
            if (disputed) {
                y.disputed++;
            }
            if (out != null) {
                int base = p * labelers;
                for (int k = 0; k < m; k++) {
                    out.verdicts[base + present[k]] = verdict[present[k]];
                }
                out.reference[p] = reference;
                out.disputeScore[p] = disputed ? (float) Math.min(forA, forB) : -1;
                out.disputeWeight[p] = disputed ? (float) (forA + forB) : 0;
            }
        }

        /** Adds the chunk's pairwise contingency tables to the tally, from the verdict bit sets. */
        void countPairwise() {
            long[] pw = tally.pairwise;
            for (int a = 0; a < labelers; a++) {
                if (lastWord[a] < 0) {
                    continue;
                }
                int ra = a * 3 * WORDS;
                for (int b = a + 1; b < labelers; b++) {
                    int lo = Math.max(firstWord[a], firstWord[b]);
                    int hi = Math.min(lastWord[a], lastWord[b]);
                    if (lo > hi) {
                        continue;
                    }
                    int rb = b * 3 * WORDS;
                    long c00 = 0, c01 = 0, c02 = 0, c10 = 0, c11 = 0, c12 = 0, c20 = 0, c21 = 0, c22 = 0;
                    for (int w = lo; w <= hi; w++) {
                        long a0 = bits[ra + w];
                        long a1 = bits[ra + WORDS + w];
                        long a2 = bits[ra + 2 * WORDS + w];
                        long b0 = bits[rb + w];
                        long b1 = bits[rb + WORDS + w];
                        long b2 = bits[rb + 2 * WORDS + w];
                        c00 += Long.bitCount(a0 & b0);
                        c01 += Long.bitCount(a0 & b1);
                        c02 += Long.bitCount(a0 & b2);
                        c10 += Long.bitCount(a1 & b0);
                        c11 += Long.bitCount(a1 & b1);
                        c12 += Long.bitCount(a1 & b2);
                        c20 += Long.bitCount(a2 & b0);
                        c21 += Long.bitCount(a2 & b1);
                        c22 += Long.bitCount(a2 & b2);
                    }
                    int at = (a * labelers + b) * 9;
                    pw[at] += c00;
                    pw[at + 1] += c01;
                    pw[at + 2] += c02;
                    pw[at + 3] += c10;
                    pw[at + 4] += c11;
                    pw[at + 5] += c12;
                    pw[at + 6] += c20;
                    pw[at + 7] += c21;
                    pw[at + 8] += c22;
                }
            }
        }

        /** The longer response's code when the lengths differ by more than the margin, else NONE. */
        private int longer(int p) {
            int d = lenA[p] - lenB[p];
            if (d > margin) {
                return LabelCodes.A;
            }
            if (-d > margin) {
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

package org.rlaif.workbench.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every label in force in a project, as primitive arrays: what all metrics read.
 *
 * <p>Pairs are numbered 0..{@link #pairCount()}-1 and labelers 0..{@link #labelerCount()}-1. Labels are grouped
 * by pair (compressed rows: pair {@code p} owns labels {@link #labelStart}(p) to {@link #labelEnd}(p) - 1) and,
 * within a pair, sorted by labeler, sample index and order shown, one label per slot. A failed attempt is a label
 * whose choice is {@link LabelCodes#NONE}: it is counted, never taken for a verdict.
 *
 * <p>About ten bytes per label: a million pairs times a dozen labelers fits in a couple of hundred megabytes.
 * Build one with {@link #builder}; a built table is never changed.
 */
public final class LabelTable {
    public static final String TASK = "task";
    public static final String SOURCE = "source";
    public static final String SPLIT = "split";

    private final List<LabelerInfo> labelers;
    final long[] pairIds;
    final int[] lenA;
    final int[] lenB;
    final byte[] adjudication;
    final int[] labelStart;
    final short[] labeler;
    final short[] sample;
    final byte[] order;
    final byte[] choice;
    /** P(A) per label, NaN where not given; null when no label has one. */
    final float[] probabilityA;
    private final Map<String, PairGroups> groups;
    private final boolean pairIdsAscending;

    private LabelTable(Builder b, int[] labelStart, short[] labeler, short[] sample, byte[] order, byte[] choice,
                       float[] probabilityA) {
        this.labelers = List.copyOf(b.labelers);
        int n = b.pairCount;
        this.pairIds = Arrays.copyOf(b.pairIds, n);
        this.lenA = Arrays.copyOf(b.lenA, n);
        this.lenB = Arrays.copyOf(b.lenB, n);
        this.adjudication = Arrays.copyOf(b.adjudication, n);
        this.labelStart = labelStart;
        this.labeler = labeler;
        this.sample = sample;
        this.order = order;
        this.choice = choice;
        this.probabilityA = probabilityA;
        Map<String, PairGroups> g = new LinkedHashMap<>();
        for (int d = 0; d < 3; d++) {
            g.put(b.dimensions[d].name, b.dimensions[d].toGroups(n));
        }
        this.groups = Map.copyOf(g);
        boolean ascending = true;
        for (int i = 1; i < n && ascending; i++) {
            ascending = pairIds[i] > pairIds[i - 1];
        }
        this.pairIdsAscending = ascending;
    }

    public static Builder builder(List<LabelerInfo> labelers) {
        return new Builder(labelers);
    }

    public int pairCount() {
        return pairIds.length;
    }

    public int labelerCount() {
        return labelers.size();
    }

    public int labelCount() {
        return choice.length;
    }

    public List<LabelerInfo> labelers() {
        return labelers;
    }

    public LabelerInfo labeler(int index) {
        return labelers.get(index);
    }

    /** The index of the labeler with this name, or -1. */
    public int labelerIndex(String name) {
        for (int i = 0; i < labelers.size(); i++) {
            if (labelers.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Indexes of the human labelers, ascending. */
    public int[] humanIndexes() {
        int[] out = new int[labelers.size()];
        int n = 0;
        for (int i = 0; i < labelers.size(); i++) {
            if (labelers.get(i).human()) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The project's id of pair {@code p} (e.g. the comparison row id). */
    public long pairId(int p) {
        return pairIds[p];
    }

    /** The index of the pair with this id, or -1. */
    public int pairIndex(long pairId) {
        if (pairIdsAscending) {
            int i = Arrays.binarySearch(pairIds, pairId);
            return i >= 0 ? i : -1;
        }
        for (int i = 0; i < pairIds.length; i++) {
            if (pairIds[i] == pairId) {
                return i;
            }
        }
        return -1;
    }

    public int lengthA(int p) {
        return lenA[p];
    }

    public int lengthB(int p) {
        return lenB[p];
    }

    /** The adjudicated choice of pair {@code p}, or {@link LabelCodes#NONE}. */
    public byte adjudication(int p) {
        return adjudication[p];
    }

    public boolean hasAdjudications() {
        for (byte a : adjudication) {
            if (a != LabelCodes.NONE) {
                return true;
            }
        }
        return false;
    }

    public int labelStart(int p) {
        return labelStart[p];
    }

    public int labelEnd(int p) {
        return labelStart[p + 1];
    }

    public int labelerOf(int label) {
        return labeler[label];
    }

    public int sampleOf(int label) {
        return sample[label];
    }

    public byte orderOf(int label) {
        return order[label];
    }

    public byte choiceOf(int label) {
        return choice[label];
    }

    /** P(A) of a label, or NaN when the labeler gave none. */
    public double probabilityAOf(int label) {
        return probabilityA == null ? Double.NaN : probabilityA[label];
    }

    public boolean hasProbabilities() {
        return probabilityA != null;
    }

    /** The built-in partitions: {@link #TASK}, {@link #SOURCE}, {@link #SPLIT}. */
    public PairGroups groups(String dimension) {
        PairGroups g = groups.get(dimension);
        if (g == null) {
            throw new IllegalArgumentException("no built-in slice '" + dimension + "' (task, source or split)");
        }
        return g;
    }

    /**
     * Collects pairs and labels in any order, then sorts them into a table. Labels may arrive in any order; two
     * labels in one slot (pair, labeler, sample, order) keep the one added last, as the newest row of a slot wins.
     */
    public static final class Builder {
        private final List<LabelerInfo> labelers;
        private int pairCount;
        private long[] pairIds = new long[1024];
        private int[] lenA = new int[1024];
        private int[] lenB = new int[1024];
        private byte[] adjudication = new byte[1024];
        private final Dimension[] dimensions = {new Dimension(TASK), new Dimension(SOURCE), new Dimension(SPLIT)};

        private int labelCount;
        private int[] lPair = new int[4096];
        private short[] lLabeler = new short[4096];
        private short[] lSample = new short[4096];
        private byte[] lOrder = new byte[4096];
        private byte[] lChoice = new byte[4096];
        private float[] lProbability;

        private Builder(List<LabelerInfo> labelers) {
            this.labelers = List.copyOf(labelers);
            if (labelers.size() > Short.MAX_VALUE) {
                throw new IllegalArgumentException("at most " + Short.MAX_VALUE + " labelers, got " + labelers.size());
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (LabelerInfo l : labelers) {
                if (!names.add(l.name())) {
                    throw new IllegalArgumentException("two labelers are called '" + l.name() + "'");
                }
            }
        }

        /** Adds a pair with its response lengths (characters) and slice keys; returns its index. */
        public int addPair(long pairId, int lengthA, int lengthB, String task, String source, String split) {
            if (lengthA < 0 || lengthB < 0) {
                throw new IllegalArgumentException("pair " + pairId + ": response lengths must be >= 0");
            }
            if (pairCount == pairIds.length) {
                int n = pairCount * 2;
                pairIds = Arrays.copyOf(pairIds, n);
                lenA = Arrays.copyOf(lenA, n);
                lenB = Arrays.copyOf(lenB, n);
                adjudication = Arrays.copyOf(adjudication, n);
                for (Dimension d : dimensions) {
                    d.codes = Arrays.copyOf(d.codes, n);
                }
            }
            int p = pairCount++;
            pairIds[p] = pairId;
            lenA[p] = lengthA;
            lenB[p] = lengthB;
            adjudication[p] = LabelCodes.NONE;
            dimensions[0].set(p, task);
            dimensions[1].set(p, source);
            dimensions[2].set(p, split);
            return p;
        }

        public int pairCount() {
            return pairCount;
        }

        /** Sets the adjudicated choice of a pair ({@link LabelCodes#NONE} withdraws it). */
        public Builder adjudicate(int pair, byte choiceCode) {
            Objects.checkIndex(pair, pairCount);
            LabelCodes.requireChoice(choiceCode, "adjudication");
            adjudication[pair] = choiceCode;
            return this;
        }

        /**
         * Adds a label.
         *
         * @param choiceCode   {@link LabelCodes#A}, {@code B}, {@code TIE}, or {@code NONE} for a failed attempt
         * @param orderCode    {@link LabelCodes#ORDER_UNKNOWN}, {@code ORDER_AB} or {@code ORDER_BA}
         * @param probabilityA P(A) in [0,1], or NaN when not given
         */
        public Builder addLabel(int pair, int labelerIndex, int sampleIndex, byte orderCode, byte choiceCode,
                                double probabilityA) {
            check(pair, labelerIndex, sampleIndex, orderCode, choiceCode, probabilityA);
            boolean hasP = !Double.isNaN(probabilityA);
            if (labelCount == lPair.length) {
                grow();
            }
            int i = labelCount++;
            lPair[i] = pair;
            lLabeler[i] = (short) labelerIndex;
            lSample[i] = (short) sampleIndex;
            lOrder[i] = orderCode;
            lChoice[i] = choiceCode;
            if (hasP && lProbability == null) {
                lProbability = new float[lPair.length];
                Arrays.fill(lProbability, 0, i, Float.NaN);
            }
            if (lProbability != null) {
                lProbability[i] = hasP && choiceCode != LabelCodes.NONE ? (float) probabilityA : Float.NaN;
            }
            return this;
        }

        private void check(int pair, int labelerIndex, int sampleIndex, byte orderCode, byte choiceCode,
                           double probabilityA) {
            Objects.checkIndex(pair, pairCount);
            Objects.checkIndex(labelerIndex, labelers.size());
            if (sampleIndex < 0 || sampleIndex > Short.MAX_VALUE) {
                throw new IllegalArgumentException("sample index must be in [0, " + Short.MAX_VALUE + "], got " + sampleIndex);
            }
            if (orderCode < LabelCodes.ORDER_UNKNOWN || orderCode > LabelCodes.ORDER_BA) {
                throw new IllegalArgumentException("order code must be 0 (unknown), 1 (AB) or 2 (BA), got " + orderCode);
            }
            LabelCodes.requireChoice(choiceCode, "label");
            if (!Double.isNaN(probabilityA) && !(probabilityA >= 0 && probabilityA <= 1)) {
                throw new IllegalArgumentException("P(A) must be in [0,1], got " + probabilityA);
            }
        }

        /**
         * Adds the first {@code n} labels of parallel arrays, as {@link #addLabel} would one by one: the loader's
         * path, which decodes rows on several threads and hands them over in bulk. P(A) is NaN where not given.
         */
        public Builder addLabels(int n, int[] pairs, short[] labelers, short[] samples, byte[] orders, byte[] choices,
                                 float[] probabilities) {
            for (int i = 0; i < n; i++) {
                if (pairs[i] < 0 || pairs[i] >= pairCount || labelers[i] < 0 || labelers[i] >= this.labelers.size()
                        || samples[i] < 0 || orders[i] < LabelCodes.ORDER_UNKNOWN || orders[i] > LabelCodes.ORDER_BA
                        || choices[i] < LabelCodes.A || choices[i] > LabelCodes.NONE
                        || probabilities[i] < 0 || probabilities[i] > 1) {
                    check(pairs[i], labelers[i], samples[i], orders[i], choices[i], probabilities[i]); // says what is wrong
                }
            }
            while (labelCount + n > lPair.length) {
                grow();
            }
            System.arraycopy(pairs, 0, lPair, labelCount, n);
            System.arraycopy(labelers, 0, lLabeler, labelCount, n);
            System.arraycopy(samples, 0, lSample, labelCount, n);
            System.arraycopy(orders, 0, lOrder, labelCount, n);
            System.arraycopy(choices, 0, lChoice, labelCount, n);
            boolean anyP = false;
            for (int i = 0; i < n && !anyP; i++) {
                anyP = probabilities[i] == probabilities[i];
            }
            if (anyP && lProbability == null) {
                lProbability = new float[lPair.length];
                Arrays.fill(lProbability, 0, labelCount, Float.NaN);
            }
            if (lProbability != null) {
                for (int i = 0; i < n; i++) {
                    // a failed attempt carries no probability, as in addLabel
                    lProbability[labelCount + i] = choices[i] == LabelCodes.NONE ? Float.NaN : probabilities[i];
                }
            }
            labelCount += n;
            return this;
        }

        private void grow() {
            int n = lPair.length * 2;
            lPair = Arrays.copyOf(lPair, n);
            lLabeler = Arrays.copyOf(lLabeler, n);
            lSample = Arrays.copyOf(lSample, n);
            lOrder = Arrays.copyOf(lOrder, n);
            lChoice = Arrays.copyOf(lChoice, n);
            if (lProbability != null) {
                lProbability = Arrays.copyOf(lProbability, n);
            }
        }

        public LabelTable build() {
            int n = pairCount;
            // counting sort by pair keeps each pair's labels in the order they were added
            int[] start = new int[n + 1];
            for (int i = 0; i < labelCount; i++) {
                start[lPair[i] + 1]++;
            }
            for (int p = 0; p < n; p++) {
                start[p + 1] += start[p];
            }
            int[] next = Arrays.copyOf(start, n);
            int[] perm = new int[labelCount];
            for (int i = 0; i < labelCount; i++) {
                perm[next[lPair[i]]++] = i;
            }
            int[] outStart = new int[n + 1];
            short[] oLabeler = new short[labelCount];
            short[] oSample = new short[labelCount];
            byte[] oOrder = new byte[labelCount];
            byte[] oChoice = new byte[labelCount];
            float[] oP = lProbability == null ? null : new float[labelCount];
            long[] keys = new long[16];
            int out = 0;
            for (int p = 0; p < n; p++) {
                outStart[p] = out;
                int from = start[p];
                int len = start[p + 1] - from;
                if (keys.length < len) {
                    keys = new long[Math.max(len, keys.length * 2)];
                }
                for (int k = 0; k < len; k++) {
                    int i = perm[from + k];
                    // slot key above, position within the pair below: sorting keeps arrival order inside a slot
                    long slot = ((long) lLabeler[i] << 18) | ((long) lSample[i] << 2) | lOrder[i];
                    keys[k] = (slot << 29) | k;
                }
                if (!ascending(keys, len)) {
                    Arrays.sort(keys, 0, len);
                }
                for (int k = 0; k < len; k++) {
                    if (k + 1 < len && (keys[k] >>> 29) == (keys[k + 1] >>> 29)) {
                        continue; // a later label in the same slot wins
                    }
                    int i = perm[from + (int) (keys[k] & ((1 << 29) - 1))];
                    oLabeler[out] = lLabeler[i];
                    oSample[out] = lSample[i];
                    oOrder[out] = lOrder[i];
                    oChoice[out] = lChoice[i];
                    if (oP != null) {
                        oP[out] = lProbability[i];
                    }
                    out++;
                }
            }
            outStart[n] = out;
            if (out < labelCount) {
                oLabeler = Arrays.copyOf(oLabeler, out);
                oSample = Arrays.copyOf(oSample, out);
                oOrder = Arrays.copyOf(oOrder, out);
                oChoice = Arrays.copyOf(oChoice, out);
                oP = oP == null ? null : Arrays.copyOf(oP, out);
            }
            return new LabelTable(this, outStart, oLabeler, oSample, oOrder, oChoice, oP);
        }
    }

    private static boolean ascending(long[] keys, int len) {
        for (int k = 1; k < len; k++) {
            if (keys[k] < keys[k - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Interns one slice key per pair. */
    private static final class Dimension {
        final String name;
        final Map<String, Integer> codeOf = new LinkedHashMap<>();
        int[] codes = new int[1024];

        Dimension(String name) {
            this.name = name;
        }

        void set(int pair, String key) {
            if (key == null) {
                codes[pair] = -1;
                return;
            }
            Integer code = codeOf.get(key);
            if (code == null) {
                code = codeOf.size();
                codeOf.put(key, code);
            }
            codes[pair] = code;
        }

        PairGroups toGroups(int pairCount) {
            return new PairGroups(name, new ArrayList<>(codeOf.keySet()), Arrays.copyOf(codes, pairCount));
        }
    }
}

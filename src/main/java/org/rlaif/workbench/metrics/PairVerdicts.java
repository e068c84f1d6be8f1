package org.rlaif.workbench.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Every labeler's verdict on every pair, and the reference's, as the report used them: the way back from a figure
 * to the pairs behind it (a bar, a cell of a confusion matrix or of the pairwise heatmap) and to the review queue.
 */
public final class PairVerdicts {
    private final LabelTable table;
    private final Reference reference;
    private final Columns a;
    private final int labelers;

    /** The per-pair results an {@link AlignmentPass} writes. */
    static final class Columns {
        final byte[] verdicts;
        final byte[] reference;
        final float[] disputeScore;
        final float[] disputeWeight;

        Columns(int pairs, int labelers) {
            verdicts = new byte[pairs * labelers];
            Arrays.fill(verdicts, LabelCodes.NONE);
            reference = new byte[pairs];
            disputeScore = new float[pairs];
            disputeWeight = new float[pairs];
        }
    }

    PairVerdicts(LabelTable table, Reference reference, Columns arrays) {
        this.table = table;
        this.reference = reference;
        this.a = arrays;
        this.labelers = table.labelerCount();
    }

    public LabelTable table() {
        return table;
    }

    /** A labeler's verdict on a pair (the mean of its labels, see {@link AlignmentReport#verdictRule()}), or NONE. */
    public byte verdict(int pair, int labeler) {
        return a.verdicts[pair * labelers + labeler];
    }

    /** The reference's verdict on a pair, or NONE. */
    public byte reference(int pair) {
        return a.reference[pair];
    }

    /**
     * What {@code labeler} is compared with on {@code pair}: the reference, except for a human under the human
     * majority reference, who is compared with the majority of the other humans.
     */
    public byte referenceFor(int pair, int labeler) {
        if (reference.kind() == Reference.Kind.LABELER && reference.labeler() == labeler) {
            return LabelCodes.NONE;
        }
        if (reference.kind() == Reference.Kind.HUMANS && table.labeler(labeler).human()) {
            return leaveOneOut(pair, labeler);
        }
        return a.reference[pair];
    }

    /** The majority of the humans other than {@code human} on a pair (TIE when split), or NONE. */
    public byte leaveOneOut(int pair, int human) {
        int[] counts = new int[3];
        for (int h : table.humanIndexes()) {
            byte v = verdict(pair, h);
            if (h != human && v != LabelCodes.NONE) {
                counts[v]++;
            }
        }
        return AlignmentPass.plurality(counts);
    }

    /** Ids of the pairs behind a labeler's agreement with the reference that had {@code outcome}, in pair order. */
    public long[] pairsBehind(int labeler, Outcome outcome) {
        return pairsBehind(labeler, outcome, p -> true);
    }

    /** As {@link #pairsBehind(int, Outcome)}, within the pairs {@code filter} accepts (e.g. one slice's group). */
    public long[] pairsBehind(int labeler, Outcome outcome, IntPredicate filter) {
        LongList out = new LongList();
        for (int p = 0; p < table.pairCount(); p++) {
            if (filter.test(p) && outcome.matches(verdict(p, labeler), referenceFor(p, labeler))) {
                out.add(table.pairId(p));
            }
        }
        return out.toArray();
    }

    /** Ids of the pairs in one cell of a labeler's confusion matrix against the reference. */
    public long[] pairsInCell(int labeler, byte labelerChoice, byte referenceChoice) {
        LongList out = new LongList();
        for (int p = 0; p < table.pairCount(); p++) {
            if (verdict(p, labeler) == labelerChoice && referenceFor(p, labeler) == referenceChoice) {
                out.add(table.pairId(p));
            }
        }
        return out.toArray();
    }

    /** Ids of the pairs where two labelers' verdicts had {@code outcome} (a cell of the pairwise heatmap). */
    public long[] pairsBetween(int first, int second, Outcome outcome) {
        LongList out = new LongList();
        for (int p = 0; p < table.pairCount(); p++) {
            if (outcome.matches(verdict(p, first), verdict(p, second))) {
                out.add(table.pairId(p));
            }
        }
        return out.toArray();
    }

    /**
     * Ids of the pairs where {@code labeler} gave different verdicts in the two orders of one sample (a position
     * flip): the pairs behind its position consistency.
     */
    public long[] pairsFlippedBySwap(int labeler) {
        LongList out = new LongList();
        for (int p = 0; p < table.pairCount(); p++) {
            byte ab = LabelCodes.NONE;
            int sample = -1;
            for (int i = table.labelStart(p); i < table.labelEnd(p); i++) {
                if (table.labelerOf(i) != labeler || table.choiceOf(i) == LabelCodes.NONE) {
                    continue;
                }
                if (table.orderOf(i) == LabelCodes.ORDER_AB) {
                    ab = table.choiceOf(i);
                    sample = table.sampleOf(i);
                } else if (table.orderOf(i) == LabelCodes.ORDER_BA && table.sampleOf(i) == sample
                        && ab != LabelCodes.NONE && table.choiceOf(i) != ab) {
                    out.add(table.pairId(p));
                    break;
                }
            }
        }
        return out.toArray();
    }

    /** How many pairs have at least one A and one B verdict. */
    public int disputedCount() {
        int n = 0;
        for (float s : a.disputeScore) {
            if (s >= 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * The review queue: disputed pairs, most confident disagreement first (score, then weight, both descending;
     * then pair order), at most {@code limit}.
     */
    public List<DisputedPair> disputed(int limit) {
        return disputed(limit, p -> true);
    }

    /** As {@link #disputed(int)}, within the pairs {@code filter} accepts. */
    public List<DisputedPair> disputed(int limit, IntPredicate filter) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        // keep the best `limit` in a heap whose root is the worst of them: O(pairs x log limit), no boxing
        int[] heap = new int[Math.min(limit, table.pairCount())];
        int size = 0;
        for (int p = 0; p < table.pairCount(); p++) {
            if (a.disputeScore[p] < 0 || !filter.test(p)) {
                continue;
            }
            if (size < heap.length) {
                heap[size] = p;
                siftUp(heap, size++);
            } else if (size > 0 && before(p, heap[0])) {
                heap[0] = p;
                siftDown(heap, size);
            }
        }
        int[] ranked = Arrays.copyOf(heap, size);
        for (int end = size - 1; end > 0; end--) {
            int worst = ranked[0];
            ranked[0] = ranked[end];
            ranked[end] = worst;
            siftDown(ranked, end);
        }
        List<DisputedPair> out = new ArrayList<>(size);
        for (int p : ranked) {
            out.add(describe(p));
        }
        return out;
    }

    /** True when pair {@code x} ranks before pair {@code y} in the review queue. */
    private boolean before(int x, int y) {
        int c = Float.compare(a.disputeScore[x], a.disputeScore[y]);
        if (c == 0) {
            c = Float.compare(a.disputeWeight[x], a.disputeWeight[y]);
        }
        return c != 0 ? c > 0 : x < y;
    }

    private void siftUp(int[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!before(heap[parent], heap[i])) {
                break;
            }
            int t = heap[parent];
            heap[parent] = heap[i];
            heap[i] = t;
            i = parent;
        }
    }

    private void siftDown(int[] heap, int size) {
        int i = 0;
        while (true) {
            int worst = i;
            int l = 2 * i + 1;
            int r = l + 1;
            if (l < size && before(heap[worst], heap[l])) {
                worst = l;
            }
            if (r < size && before(heap[worst], heap[r])) {
                worst = r;
            }
            if (worst == i) {
                return;
            }
            int t = heap[worst];
            heap[worst] = heap[i];
            heap[i] = t;
            i = worst;
        }
    }

    private DisputedPair describe(int p) {
        int[][] sides = new int[3][labelers];
        int[] sizes = new int[3];
        for (int l = 0; l < labelers; l++) {
            byte v = verdict(p, l);
            if (v != LabelCodes.NONE) {
                sides[v][sizes[v]++] = l;
            }
        }
        return new DisputedPair(table.pairId(p), p, a.disputeScore[p], a.disputeWeight[p],
                Arrays.copyOf(sides[0], sizes[0]), Arrays.copyOf(sides[1], sizes[1]),
                Arrays.copyOf(sides[2], sizes[2]), a.reference[p]);
    }

    private static final class LongList {
        long[] items = new long[64];
        int size;

        void add(long v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(items, size);
        }
    }
}

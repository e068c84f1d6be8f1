package org.rlaif.workbench.labeling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.OrderShown;

/**
 * What a run has left to do: every slot (pair × sample × order) of its selection, less those that already have a
 * label in force. That difference is what makes a run resumable: run it again after a crash, and only the missing
 * slots are asked.
 *
 * @param totalSlots   slots in the selection
 * @param alreadyDone  slots skipped because a label is in force ({@code skipped_already_labeled})
 * @param toCombine    pair samples with both orders labeled but no combined label yet (position debiasing)
 * @param lastLabelId  the highest label id when the plan was made: while no label is added after it but the run's
 *                     own, every planned slot is still as the plan found it
 */
public record LabelingPlan(int pairs, long totalSlots, long alreadyDone, List<SlotQuery> queries,
                           List<SlotQuery> toCombine, long lastLabelId) {

    public LabelingPlan {
        queries = List.copyOf(queries);
        toCombine = List.copyOf(toCombine);
    }

    /** Plans a run of {@code labelerId} over {@code selection} with the labeler's samples and orders. */
    public static LabelingPlan make(Connection c, long labelerId, PairSelection selection, AiLabelerSettings settings)
            throws SQLException {
        long lastLabelId = lastLabelId(c);
        List<PairSelection.SelectedPair> pairs = selection.select(c, labelerId);
        Map<Long, long[]> inForce = slotsInForce(c, labelerId);
        List<SlotQuery> queries = new ArrayList<>();
        List<SlotQuery> toCombine = new ArrayList<>();
        long total = 0;
        long done = 0;
        for (PairSelection.SelectedPair pair : pairs) {
            for (int sample = 0; sample < settings.samples(); sample++) {
                for (OrderShown order : settings.orders().ordersFor(pair.pairKey(), sample)) {
                    total++;
                    long[] label = inForce.get(slotKey(pair.id(), sample, order));
                    if (label == null) {
                        queries.add(new SlotQuery(pair.id(), sample, order, null));
                    } else if (label[1] == FAILED && selection.retryFailed()) {
                        queries.add(new SlotQuery(pair.id(), sample, order, label[0]));
                    } else {
                        done++;
                    }
                }
                if (settings.orders() == OrderMode.BOTH && isOk(inForce, pair.id(), sample, OrderShown.AB)
                        && isOk(inForce, pair.id(), sample, OrderShown.BA)
                        && !inForce.containsKey(slotKey(pair.id(), sample, null))) {
                    toCombine.add(new SlotQuery(pair.id(), sample, null, null));
                }
            }
        }
        return new LabelingPlan(pairs.size(), total, done, queries, toCombine, lastLabelId);
    }

    private static final long OK = 0;
    private static final long FAILED = 1;
    private static final long OTHER = 2;

    private static boolean isOk(Map<Long, long[]> inForce, long pair, int sample, OrderShown order) {
        long[] label = inForce.get(slotKey(pair, sample, order));
        return label != null && label[1] == OK;
    }

    /** Every slot of the labeler with a label in force: slot key → {label id, status}. */
    private static Map<Long, long[]> slotsInForce(Connection c, long labelerId) throws SQLException {
        Map<Long, long[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT comparison_id, sample_index, order_shown, status, id FROM current_label WHERE labeler_id = ?")) {
            ps.setLong(1, labelerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String order = rs.getString(3);
                    LabelStatus status = LabelStatus.valueOf(rs.getString(4));
                    long code = status == LabelStatus.OK ? OK : status == LabelStatus.FAILED ? FAILED : OTHER;
                    out.put(slotKey(rs.getLong(1), rs.getInt(2), order == null ? null : OrderShown.valueOf(order)),
                            new long[] {rs.getLong(5), code});
                }
            }
        }
        return out;
    }

    private static long lastLabelId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(max(id), 0) FROM label");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long slotKey(long pair, int sample, OrderShown order) {
        long o = order == null ? 0 : order == OrderShown.AB ? 1 : 2;
        return (pair << 22) | ((long) sample << 2) | o;
    }
}

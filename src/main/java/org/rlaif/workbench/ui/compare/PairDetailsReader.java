package org.rlaif.workbench.ui.compare;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.store.PairRow;
import org.rlaif.workbench.store.ProjectStore;

/** Reads everything the compare screen and the review queue show about a pair, on a job's connection. */
public final class PairDetailsReader {
    private final PairQuery query = new PairQuery();

    /** Everything about {@code pair}: verdicts, history, adjudication and the word diff of its responses. */
    public PairDetails read(ProjectStore store, Connection c, Comparison pair) throws SQLException {
        long id = pair.id();
        Map<Long, Labeler> labelers = new LinkedHashMap<>();
        for (Labeler l : store.labelers().list(c)) {
            labelers.put(l.id(), l);
        }
        List<Label> current = store.labels().current(c, id);
        Map<Long, PairRow.Verdict> verdicts = query.rows(c, List.of(id)).stream().findFirst()
                .map(PairRow::verdicts).orElse(Map.of());
        List<PairDetails.LabelerVerdicts> perLabeler = new ArrayList<>();
        for (Labeler l : labelers.values()) {
            List<Label> mine = current.stream().filter(x -> x.labelerId() == l.id()).toList();
            PairRow.Verdict v = verdicts.get(l.id());
            if (v != null || mine.stream().anyMatch(x -> x.status() != LabelStatus.RETRACTED)) {
                perLabeler.add(new PairDetails.LabelerVerdicts(l, v, mine));
            }
        }
        List<Label> all = store.labels().history(c, id);
        Set<Long> superseded = new HashSet<>();
        for (Label x : all) {
            if (x.supersedes() != null) {
                superseded.add(x.supersedes());
            }
        }
        List<PairDetails.HistoryLine> history = all.stream().map(x -> new PairDetails.HistoryLine(x,
                labelers.containsKey(x.labelerId()) ? labelers.get(x.labelerId()).name() : "#" + x.labelerId(),
                !superseded.contains(x.id()))).toList();
        return new PairDetails(pair, perLabeler, history, store.adjudications().current(c, id).orElse(null),
                store.adjudications().history(c, id), WordDiff.diff(pair.responseA(), pair.responseB()));
    }
}

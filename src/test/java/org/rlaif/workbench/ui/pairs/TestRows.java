package org.rlaif.workbench.ui.pairs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairRow;

/** Rows of a listing for paging tests: page {@code p} of size {@code n} holds pairs p*n+1 to p*n+n. */
final class TestRows {
    private TestRows() {
    }

    static List<PairRow> page(int page, int size) {
        List<PairRow> rows = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            long id = page * (long) size + i + 1;
            rows.add(new PairRow(id, Task.OTHER, Split.TEST, "s", "c" + id, "a", "b", 1, 1,
                    AgreementStatus.UNLABELED, null, null, Map.of(), null));
        }
        return rows;
    }
}

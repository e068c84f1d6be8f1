package org.rlaif.workbench.ui.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairRow;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PairCellsTest {
    @Start
    void start(Stage stage) {
        // cells are controls: they need the toolkit running, not a window
    }

    @Test
    void probabilitiesAreWrittenAsTheFormatterWritesThem() {
        Random rnd = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            double p = i < 1001 ? i / 1000.0 : rnd.nextDouble();
            assertThat(PairCells.twoDecimals(p)).as("P(A) = %s", p).isEqualTo(String.format(Locale.ROOT, "%.2f", p));
        }
        assertThat(PairCells.twoDecimals(0)).isEqualTo("0.00");
        assertThat(PairCells.twoDecimals(1)).isEqualTo("1.00");
    }

    @Test
    void aVerdictShowsItsProbabilityOnlyWhenTheLabelerWasNotCertain() {
        assertThat(PairCells.verdictText(new PairRow.Verdict(Choice.A, 1.0, 1))).isEqualTo("A");
        assertThat(PairCells.verdictText(new PairRow.Verdict(Choice.B, 0.0, 1))).isEqualTo("B");
        assertThat(PairCells.verdictText(new PairRow.Verdict(Choice.TIE, 0.5, 1))).isEqualTo("tie");
        assertThat(PairCells.verdictText(new PairRow.Verdict(Choice.A, 0.834, 3))).isEqualTo("A  0.83");
        assertThat(PairCells.verdictText(new PairRow.Verdict(Choice.B, 0.075, 3))).isEqualTo("B  0.08");
    }

    @Test
    void aCellCountsAnotherReadOfTheSameRowAsAChangeAndTheSameRecordAsNone() {
        PairRow row = row();
        PairRow again = row();
        assertThat(again).isEqualTo(row);
        var cell = (PairCells.PairCell) PairCells.text("#", 70, r -> Long.toString(r.id())).getCellFactory().call(null);
        assertThat(cell.isItemChanged(row, row)).isFalse();
        assertThat(cell.isItemChanged(row, again)).isTrue();
        assertThat(cell.isItemChanged(null, row)).isTrue();
    }

    private static PairRow row() {
        return new PairRow(7, Task.HELPFULNESS, Split.TEST, "s", "context", "a", "b", 1, 1, AgreementStatus.SINGLE,
                1.0, null, Map.of(3L, new PairRow.Verdict(Choice.A, 1.0, 1)), null);
    }
}

package org.rlaif.workbench.ui.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

class KeyMapTest {
    private final ObservableMap<String, String> stored = FXCollections.observableHashMap();
    private final KeyMap keys = new KeyMap(stored);

    @Test
    void theDefaultsAreOneTwoTSUN() {
        assertThat(keys.actionFor(KeyCode.DIGIT1)).contains(ReviewAction.CHOOSE_A);
        assertThat(keys.actionFor(KeyCode.NUMPAD2)).contains(ReviewAction.CHOOSE_B);
        assertThat(keys.actionFor(KeyCode.T)).contains(ReviewAction.TIE);
        assertThat(keys.actionFor(KeyCode.S)).contains(ReviewAction.SKIP);
        assertThat(keys.actionFor(KeyCode.U)).contains(ReviewAction.UNDO);
        assertThat(keys.actionFor(KeyCode.N)).contains(ReviewAction.NOTE);
        assertThat(keys.actionFor(KeyCode.X)).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void rebindingKeepsEveryKeyUniqueBySwapping() {
        keys.rebind(ReviewAction.CHOOSE_A, KeyCode.A);
        assertThat(keys.actionFor(KeyCode.A)).contains(ReviewAction.CHOOSE_A);
        assertThat(keys.actionFor(KeyCode.DIGIT1)).isEmpty();
        keys.rebind(ReviewAction.CHOOSE_B, KeyCode.A);
        assertThat(keys.actionFor(KeyCode.A)).contains(ReviewAction.CHOOSE_B);
        assertThat(keys.keyFor(ReviewAction.CHOOSE_A)).isEqualTo(KeyCode.DIGIT2);
        assertThat(stored).containsEntry("CHOOSE_B", "A");

        KeyMap reread = new KeyMap(stored);
        assertThat(reread.keyFor(ReviewAction.CHOOSE_B)).isEqualTo(KeyCode.A);
        reread.reset();
        assertThat(keys.keyFor(ReviewAction.CHOOSE_A)).isEqualTo(KeyCode.DIGIT1);
    }

    @Test
    void keysThatMeanSomethingElseCannotBeBound() {
        assertThatThrownBy(() -> keys.rebind(ReviewAction.SKIP, KeyCode.SHIFT)).hasMessageContaining("Shift");
        assertThatThrownBy(() -> keys.rebind(ReviewAction.SKIP, KeyCode.ESCAPE)).isInstanceOf(IllegalArgumentException.class);
    }
}

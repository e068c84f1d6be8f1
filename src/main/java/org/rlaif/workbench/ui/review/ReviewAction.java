package org.rlaif.workbench.ui.review;

import javafx.scene.input.KeyCode;

/** What an annotator can do to the pair in front of them, each on one key (remappable, see {@link KeyMap}). */
public enum ReviewAction {
    CHOOSE_A("A is better", KeyCode.DIGIT1),
    CHOOSE_B("B is better", KeyCode.DIGIT2),
    TIE("Tie", KeyCode.T),
    SKIP("Skip", KeyCode.S),
    UNDO("Undo", KeyCode.U),
    NOTE("Note", KeyCode.N);

    private final String label;
    private final KeyCode defaultKey;

    ReviewAction(String label, KeyCode defaultKey) {
        this.label = label;
        this.defaultKey = defaultKey;
    }

    public String label() {
        return label;
    }

    public KeyCode defaultKey() {
        return defaultKey;
    }
}

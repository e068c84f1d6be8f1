package org.rlaif.workbench.ui.common;

import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;

/**
 * Keys for a screen that is driven from the keyboard (compare's J/K, review's 1/2/T/S/U/N): the screen takes the
 * focus when it is shown and when clicked outside a text field, and its keys work wherever the focus is inside it,
 * except while typing in a text field or with a shortcut or Alt held (those belong to the field and the menus).
 */
public final class ScreenKeys {
    private ScreenKeys() {
    }

    /** {@code handle} gets each plain key pressed in {@code screen} and says whether it used it. */
    public static void install(Region screen, Predicate<KeyCode> handle) {
        screen.setFocusTraversable(true);
        screen.sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                Platform.runLater(screen::requestFocus);
            }
        });
        screen.setOnMouseClicked(e -> {
            if (!(e.getTarget() instanceof TextInputControl)) {
                screen.requestFocus();
            }
        });
        screen.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            if (handle.test(e.getCode())) {
                e.consume();
            }
        });
    }
}

package org.rlaif.workbench.ui.prefs;

import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.SplitPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Puts the window and split panes where the user left them, and keeps their positions in {@link Settings}. */
public final class WindowLayout {
    private WindowLayout() {
    }

    /** Sizes and places {@code stage} from the settings (on a screen that still exists) and follows its changes. */
    public static void remember(Stage stage, Settings settings) {
        WindowGeometry g = settings.windowProperty().get();
        // a window saved on a bigger screen than this one is shrunk to fit
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        stage.setWidth(Math.min(g.width(), screen.getWidth()));
        stage.setHeight(Math.min(g.height(), screen.getHeight()));
        if (g.hasPosition() && onSomeScreen(g)) {
            stage.setX(g.x());
            stage.setY(g.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(g.maximized());
        Runnable update = () -> {
            if (stage.isIconified()) {
                return;
            }
            WindowGeometry old = settings.windowProperty().get();
            settings.windowProperty().set(stage.isMaximized()
                    // a maximized window keeps the bounds it returns to
                    ? new WindowGeometry(old.x(), old.y(), old.width(), old.height(), true)
                    : new WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false));
        };
        stage.xProperty().addListener((o, was, now) -> update.run());
        stage.yProperty().addListener((o, was, now) -> update.run());
        stage.widthProperty().addListener((o, was, now) -> update.run());
        stage.heightProperty().addListener((o, was, now) -> update.run());
        stage.maximizedProperty().addListener((o, was, now) -> update.run());
    }

    private static boolean onSomeScreen(WindowGeometry g) {
        Rectangle2D titleBar = new Rectangle2D(g.x() + 20, g.y(), Math.max(1, g.width() - 40), 30);
        return !Screen.getScreensForRectangle(titleBar).isEmpty();
    }

    /**
     * Restores the divider positions of {@code pane} saved under {@code key} and saves them as the user drags.
     * Call after the pane's items are in place.
     */
    public static void rememberDividers(SplitPane pane, String key, Settings settings) {
        var dividers = pane.getDividers();
        for (int i = 0; i < dividers.size(); i++) {
            Double saved = settings.dividers().get(key + "." + i);
            if (saved != null && saved > 0 && saved < 1) {
                int index = i;
                // a SplitPane lays out its dividers on first show; set the saved positions after that
                Platform.runLater(() -> pane.setDividerPosition(index, saved));
            }
            String name = key + "." + i;
            dividers.get(i).positionProperty().addListener((o, was, now) -> {
                if (pane.getScene() != null && pane.getScene().getWindow() != null
                        && pane.getScene().getWindow().isShowing()) {
                    settings.dividers().put(name, Math.round(now.doubleValue() * 1000) / 1000.0);
                }
            });
        }
    }
}

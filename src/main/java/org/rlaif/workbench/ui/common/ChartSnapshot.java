package org.rlaif.workbench.ui.common;

import java.awt.image.BufferedImage;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.transform.Transform;

/** A chart card as an image for export: without its buttons, at twice the screen's resolution (crisp on slides). */
public final class ChartSnapshot {
    private ChartSnapshot() {
    }

    /** Takes the picture on the JavaFX thread; writing it to a file is a job's work. */
    public static BufferedImage of(Node card) {
        List<Node> buttons = card.lookupAll(".button").stream().toList();
        buttons.forEach(b -> b.setVisible(false));
        try {
            SnapshotParameters params = new SnapshotParameters();
            params.setTransform(Transform.scale(2, 2));
            return SwingFXUtils.fromFXImage(card.snapshot(params, null), null);
        } finally {
            buttons.forEach(b -> b.setVisible(true));
        }
    }
}

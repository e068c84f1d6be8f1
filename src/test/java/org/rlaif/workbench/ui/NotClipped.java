package org.rlaif.workbench.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.text.Text;

/**
 * Finds the controls a window shows cut off: outside the window, squeezed below their minimum width, or with their
 * text shortened to an ellipsis. Content that scrolls by design (table rows, list cells, text areas, what lies below
 * a scroll pane's viewport) is not counted; what is inside a scroll pane must still fit its width.
 */
public final class NotClipped {
    private NotClipped() {
    }

    /** What is cut off under {@code root}, one line per control; empty when nothing is. Call on the FX thread. */
    public static List<String> problems(Parent root) {
        List<String> out = new ArrayList<>();
        Bounds window = new BoundingBox(0, 0, root.getScene().getWidth(), root.getScene().getHeight());
        walk(root, window, null, out);
        return out;
    }

    private static void walk(Node n, Bounds window, ScrollPane scroller, List<String> out) {
        if (!n.isVisible() || n.getOpacity() == 0) {
            return;
        }
        if (n instanceof TableView<?> || n instanceof ListView<?> || n instanceof TextArea) {
            check((Control) n, window, scroller, out); // the control itself must fit; its rows scroll
            return;
        }
        if (n instanceof Control c) {
            check(c, window, scroller, out);
        }
        ScrollPane inner = n instanceof ScrollPane sp ? sp : scroller;
        if (n instanceof ScrollPane sp && sp.getContent() != null) {
            walk(sp.getContent(), window, sp, out);
            return;
        }
        if (n instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, window, inner, out);
            }
        }
    }

    private static void check(Control c, Bounds window, ScrollPane scroller, List<String> out) {
        if (c.getWidth() == 0 && c.getHeight() == 0) {
            return; // never laid out: part of a skin that is not on screen (a combo box's closed list)
        }
        Bounds b = c.localToScene(c.getLayoutBounds());
        String name = describe(c);
        if (scroller != null) {
            Bounds port = scroller.localToScene(scroller.getLayoutBounds());
            if (b.getMinX() < port.getMinX() - 0.5 || b.getMaxX() > port.getMaxX() + 0.5) {
                out.add(name + " is wider than its scroll pane: " + b);
            }
        } else if (b.getMinX() < -0.5 || b.getMinY() < -0.5 || b.getMaxX() > window.getWidth() + 0.5
                || b.getMaxY() > window.getHeight() + 0.5) {
            out.add(name + " is outside the window: " + b);
        }
        double min = c.minWidth(-1);
        if (c.getWidth() + 0.5 < min) {
            out.add(name + " is squeezed to " + c.getWidth() + " px, below its minimum " + min);
        }
        if (c instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            for (Node t : l.lookupAll(".text")) {
                if (t instanceof Text text && t.getParent() == l && !text.getText().equals(l.getText())) {
                    out.add(name + " shows '" + text.getText() + "' of '" + l.getText() + "'");
                }
            }
        }
    }

    private static String describe(Control c) {
        String text = c instanceof Labeled l ? " '" + l.getText() + "'" : "";
        return c.getClass().getSimpleName() + (c.getId() == null ? "" : "#" + c.getId()) + text;
    }
}

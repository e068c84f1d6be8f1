package org.rlaif.workbench.ui.prefs;

/** Where the main window was and how big, so it opens there again. */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    public static final WindowGeometry DEFAULT = new WindowGeometry(Double.NaN, Double.NaN, 1360, 860, false);

    public WindowGeometry {
        if (!(width > 0 && height > 0)) {
            throw new IllegalArgumentException("window size must be positive, got " + width + " x " + height);
        }
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }
}

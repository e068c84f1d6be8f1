package org.rlaif.workbench.ui.common;

import java.util.Locale;

/** A parameter count as people write it: 7e9 is "7B", 1.3e9 "1.3B", 350e6 "350M". */
public final class ModelSize {
    private ModelSize() {
    }

    public static String format(double params) {
        if (params >= 1e9) {
            double b = params / 1e9;
            return (Math.abs(b - Math.rint(b)) < 0.05 ? String.format(Locale.ROOT, "%.0f", b)
                    : String.format(Locale.ROOT, "%.1f", b)) + "B";
        }
        if (params >= 1e6) {
            return String.format(Locale.ROOT, "%.0fM", params / 1e6);
        }
        return String.format(Locale.ROOT, "%.0fK", params / 1e3);
    }
}

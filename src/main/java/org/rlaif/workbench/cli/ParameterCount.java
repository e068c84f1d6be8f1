package org.rlaif.workbench.cli;

import java.util.Locale;

/** Reads a model size as people write it: {@code 7e9}, {@code 7B}, {@code 1.5b}, {@code 770M}, {@code 7000000000}. */
final class ParameterCount {
    private ParameterCount() {
    }

    static double parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "");
        double scale = 1;
        if (t.endsWith("t")) {
            scale = 1e12;
        } else if (t.endsWith("b")) {
            scale = 1e9;
        } else if (t.endsWith("m")) {
            scale = 1e6;
        } else if (t.endsWith("k")) {
            scale = 1e3;
        }
        if (scale != 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            double v = Double.parseDouble(t) * scale;
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CliFailure("--params: '" + text + "' is not a parameter count (e.g. 7e9, 7B, 770M)");
        }
    }
}

package org.rlaif.workbench.ui;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads JavaFX's own pulse log ({@code -Djavafx.pulseLogger=true}, which it prints to standard error) while the
 * benchmark runs, to tell apart the two things a long frame can be: work on the JavaFX thread (CSS, layout, state
 * copy: what the window's code costs) and painting on the render thread (which, on a machine without a GPU, is
 * software rasterising the whole window).
 */
final class PulseBreakdown {
    private static final Pattern PHASE = Pattern.compile("^T\\d+ \\(\\d+ \\+(\\d+)ms\\): (.+)$");

    /** The worst pulse of one benchmark phase. */
    record Worst(int fxWorkMs, int paintingMs) {
    }

    private final Map<String, int[]> worst = new LinkedHashMap<>();
    private final StringBuilder line = new StringBuilder();
    private volatile String phase = "launch";
    private int pulseFx;

    /** Must run before the JavaFX toolkit starts. */
    static PulseBreakdown install() {
        System.setProperty("javafx.pulseLogger", "true");
        System.setProperty("javafx.pulseLogger.threshold", "0");
        PulseBreakdown b = new PulseBreakdown();
        PrintStream original = System.err;
        System.setErr(new PrintStream(new OutputStream() {
            @Override
            public void write(int c) {
                b.feed((char) c, original);
            }
        }, true, StandardCharsets.UTF_8));
        return b;
    }

    void phase(String name) {
        phase = name;
    }

    Map<String, Worst> worst() {
        Map<String, Worst> out = new LinkedHashMap<>();
        synchronized (this) {
            worst.forEach((k, v) -> out.put(k, new Worst(v[0], v[1])));
        }
        return out;
    }

    private synchronized void feed(char c, PrintStream original) {
        if (c != '\n') {
            line.append(c);
            return;
        }
        String l = line.toString();
        line.setLength(0);
        if (l.startsWith("PULSE:")) {
            pulseFx = 0;
            return;
        }
        Matcher m = PHASE.matcher(l);
        if (m.matches()) {
            int ms = Integer.parseInt(m.group(1));
            int[] w = worst.computeIfAbsent(phase, k -> new int[2]);
            switch (m.group(2)) {
                case "CSS Pass", "Layout Pass", "Update bounds", "Copy state to render graph" -> {
                    pulseFx += ms;
                    w[0] = Math.max(w[0], pulseFx);
                }
                case "Painting" -> w[1] = Math.max(w[1], ms);
                default -> {
                    // waiting for the previous frame, dirty regions: neither the window's code nor painting
                }
            }
            return;
        }
        if (!l.startsWith("T") && !l.startsWith("\t") && !l.startsWith("Counters:") && !l.isBlank()) {
            original.println(l); // not the pulse log: pass it on
        }
    }
}

package org.rlaif.workbench.runs;

/** The last few thousand characters of a child's error output: what a failure message quotes. Thread-safe. */
final class ErrorTail {
    private final int limit;
    private final StringBuilder kept = new StringBuilder();

    ErrorTail(int limit) {
        this.limit = limit;
    }

    synchronized void add(String line) {
        kept.append(line).append('\n');
        if (kept.length() > limit) {
            int cut = kept.length() - limit;
            int nextLine = kept.indexOf("\n", cut);
            kept.delete(0, nextLine < 0 ? cut : nextLine + 1); // whole lines only, where one fits
        }
    }

    synchronized String text() {
        return kept.toString().strip();
    }
}

package org.rlaif.workbench.cli;

import org.rlaif.workbench.io.ImportProgress;
import picocli.CommandLine.Model.CommandSpec;

/** A one-line percentage on standard error while a long import runs, when a person is watching a terminal. */
final class ConsoleProgress implements ImportProgress {
    private final CommandSpec spec;
    private final boolean enabled;
    private int lastPercent = -1;
    private long lastPrint;

    ConsoleProgress(CommandSpec spec, boolean quiet) {
        this.spec = spec;
        this.enabled = !quiet && System.console() != null;
    }

    @Override
    public void bytes(long done, long total) {
        if (!enabled || total <= 0) {
            return;
        }
        int percent = (int) (100 * done / total);
        long now = System.nanoTime();
        if (percent != lastPercent && now - lastPrint > 200_000_000L) {
            lastPercent = percent;
            lastPrint = now;
            spec.commandLine().getErr().printf("\rimporting… %d%%", percent);
            spec.commandLine().getErr().flush();
            if (percent == 100) {
                spec.commandLine().getErr().print("\r");
            }
        }
    }
}

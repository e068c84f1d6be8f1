package org.rlaif.workbench.cli;

import java.io.PrintWriter;

/** JSON output for benchmark subcommands, which live in their own package. */
public final class BenchOutput {
    private BenchOutput() {
    }

    public static void print(PrintWriter out, Object value) {
        JsonOutput.print(out, value);
    }
}

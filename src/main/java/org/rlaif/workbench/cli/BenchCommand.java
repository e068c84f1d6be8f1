package org.rlaif.workbench.cli;

import org.rlaif.workbench.cli.bench.ImportBench;
import org.rlaif.workbench.cli.bench.LabelBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Benchmarks: each prints its figures and the machine they came from. They are commands, not timed tests, so CI
 * never fails on a slow machine and a developer can rerun one with other sizes (on a quiet machine).
 */
@Command(name = "bench", description = "Benchmarks: each prints its figures (not a test; run on a quiet machine).",
        subcommands = {ImportBench.class, LabelBench.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}

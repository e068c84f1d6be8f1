package org.rlaif.workbench.cli;

import org.rlaif.workbench.cli.bench.LabelBench;
import org.rlaif.workbench.cli.bench.UiBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Benchmarks that ship with the tool, each a subcommand that prints its figures. */
@Command(name = "bench", description = "Benchmarks: each prints its figures (not a test; run on a quiet machine).",
        subcommands = {LabelBench.class, UiBench.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark, e.g. bench label");
    }
}

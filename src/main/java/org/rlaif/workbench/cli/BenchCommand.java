package org.rlaif.workbench.cli;

import org.rlaif.workbench.cli.bench.ImportBench;
import org.rlaif.workbench.cli.bench.LabelBench;
import org.rlaif.workbench.cli.bench.MetricsBench;
import org.rlaif.workbench.cli.bench.TrainBench;
import org.rlaif.workbench.cli.bench.UiBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The benchmarks each issue names: each prints its figures and the machine they came from. They are commands, not
 * timed tests, so CI never fails on a slow machine and a developer can rerun one with other sizes.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print its figures (not a test; run it on a quiet machine).",
        subcommands = {ImportBench.class, MetricsBench.class, LabelBench.class, UiBench.class, TrainBench.class,
                CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package org.rlaif.workbench.cli;

import org.rlaif.workbench.cli.bench.LabelBench;
import org.rlaif.workbench.cli.bench.MetricsBench;
import org.rlaif.workbench.cli.bench.UiBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The benchmarks each issue names, as commands that print their figures (not timed unit tests). */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark and print its figures.",
        subcommands = {
                LabelBench.class,
                MetricsBench.class,
                UiBench.class,
                CommandLine.HelpCommand.class
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}

package org.rlaif.workbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Benchmarks: each prints its figures and the machine they came from. They are commands, not timed tests, so CI
 * never fails on a slow machine and a developer can rerun one with other sizes.
 */
@Command(name = "bench", description = "Benchmarks that print their figures (import, …).",
        subcommands = {
                org.rlaif.workbench.cli.bench.ImportBench.class,
        })
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}

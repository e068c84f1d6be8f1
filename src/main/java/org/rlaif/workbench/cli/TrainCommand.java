package org.rlaif.workbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code train …}: training runs in the foreground, the same runs the window starts. */
@Command(name = "train", mixinStandardHelpOptions = true, description = {
        "Train reward models (and policies) on the project's labels, as runs stored in the project.",
        "Each runs a Python trainer (PyTorch, transformers, TRL) in the training environment (see train-env)."},
        subcommands = {TrainRewardModelCommand.class, RlaifVsRlhfCommand.class,
                TrainSftCommand.class, TrainRlCommand.class, TrainBestOfNCommand.class})
final class TrainCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to train: reward-model, rlaif-vs-rlhf, sft, rl or best-of-n");
    }
}

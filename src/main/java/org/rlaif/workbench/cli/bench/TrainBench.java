package org.rlaif.workbench.cli.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rlaif.workbench.runs.ChildProcess;
import org.rlaif.workbench.training.AppDataFolder;
import org.rlaif.workbench.training.TrainingEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The training benchmarks of issues 9 and 10, in one run: the reward-model trainer's pairs/s and the RL trainer's
 * steps/s, each beside a plain PyTorch loop of the same model, batch and lengths (the trainers' own
 * {@code rlaif_trainers.bench}, run in the training environment); then the app's DJL scoring beside ONNX Runtime in
 * Python on the same ONNX file. {@code --gpu} measures the 0.5B-shaped model instead, where a GPU is lent.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Time the trainers against plain PyTorch loops, and DJL scoring against onnxruntime in Python"
                + " (needs the training environment: train-env).")
public final class TrainBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--part", defaultValue = "all", paramLabel = "reward|rl|score|all",
            description = "which part to run (default: ${DEFAULT-VALUE})")
    String part;
    @Option(names = "--gpu", description = "the 0.5B-shaped model on the GPU, bf16 (trainer parts only)")
    boolean gpu;
    @Option(names = "--python", paramLabel = "PATH", description = "a Python of your own (default: the app's environment)")
    Path python;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        TrainingEnvironment env = TrainingEnvironment.locate(AppDataFolder.get(), python);
        if (!env.exists()) {
            spec.commandLine().getErr().println("error: no training environment at " + env.python()
                    + ": run `rlaif-workbench train-env` first");
            return 1;
        }
        int status = 0;
        if (!part.equals("score")) {
            status = trainers(env, out);
        }
        if ((part.equals("score") || part.equals("all")) && !gpu) {
            status = Math.max(status, ScoreBenchPart.run(env, out));
        }
        return status;
    }

    /** Runs the trainers' benchmark and passes its report through as it prints it. */
    private int trainers(TrainingEnvironment env, PrintWriter out) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--part", part.equals("all") ? "all" : part));
        if (gpu) {
            args.add("--gpu");
        }
        ChildProcess child = ChildProcess.start(env.moduleCommand("bench", args), env.processEnvironment(), null,
                new ChildProcess.Listener() {
                    @Override
                    public void event(com.fasterxml.jackson.databind.JsonNode event) {
                        output(event.toString());
                    }

                    @Override
                    public void output(String line) {
                        out.println(line);
                        out.flush();
                    }
                });
        ChildProcess.Exit exit = child.await();
        if (exit.status() != 0) {
            out.println("the trainers' benchmark failed (exit status " + exit.status() + "): " + exit.errorTail());
        }
        return exit.status() == 0 ? 0 : 1;
    }
}

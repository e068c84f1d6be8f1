package org.rlaif.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlaif.workbench.training.AppDataFolder;
import org.rlaif.workbench.training.DeviceText;
import org.rlaif.workbench.training.EnvironmentCheck;
import org.rlaif.workbench.training.EnvironmentSetup;
import org.rlaif.workbench.training.TrainerFiles;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.training.TrainingSetupException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train-env", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Make or check the Python environment the trainers run on (PyTorch, transformers, TRL, …).",
        "With no option: makes a virtual environment in the app's data folder and installs the pinned requirements",
        "into it (minutes: PyTorch is large), unless it is there and up to date. pip installs from where pip is",
        "configured to (the public index, or PIP_INDEX_URL / PIP_FIND_LINKS for a mirror or a wheel store)."},
        footer = {"", "Examples:",
                "  rlaif-workbench train-env              # make it (once)",
                "  rlaif-workbench train-env --check      # what it holds: Python, torch and its device, TRL, …",
                "  rlaif-workbench train-env --check --python /opt/conda/bin/python   # check a Python of your own"})
final class TrainEnvCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--check", description = "only say what the environment holds and what is missing")
    boolean check;
    @Option(names = "--json", description = "with --check: the report as JSON")
    boolean json;
    @Option(names = "--force", description = "make the environment again even when it is up to date")
    boolean force;
    @Option(names = "--python", paramLabel = "PATH", description = "a Python of your own to check or train with"
            + " (also RLAIF_PYTHON); the app never installs into it")
    Path python;
    @Option(names = "--print-requirements", description = "print the pinned requirements file and exit")
    boolean printRequirements;
    @Option(names = "--with-tests", description = "also install the trainers' test tools (pytest …): for running"
            + " the project's tests")
    boolean withTests;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (printRequirements) {
            out.print(TrainerFiles.requirements());
            out.flush();
            return 0;
        }
        TrainingEnvironment env = TrainingEnvironment.locate(AppDataFolder.get(), python);
        if (check) {
            return printCheck(out, EnvironmentCheck.of(env));
        }
        PrintWriter err = spec.commandLine().getErr();
        EnvironmentSetup.Result r;
        try {
            r = new EnvironmentSetup(env, line -> {
                err.println(line);
                err.flush();
            }, () -> false).ensure(force, withTests);
        } catch (TrainingSetupException e) {
            throw new CliFailure(e.getMessage(), e);
        }
        out.println(r.message());
        EnvironmentCheck after = EnvironmentCheck.of(env);
        printCheck(out, after);
        return after.ok() ? 0 : 1;
    }

    private int printCheck(PrintWriter out, EnvironmentCheck c) {
        JsonNode r = c.report();
        if (json) {
            JsonOutput.print(out, r);
            return c.ok() ? 0 : 1;
        }
        out.println("Python:  " + r.path("python_path").asText() + text(r.path("python"), "version", " (", ")"));
        if (r.has("device")) {
            out.println("device:  " + DeviceText.describe(r.path("device")));
        }
        JsonNode packages = r.path("packages");
        for (Iterator<Map.Entry<String, JsonNode>> it = packages.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode v = p.getValue();
            String installed = v.path("installed").isTextual() ? v.path("installed").asText() : "missing";
            String state = v.path("state").asText("");
            out.printf("%-14s %s%s%n", p.getKey() + ":", installed,
                    state.isEmpty() || state.equals("ok") ? "" : " (" + state + "; pinned " + v.path("required").asText() + ")");
        }
        if (c.ok()) {
            out.println("ready to train");
        } else {
            c.problems().forEach(p -> out.println("problem: " + p));
            out.println("fix: rlaif-workbench train-env" + (python == null ? "" : " (for your own Python: "
                    + python + " -m pip install -r <(rlaif-workbench train-env --print-requirements))"));
        }
        out.flush();
        return c.ok() ? 0 : 1;
    }

    private static String text(JsonNode r, String field, String before, String after) {
        return r.hasNonNull(field) ? before + r.get(field).asText() + after : "";
    }
}

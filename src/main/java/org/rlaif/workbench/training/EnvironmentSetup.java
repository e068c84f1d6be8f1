package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.rlaif.workbench.runs.ChildProcess;

/**
 * Makes the app's own training environment: a virtual environment in the data folder with the pinned requirements
 * this build ships, installed by pip with its output shown as it comes. Where pip installs from is pip's own business
 * (its configuration and {@code PIP_*} variables pass through): the public index on a user's machine, a wheel store
 * offline. The environment is built beside its final place and moved there when complete, so a cancelled or failed
 * setup never leaves a half-installed environment that would look ready.
 */
public final class EnvironmentSetup {
    /** The oldest Python the pinned libraries support. */
    static final int MIN_MINOR = 10;

    private final TrainingEnvironment env;
    private final Consumer<String> progress;
    private final BooleanSupplier cancelled;

    public EnvironmentSetup(TrainingEnvironment env, Consumer<String> progress, BooleanSupplier cancelled) {
        this.env = env;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /** What setting up did. */
    public record Result(Path python, boolean created, String message) {
    }

    /**
     * Makes the environment unless it is already there and up to date.
     *
     * @param force     rebuild it even when it is up to date
     * @param withTests add the trainers' test tools (pytest and what their tests use): for developers and CI
     * @throws TrainingSetupException naming what is wrong (no Python, pip failed, cancelled) and what to do
     */
    public Result ensure(boolean force, boolean withTests) {
        if (env.isNamed()) {
            throw new TrainingSetupException(env.python() + " was named as the Python to train with (--python or "
                    + TrainingEnvironment.PYTHON_VARIABLE + "); the app does not install into a Python it does not"
                    + " own. Install the requirements there yourself: " + env.python()
                    + " -m pip install -r requirements.txt (train-env --print-requirements prints it)");
        }
        if (!force && env.isUpToDate(withTests)) {
            return new Result(env.python(), false, "the training environment at "
                    + TrainingEnvironment.ownFolder(env.dataFolder()) + " is up to date");
        }
        Path base = basePython();
        Path target = TrainingEnvironment.ownFolder(env.dataFolder());
        Path building = target.resolveSibling(target.getFileName() + ".building");
        try {
            Files.createDirectories(env.dataFolder());
            deleteTree(building);
            progress.accept("creating a virtual environment with " + base);
            run(List.of(base.toString(), "-m", "venv", building.toString()), "python -m venv");
            Path requirements = building.resolve("requirements.txt");
            Files.writeString(requirements, TrainerFiles.requirements(), StandardCharsets.UTF_8);
            if (withTests) {
                // it names requirements.txt beside it ("-r requirements.txt"), so both are installed
                requirements = building.resolve("requirements-test.txt");
                Files.writeString(requirements, TrainerFiles.testRequirements(), StandardCharsets.UTF_8);
            }
            Path python = TrainingEnvironment.pythonIn(building);
            progress.accept("installing the pinned requirements (PyTorch is large: this takes minutes)");
            run(List.of(python.toString(), "-m", "pip", "install", "--disable-pip-version-check",
                    "--progress-bar", "off", "-r", requirements.toString()), "pip install");
            Files.writeString(building.resolve("rlaif-requirements.sha256"),
                    TrainingEnvironment.requirementsDigest(withTests));
            deleteTree(target);
            Files.move(building, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new TrainingSetupException("cannot make the training environment in " + target + ": "
                    + e.getMessage(), e);
        } finally {
            try {
                deleteTree(building);
            } catch (IOException ignored) {
                // a leftover .building folder is removed by the next setup
            }
        }
        return new Result(env.python(), true, "made the training environment at " + target);
    }

    /**
     * Moving a virtual environment breaks the paths it wrote into its scripts, but {@code bin/python -m …} (all the
     * app ever runs) does not use those scripts; the interpreter finds its packages from its own location.
     */
    private void run(List<String> command, String what) throws IOException {
        List<String> tail = new ArrayList<>();
        ChildProcess child = ChildProcess.start(command, Map.of("PYTHONUNBUFFERED", "1"), null,
                new ChildProcess.Listener() {
                    @Override
                    public void event(JsonNode event) {
                        output(event.toString());
                    }

                    @Override
                    public void output(String line) {
                        progress.accept(line);
                    }

                    @Override
                    public void error(String line) {
                        synchronized (tail) {
                            tail.add(line);
                        }
                        progress.accept(line);
                    }
                });
        Thread watchdog = new Thread(() -> {
            try {
                while (child.isAlive()) {
                    if (cancelled.getAsBoolean()) {
                        child.kill();
                        return;
                    }
                    Thread.sleep(100);
                }
            } catch (InterruptedException done) {
                // finished
            }
        }, "train-env-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        ChildProcess.Exit exit;
        try {
            exit = child.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.kill(); // the watchdog is stopped below: pip must not outlive the setup that started it
            throw new TrainingSetupException("interrupted while running " + what);
        } finally {
            watchdog.interrupt();
        }
        if (exit.killed()) {
            throw new TrainingSetupException("cancelled during " + what + "; nothing was kept");
        }
        if (exit.status() != 0) {
            throw new TrainingSetupException(what + " failed (exit status " + exit.status() + "): "
                    + exit.errorTail().lines().reduce((a, b) -> b).orElse("no error output")
                    + ". Nothing was kept; the whole output is above.");
        }
    }

    /** The newest Python 3.10+ on the PATH. */
    static Path basePython() {
        List<String> names = TrainingEnvironment.isWindows() ? List.of("python.exe", "py.exe")
                : List.of("python3.13", "python3.12", "python3.11", "python3.10", "python3");
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate) && minorVersion(candidate) >= MIN_MINOR) {
                    return candidate;
                }
            }
        }
        throw new TrainingSetupException("no Python 3." + MIN_MINOR + " or newer on the PATH; install one (Debian/"
                + "Ubuntu: apt install python3 python3-venv; macOS and Windows: python.org), or name one with --python");
    }

    private static int minorVersion(Path python) {
        try {
            Process p = new ProcessBuilder(python.toString(), "-c",
                    "import sys; print(sys.version_info[0] * 100 + sys.version_info[1])")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                return -1;
            }
            int v = Integer.parseInt(out);
            return v / 100 == 3 ? v % 100 : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

package org.rlaif.workbench.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Python the trainers run on: one the user names ({@code --python}, {@code RLAIF_PYTHON}), or the virtual
 * environment the app makes in its data folder ({@code <data folder>/train-env}) from the pinned requirements file it
 * ships. {@link EnvironmentSetup} makes that environment; {@link EnvironmentCheck} says what is in one.
 */
public final class TrainingEnvironment {
    /** Environment variable naming a Python to use instead of the app's own environment. */
    public static final String PYTHON_VARIABLE = "RLAIF_PYTHON";

    private final Path dataFolder;
    private final Path python;
    private final boolean named;

    private TrainingEnvironment(Path dataFolder, Path python, boolean named) {
        this.dataFolder = dataFolder;
        this.python = python;
        this.named = named;
    }

    /**
     * The environment to train with: {@code namedPython} when given, else {@code RLAIF_PYTHON} when set, else the
     * app's own environment in {@code dataFolder} (which may not exist yet).
     */
    public static TrainingEnvironment locate(Path dataFolder, Path namedPython) {
        if (namedPython != null) {
            return new TrainingEnvironment(dataFolder, namedPython, true);
        }
        String fromEnv = System.getenv(PYTHON_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new TrainingEnvironment(dataFolder, Path.of(fromEnv), true);
        }
        return new TrainingEnvironment(dataFolder, pythonIn(ownFolder(dataFolder)), false);
    }

    /** The app's own environment's folder. */
    public static Path ownFolder(Path dataFolder) {
        return dataFolder.resolve("train-env");
    }

    /** The Python of a virtual environment in {@code venv}. */
    static Path pythonIn(Path venv) {
        return isWindows() ? venv.resolve("Scripts").resolve("python.exe") : venv.resolve("bin").resolve("python");
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public Path python() {
        return python;
    }

    public Path dataFolder() {
        return dataFolder;
    }

    /** Whether the user named this Python (then the app never changes it) rather than it being the app's own. */
    public boolean isNamed() {
        return named;
    }

    public boolean exists() {
        return Files.isExecutable(python);
    }

    /** The folder on {@code PYTHONPATH}: the trainers this build ships. */
    public Path trainers() {
        return TrainerFiles.folder(dataFolder);
    }

    /** The command that runs one trainer module on a spec file. */
    public List<String> trainerCommand(String module, Path spec) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python.toString());
        cmd.add("-m");
        cmd.add("rlaif_trainers." + module);
        cmd.add("--spec");
        cmd.add(spec.toAbsolutePath().toString());
        return cmd;
    }

    /** The command that runs a trainer module with the given arguments (a benchmark, the environment check). */
    public List<String> moduleCommand(String module, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(python.toString(), "-m", "rlaif_trainers." + module));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * What every trainer process gets in its environment: the trainers on its path, unbuffered output (each event
     * must reach the app as it is written), and quiet tokenizers (their thread pool warns after a fork).
     */
    public Map<String, String> processEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        String existing = System.getenv("PYTHONPATH");
        String path = trainers().toString();
        env.put("PYTHONPATH", existing == null || existing.isBlank() ? path
                : path + java.io.File.pathSeparator + existing);
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONIOENCODING", "utf-8");
        env.put("TOKENIZERS_PARALLELISM", "false");
        return env;
    }

    /**
     * The digest of the requirements this build pins (with the test tools, when asked for): an environment built
     * from other pins is out of date.
     */
    static String requirementsDigest(boolean withTests) {
        try {
            String pins = TrainerFiles.requirements() + (withTests ? "\n--tests--\n" + TrainerFiles.testRequirements() : "");
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(pins.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file in the app's own environment that records which requirements it was built from. */
    Path stamp() {
        return ownFolder(dataFolder).resolve("rlaif-requirements.sha256");
    }

    /**
     * Whether this is the app's own environment, built from this build's requirements (and its test tools, when
     * {@code withTests}).
     */
    public boolean isUpToDate(boolean withTests) {
        if (named) {
            return exists();
        }
        try {
            if (!exists() || !Files.isRegularFile(stamp())) {
                return false;
            }
            String built = Files.readString(stamp()).strip();
            return built.equals(requirementsDigest(withTests))
                    || (!withTests && built.equals(requirementsDigest(true))); // the test tools hurt nobody
        } catch (IOException e) {
            return false;
        }
    }
}

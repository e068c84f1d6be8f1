package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import org.rlaif.workbench.io.Json;

/**
 * Where runs keep their files (decision 22): {@code <project>.models/run-<id>/}, made from a staging folder that a run's
 * preparation fills before the run exists. A preparation that fails deletes its staging folder, and the models folder
 * too when it made it, so a refused request leaves nothing behind; a staging folder starts with a dot and is never
 * read, so one left by a crash does no harm.
 */
public final class RunFolders {
    private RunFolders() {
    }

    /** A staging folder in a models folder, and whether that models folder was made for it. */
    public record Staging(Path folder, Path models, boolean madeModels) {
        /** Deletes the staging folder, and the models folder when it was made for this and is now empty. */
        public void discard() {
            deleteQuietly(folder);
            if (madeModels) {
                try {
                    Files.deleteIfExists(models);
                } catch (IOException notEmpty) {
                    // another run's files arrived meanwhile: they stay
                }
            }
        }

        /** Renames the staging folder to the run's folder {@code run-<id>}. */
        public Path moveToRun(long runId) throws IOException {
            Path run = models.resolve("run-" + runId);
            Files.move(folder, run, StandardCopyOption.ATOMIC_MOVE);
            return run;
        }
    }

    /** The folder a project's models live in: {@code <project>.models/} beside the project file. */
    public static Path defaultModelsFolder(Path project) {
        return ModelFolders.of(project);
    }

    /**
     * Makes a staging folder in {@code requested} (or the project's default models folder when null); throws
     * {@link TrainingSetupException} naming a models folder that cannot be made or written.
     */
    public static Staging stage(Path requested, Path project) {
        Path models = requested != null ? requested : defaultModelsFolder(project);
        boolean existed = Files.isDirectory(models);
        try {
            Files.createDirectories(models);
        } catch (IOException e) {
            throw new TrainingSetupException("cannot make the models folder " + models + " (" + e.getMessage()
                    + "): choose another with --models");
        }
        if (!Files.isWritable(models)) {
            throw new TrainingSetupException("the models folder " + models + " is not writable: choose another with"
                    + " --models");
        }
        try {
            return new Staging(Files.createTempDirectory(models, ".preparing-"), models, !existed);
        } catch (IOException e) {
            if (!existed) {
                deleteQuietly(models);
            }
            throw new TrainingSetupException("cannot write in " + models + " (" + e.getMessage()
                    + "): choose another models folder with --models");
        }
    }

    /** Writes a run's spec file, {@code spec.json} in its folder. */
    public static Path writeSpec(Path runFolder, ObjectNode spec) throws IOException {
        Path file = runFolder.resolve("spec.json");
        Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(spec));
        return file;
    }

    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // a leftover staging folder starts with a dot and is never read
        }
    }
}

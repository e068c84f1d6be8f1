package org.rlaif.workbench.training;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model a run starts from: {@code tiny} (built offline from the run's own text, for trying things and for tests),
 * a local model folder, or a Hugging Face id (downloaded by the trainer, where the machine is online). A folder is
 * checked here, before anything starts; an id only the trainer can check.
 */
public record Backbone(String spec, Kind kind) {
    public enum Kind { TINY, FOLDER, HUB_ID }

    public boolean isTiny() {
        return kind == Kind.TINY;
    }

    public static Backbone parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("tiny")) {
            return new Backbone("tiny", Kind.TINY);
        }
        Path p = Path.of(t);
        boolean looksLikePath = t.startsWith("/") || t.startsWith(".") || t.startsWith("~") || t.contains("\\")
                || Files.exists(p);
        if (!looksLikePath) {
            return new Backbone(t, Kind.HUB_ID);
        }
        Path folder = p.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new TrainingSetupException("the backbone folder " + folder + " does not exist");
        }
        if (!Files.isRegularFile(folder.resolve("config.json"))) {
            throw new TrainingSetupException("the backbone folder " + folder + " is not a model: it has no"
                    + " config.json (a Hugging Face model folder, as save_pretrained writes it, is needed)");
        }
        return new Backbone(folder.toString(), Kind.FOLDER);
    }
}

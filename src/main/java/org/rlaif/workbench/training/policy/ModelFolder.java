package org.rlaif.workbench.training.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * A Hugging Face model folder as its {@code config.json} describes it, read before anything starts: what it is (a
 * causal LM can be a policy; a sequence classifier cannot) and how long a sequence it takes.
 *
 * @param context the model's context in tokens ({@code max_position_embeddings} or its older names), or null
 */
record ModelFolder(Path path, List<String> architectures, Integer context) {
    /** The tiny offline backbone's context (rlaif_trainers/tiny.py, max_position_embeddings). */
    static final int TINY_CONTEXT = 4096;
    private static final String[] CONTEXT_KEYS = {"max_position_embeddings", "n_positions", "max_seq_len",
            "seq_length"};

    /** Reads a folder's config; {@code what} names the folder in messages ("the policy of run #3"). */
    static ModelFolder read(Path folder, String what) {
        Path config = folder.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new TrainingSetupException(what + " (" + folder + ") is not a model folder: it has no config.json"
                    + (Files.isDirectory(folder) ? "" : "; the folder is gone"));
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(config.toFile());
        } catch (IOException e) {
            throw new TrainingSetupException(config + " cannot be read as JSON: " + e.getMessage(), e);
        }
        List<String> archs = new ArrayList<>();
        root.path("architectures").forEach(a -> archs.add(a.asText()));
        Integer context = null;
        for (String key : CONTEXT_KEYS) {
            if (root.path(key).canConvertToInt() && root.path(key).asInt() > 0) {
                context = root.path(key).asInt();
                break;
            }
        }
        return new ModelFolder(folder, List.copyOf(archs), context);
    }

    /** Refuses a folder whose model cannot write text (a reward model, an encoder). */
    ModelFolder requireCausalLm(String what) {
        if (!architectures.isEmpty() && architectures.stream().noneMatch(a -> a.endsWith("ForCausalLM"))) {
            throw new TrainingSetupException(what + " (" + path + ") is not a causal language model (its"
                    + " architectures: " + String.join(", ", architectures) + "); a policy must be one: the policy of"
                    + " an sft or rl run, or a *ForCausalLM model");
        }
        return this;
    }

    /**
     * Refuses a prompt budget that, with the new tokens, does not fit the model's context: generation would fail half
     * way through a run.
     */
    static void requireFits(Integer context, int promptBudget, int newTokens, String what) {
        if (context != null && promptBudget + newTokens > context) {
            throw new TrainingSetupException(String.format(java.util.Locale.ROOT, "prompts of up to %,d tokens"
                    + " (--max-length) and %,d new tokens (--max-new-tokens) need %,d tokens, more than the context of"
                    + " %s (%,d); lower --max-length or --max-new-tokens", promptBudget, newTokens,
                    promptBudget + newTokens, what, context));
        }
    }
}

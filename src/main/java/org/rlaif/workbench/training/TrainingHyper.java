package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A run's hyperparameters; a null field takes the default for the backbone: the tiny offline model learns from
 * scratch and wants a large learning rate and short sequences, a pretrained one a small rate and its full context.
 */
public record TrainingHyper(Double epochs, Integer maxSteps, Integer batchSize, Double learningRate, Integer maxLength,
                            Integer evalSteps) {
    public static final TrainingHyper DEFAULTS = new TrainingHyper(null, null, null, null, null, null);

    public TrainingHyper {
        if (epochs != null && !(epochs > 0)) {
            throw new TrainingSetupException("epochs must be above 0, got " + epochs);
        }
        if (batchSize != null && batchSize < 1) {
            throw new TrainingSetupException("the batch size must be at least 1, got " + batchSize);
        }
        if (learningRate != null && !(learningRate > 0 && learningRate < 1)) {
            throw new TrainingSetupException("the learning rate must be between 0 and 1, got " + learningRate);
        }
        if (maxLength != null && maxLength < 16) {
            throw new TrainingSetupException("the maximum length must be at least 16 tokens, got " + maxLength);
        }
    }

    /** Every field filled, for {@code backbone}. */
    public TrainingHyper resolve(Backbone backbone) {
        boolean tiny = backbone.isTiny();
        return new TrainingHyper(
                epochs != null ? epochs : tiny ? 3.0 : 1.0,
                maxSteps != null ? maxSteps : -1,
                batchSize != null ? batchSize : tiny ? 16 : 8,
                learningRate != null ? learningRate : tiny ? 3e-3 : 1e-5,
                maxLength != null ? maxLength : tiny ? 256 : 512,
                evalSteps != null ? evalSteps : 20);
    }

    /** The {@code hyper} object of the spec file (decision 22). */
    public ObjectNode toJson() {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("epochs", epochs);
        h.put("max_steps", maxSteps);
        h.put("batch_size", batchSize);
        h.put("learning_rate", learningRate);
        h.put("max_length", maxLength);
        h.put("eval_steps", evalSteps);
        h.put("logging_steps", 1);
        h.put("warmup_ratio", 0.0);
        h.put("bf16", "auto");
        return h;
    }
}

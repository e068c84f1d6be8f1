package org.rlaif.workbench.training.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rlaif.workbench.training.Backbone;
import org.rlaif.workbench.training.RunProtocol;
import org.rlaif.workbench.training.TrainingHyper;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * The spec of a policy run (decision 22's "Policy runs" section), from a request's settings. What only the app needs
 * (where the policy came from, what it is trained on) goes under {@code app}, which the trainers list once as a key
 * they do not use and otherwise ignore.
 */
final class PolicySpec {
    /** Checkpoints of an rl run by default: often enough that a run the judge fails can resume without much loss. */
    static final int RL_SAVE_STEPS = 10;

    private PolicySpec() {
    }

    /**
     * The trainer-facing part of the spec.
     *
     * @param backbone the model the run loads (tiny, a folder, an id)
     * @param tiny     whether the model is the tiny offline one or grew from it: it wants the tiny defaults
     */
    static ObjectNode of(String trainer, PolicySettings s, String backbone, boolean tiny, Integer context) {
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        spec.put("protocol", RunProtocol.get().version());
        spec.put("trainer", trainer);
        spec.put("seed", s.seed());
        spec.put("device", s.device());
        spec.put("backbone", backbone);
        if (s.lora() != null && (trainer.equals("sft") || trainer.equals("rl"))) {
            ObjectNode lora = spec.putObject("lora");
            lora.put("r", s.lora().r());
            lora.put("alpha", s.lora().alpha());
            lora.put("dropout", s.lora().dropout());
        } else {
            spec.putNull("lora");
        }
        spec.put("chat", "auto");
        TrainingHyper hyper = s.hyper().resolve(new Backbone(backbone, tiny ? Backbone.Kind.TINY : Backbone.Kind.FOLDER));
        int newTokens = s.generation().newTokens();
        boolean generates = !trainer.equals("sft");
        if (generates && s.hyper().maxLength() == null && context != null && hyper.maxLength() + newTokens > context) {
            // the default prompt budget gives way to the model's context; one the user asked for is refused below
            hyper = new TrainingHyper(hyper.epochs(), hyper.maxSteps(), hyper.batchSize(), hyper.learningRate(),
                    Math.max(16, context - newTokens), hyper.evalSteps());
        }
        if (generates) {
            ModelFolder.requireFits(context, hyper.maxLength(), newTokens, "the policy");
        }
        ObjectNode h = hyper.toJson();
        int saveSteps = s.saveSteps() != null ? s.saveSteps() : trainer.equals("rl") ? RL_SAVE_STEPS : 0;
        h.put("save_steps", saveSteps);
        spec.set("hyper", h);
        ObjectNode g = spec.putObject("generation");
        g.put("max_new_tokens", newTokens);
        PolicySettings.Generation gen = s.generation();
        if (gen.temperature() != null) {
            g.put("temperature", gen.temperature());
        }
        if (gen.topP() != null) {
            g.put("top_p", gen.topP());
        }
        if (gen.batchSize() != null) {
            g.put("batch_size", gen.batchSize());
        }
        spec.put("export_onnx", false);
        spec.putObject("app").put("tiny", tiny);
        return spec;
    }

    /** The rl section; refuses a batch that is not a whole number of groups, and greedy rollouts. */
    static void rl(ObjectNode spec, PolicyRequest.Rl r) {
        ObjectNode rl = spec.putObject("rl");
        String algorithm = r.algorithm() != null ? r.algorithm() : "rloo";
        int generations = r.generations() != null ? r.generations() : 4;
        rl.put("algorithm", algorithm);
        rl.put("beta", r.beta() != null ? r.beta() : 0.05);
        rl.put("num_generations", generations);
        rl.put("resume", true);
        int batch = spec.path("hyper").path("batch_size").asInt();
        if (batch % generations != 0) {
            throw new TrainingSetupException("--batch-size counts completions per step and must be a multiple of"
                    + " --generations (" + generations + "), got " + batch);
        }
        double temperature = spec.path("generation").path("temperature").asDouble(1.0);
        if (temperature == 0) {
            throw new TrainingSetupException("an rl run samples its rollouts: --temperature 0 (greedy) would give every"
                    + " completion of a group the same reward and nothing to learn from");
        }
    }
}

package org.rlaif.workbench.training.policy;

import java.nio.file.Path;
import java.util.Locale;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * A policy run as the command line or the window asks for it (decision 22's sft, rl, best-of-n and generate). Runs
 * and policies are named by what the project holds: {@code from} is a run whose policy starts this one, {@code reward}
 * a reward-model run or {@code judge:NAME} (an AI labeler of the project rating each response: direct-RLAIF).
 */
public sealed interface PolicyRequest {
    /** The trainer this request runs (the run's kind). */
    String trainer();

    PolicySettings settings();

    /**
     * Fine-tune {@code base} on {@code responses}: a label source's chosen responses, or {@code teacher:NAME}.
     *
     * @param base tiny, a model folder, a Hugging Face id, or the name of a policy of the project with a model
     * @param name the policy's name, or null for {@code sft-<source>-run<id>}
     */
    record Sft(String responses, String base, String name, PolicySettings settings) implements PolicyRequest {
        public Sft {
            if (responses == null || responses.isBlank()) {
                throw new TrainingSetupException("say what to fine-tune on: --responses SOURCE or teacher:NAME");
            }
            base = base == null || base.isBlank() ? "tiny" : base.strip();
        }

        @Override
        public String trainer() {
            return "sft";
        }
    }

    /**
     * RL from the policy of run {@code from} against {@code reward}, with a KL penalty {@code beta} to that policy.
     *
     * @param resume         a stopped, failed or interrupted rl run to continue from its last checkpoint, or null
     * @param ratingTemplate a direct-RLAIF rating template file of one's own, or null for the shipped one
     */
    record Rl(Long from, String reward, String algorithm, Double beta, Integer generations, Long resume, String name,
              Path ratingTemplate, PolicySettings settings) implements PolicyRequest {
        public Rl {
            if (resume == null && (from == null || reward == null)) {
                throw new TrainingSetupException("an rl run needs --from RUN (the policy to start from) and --reward"
                        + " RUN|judge:NAME, or --resume RUN");
            }
            algorithm = algorithm == null ? null : algorithm.strip().toLowerCase(Locale.ROOT);
            if (algorithm != null && !algorithm.equals("rloo") && !algorithm.equals("grpo")) {
                throw new TrainingSetupException("unknown --algorithm '" + algorithm + "': use rloo (default) or grpo");
            }
            if (beta != null && !(beta >= 0 && Double.isFinite(beta))) {
                throw new TrainingSetupException("--kl must be a number >= 0, got " + beta);
            }
            if (generations != null && generations < 2) {
                throw new TrainingSetupException("--generations must be at least 2 (a group is its own baseline), got "
                        + generations);
            }
        }

        @Override
        public String trainer() {
            return "rl";
        }
    }

    /** n samples per prompt from the policy of run {@code from}; the reward picks one. */
    record BestOfN(Long from, String reward, int n, Split prompts, int limit, String name, Path ratingTemplate,
                   PolicySettings settings) implements PolicyRequest {
        public BestOfN {
            if (from == null || reward == null) {
                throw new TrainingSetupException("best-of-n needs --from RUN and --reward RUN|judge:NAME");
            }
            if (n < 2) {
                throw new TrainingSetupException("--n must be at least 2, got " + n);
            }
            prompts = prompts == null ? Split.TEST : prompts;
        }

        @Override
        public String trainer() {
            return "best-of-n";
        }
    }

    /** The policy of run {@code run} writes one response (seeded) for each prompt that has none from it yet. */
    record Generate(long run, Split prompts, int limit, PolicySettings settings) implements PolicyRequest {
        public Generate {
            prompts = prompts == null ? Split.TEST : prompts;
            if (limit < 0) {
                throw new TrainingSetupException("--limit must be 0 (all) or positive, got " + limit);
            }
        }

        @Override
        public String trainer() {
            return "generate";
        }
    }
}

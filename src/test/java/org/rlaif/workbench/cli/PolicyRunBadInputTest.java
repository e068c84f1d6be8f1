package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.labeling.AiLabelerConfig;
import org.rlaif.workbench.labeling.AiLabelerSettings;
import org.rlaif.workbench.labeling.AiLabelers;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.testdata.PolicyProject;

/**
 * Policy runs that cannot work are refused before anything starts, with one line naming what is wrong, and nothing is
 * half-written: no run is added and no models folder appears. These checks come before the training environment's,
 * so they need no Python. Runs to start from are stored here as a real run would leave them (a row, its artifacts,
 * a model folder's config.json).
 */
class PolicyRunBadInputTest {
    @TempDir
    Path dir;
    Path project;
    long rmRun;
    long sftRun;

    @BeforeEach
    void project() throws IOException {
        project = dir.resolve("toy.rlaif");
        PolicyProject.write(project, 12, 4);
        Path policy = model("sft-policy", "Qwen2ForCausalLM", 4096);
        Path rm = model("rm-model", "Qwen2ForSequenceClassification", 4096);
        try (ProjectStore store = ProjectStore.open(project)) {
            rmRun = run(store, "reward-model", RunState.FINISHED, "{\"label_source\": \"ann\"}", Map.of("reward-model",
                    rm));
            sftRun = run(store, "sft", RunState.FINISHED, "{\"backbone\": \"tiny\"}", Map.of("policy", policy));
        }
    }

    @Test
    void aRunThatIsNotThereIsNamed() {
        refused("there is no run #99 in this project", "train", "rl", "--from", "99", "--reward", "" + rmRun);
        refused("there is no run #98 in this project", "train", "rl", "--from", "" + sftRun, "--reward", "98");
        refused("there is no run #97 in this project", "generate", "--run", "97");
    }

    @Test
    void aPolicyMustComeFromAnSftOrRlRunAndBeACausalLanguageModel() throws IOException {
        refused("run #" + rmRun + " is a reward-model run; a policy comes from an sft or rl run", "train", "rl",
                "--from", "" + rmRun, "--reward", "" + rmRun);
        long classifier;
        try (ProjectStore store = ProjectStore.open(project)) {
            classifier = run(store, "sft", RunState.FINISHED, "{}", Map.of("policy", model("cls",
                    "Qwen2ForSequenceClassification", 512)));
        }
        refused("is not a causal language model (its architectures: Qwen2ForSequenceClassification)", "generate",
                "--run", "" + classifier);
        refused("the policy folder (" + dir.resolve("rm-model") + ") is not a causal language model", "train", "sft",
                "--responses", "ann", "--policy", dir.resolve("rm-model").toString());
        refused("the policy folder " + dir.resolve("nowhere") + " does not exist", "train", "sft", "--responses", "ann",
                "--policy", dir.resolve("nowhere").toString());
    }

    @Test
    void aRunThatEndedWithoutAPolicyHasNothingToStartFrom() {
        long failed;
        try (ProjectStore store = ProjectStore.open(project)) {
            failed = run(store, "sft", RunState.FAILED, "{}", Map.of());
        }
        refused("run #" + failed + " failed without a policy to start from", "generate", "--run", "" + failed);
    }

    @Test
    void aRewardRunWithoutAModelIsRefused() {
        long early;
        try (ProjectStore store = ProjectStore.open(project)) {
            early = run(store, "reward-model", RunState.FAILED, "{}", Map.of());
        }
        refused("run #" + early + " (failed) has no reward model: it saved no model/ folder", "train", "rl", "--from",
                "" + sftRun, "--reward", "" + early);
        refused("--reward takes a reward-model run's id or judge:NAME, not 'best'", "train", "best-of-n", "--from",
                "" + sftRun, "--reward", "best");
    }

    @Test
    void aJudgeMustBeAConfiguredAiLabelerThatAnswers() throws IOException {
        refused("there is no labeler named 'nobody' to judge with; the project has no AI labeler with a server yet",
                "train", "rl", "--from", "" + sftRun, "--reward", "judge:nobody");
        refused("labeler 'coin' is not a configured AI judge (it is AI, with no server)", "train", "rl", "--from",
                "" + sftRun, "--reward", "judge:coin");
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (ProjectStore store = ProjectStore.open(project)) {
            AiLabelerSettings d = AiLabelerSettings.defaults();
            new AiLabelers(store).save(new AiLabelerConfig("rater", "http://127.0.0.1:" + port + "/v1", "rater-1",
                    null, Technique.BASE, d));
        }
        refused("judge 'rater' (rater-1 at http://127.0.0.1:" + port + "/v1) did not rate a test response: cannot"
                + " reach the model server", "train", "rl", "--from", "" + sftRun, "--reward", "judge:rater");
    }

    @Test
    void anRlBatchIsAWholeNumberOfGroupsAndItsRolloutsAreSampled() {
        refused("--batch-size counts completions per step and must be a multiple of --generations (4), got 6",
                "train", "rl", "--from", "" + sftRun, "--reward", "" + rmRun, "--batch-size", "6");
        refused("an rl run samples its rollouts: --temperature 0 (greedy)", "train", "rl", "--from", "" + sftRun,
                "--reward", "" + rmRun, "--temperature", "0");
        refused("an rl run needs --from RUN (the policy to start from) and --reward RUN|judge:NAME, or --resume RUN",
                "train", "rl", "--from", "" + sftRun);
    }

    @Test
    void promptsAndNewTokensMustFitTheModelsContext() throws IOException {
        long small;
        try (ProjectStore store = ProjectStore.open(project)) {
            small = run(store, "sft", RunState.FINISHED, "{}", Map.of("policy", model("small", "GPT2LMHeadModel"
                    .replace("LMHeadModel", "ForCausalLM"), 128)));
        }
        refused("prompts of up to 100 tokens (--max-length) and 64 new tokens (--max-new-tokens) need 164 tokens, more"
                + " than the context of the policy (128)", "generate", "--run", "" + small, "--max-length", "100");
    }

    @Test
    void anSftSourceMustGiveSomethingToTrainOn() {
        refused("there is no teacher or policy named 'none' in this project (it has none yet)", "train", "sft",
                "--responses", "teacher:none");
        refused("no labeler named 'gpt-5'; labelers: ann, coin", "train", "sft", "--responses", "gpt-5");
    }

    @Test
    void resumeTakesAnRlRunThatEndedWithACheckpoint() throws IOException {
        long finished;
        long stopped;
        try (ProjectStore store = ProjectStore.open(project)) {
            finished = run(store, "rl", RunState.FINISHED, "{}", Map.of());
            Path folder = Files.createDirectories(dir.resolve("rl-run"));
            stopped = run(store, "rl", RunState.STOPPED, "{\"output_dir\": \"" + folder + "\"}", Map.of());
        }
        refused("run #" + finished + " finished: there is nothing to resume", "train", "rl", "--resume",
                "" + finished);
        refused("run #" + stopped + " saved no checkpoint to resume from", "train", "rl", "--resume", "" + stopped);
        refused("run #" + sftRun + " is a sft run; --resume continues an rl run", "train", "rl", "--resume",
                "" + sftRun);
    }

    @Test
    void aTakenPolicyNameIsRefused() {
        try (ProjectStore store = ProjectStore.open(project)) {
            store.write(c -> store.policies().findOrCreate(c, org.rlaif.workbench.domain.Policy.of("mine",
                    org.rlaif.workbench.domain.PolicyKind.SFT)));
        }
        refused("the project already has a policy named 'mine': choose another --name", "train", "sft",
                "--responses", "ann", "--name", "mine");
    }

    private void refused(String message, String... args) {
        List<Run> before = runs();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-p", project.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = WorkbenchCommand.execute(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(status).as(err.toString()).isEqualTo(1);
        assertThat(err.toString()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(runs()).as("runs in the project").hasSameSizeAs(before);
        assertThat(org.rlaif.workbench.training.ModelFolders.of(project)).as("the models folder").doesNotExist();
    }

    private List<Run> runs() {
        try (ProjectStore store = ProjectStore.open(project)) {
            return store.read(c -> store.runs().list(c));
        }
    }

    private Path model(String name, String architecture, int context) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("config.json"), "{\"architectures\": [\"" + architecture + "\"],"
                + " \"max_position_embeddings\": " + context + "}");
        return folder;
    }

    private static long run(ProjectStore store, String kind, RunState state, String spec, Map<String, Path> artifacts) {
        return store.write(c -> {
            Run r = store.runs().create(c, kind, kind + " run", spec);
            store.runs().updateState(c, r.id(), state, state.name().toLowerCase(java.util.Locale.ROOT));
            for (Map.Entry<String, Path> a : artifacts.entrySet()) {
                store.runs().addArtifact(c, r.id(), a.getKey(), a.getValue().toString(), null);
            }
            return r.id();
        });
    }
}

package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.training.TrainingEnvironmentForTests;

/**
 * Training that cannot work is refused before anything starts, with one line that names what is wrong and what fixes
 * it, and nothing changes: no run in the project, no models folder beside it. These checks come before the
 * environment's (which needs Python and torch), so most of them need no training environment.
 */
class TrainBadInputTest {
    @TempDir
    Path dir;
    Path pandalm;

    @BeforeEach
    void copySample() throws IOException {
        pandalm = dir.resolve("pandalm.rlaif");
        Files.copy(Path.of("sample-projects/pandalm.rlaif"), pandalm, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anUnknownLabelerIsNamedWithTheOnesThereAre() {
        Result r = train(pandalm, "--labels", "gpt-5");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("no labeler named 'gpt-5'; labelers: annotator1, annotator2, annotator3,"
                + " gpt-3.5-turbo, pandalm-7b");
        assertNothingChanged(pandalm);
    }

    @Test
    void aSourceThatChoseOneSideEverywhereIsRefused() throws IOException {
        Path alpaca = dir.resolve("alpaca.rlaif");
        Files.copy(Path.of("sample-projects/alpacaeval-gpt4.rlaif"), alpaca);
        Result r = train(alpaca, "--labels", "claude");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("labeler 'claude' chose A on every one of its")
                .contains("a reward model would learn the position, not the preference");
        assertNothingChanged(alpaca);
    }

    @Test
    void tooFewPairsToTrainOnAreCountedInTheMessage() {
        Path small = dir.resolve("small.rlaif");
        try (ProjectStore store = ProjectStore.open(small)) {
            store.write(c -> {
                Labeler human = store.labelers().findOrCreate(c, Labeler.human("ann"));
                for (int i = 0; i < 8; i++) {
                    long id = store.comparisons().insert(c, Comparison.draft(Task.HELPFULNESS, "q" + i, "a" + i,
                            "b" + i, "synthetic", null, Split.TRAIN, "{}"));
                    store.labels().append(c, Label.of(id, human.id(), 0, i % 2 == 0 ? Choice.A : Choice.B, null,
                            null, null));
                }
                return null;
            });
        }
        Result r = train(small, "--labels", "humans");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).containsPattern("human majority gives only \\d pair\\(s\\) to train on \\(at least 10"
                + " needed\\): 8 pairs");
        assertNothingChanged(small);
    }

    @Test
    void aProjectWithoutHumanLabelsCannotBeJudgedAgainstHumans() {
        Path aiOnly = dir.resolve("ai.rlaif");
        try (ProjectStore store = ProjectStore.open(aiOnly)) {
            store.write(c -> {
                Labeler ai = store.labelers().findOrCreate(c, Labeler.ai("judge", "m", null));
                for (int i = 0; i < 40; i++) {
                    long id = store.comparisons().insert(c, Comparison.draft(Task.HELPFULNESS, "q" + i, "a" + i,
                            "b" + i, "synthetic", null, Split.TRAIN, "{}"));
                    store.labels().append(c, Label.of(id, ai.id(), 0, i % 2 == 0 ? Choice.A : Choice.B, null, null,
                            null));
                }
                return null;
            });
        }
        Result r = train(aiOnly, "--labels", "judge");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("the project has no human labels: a reward model is judged by how well it agrees"
                + " with humans on held-out pairs");
        assertNothingChanged(aiOnly);
    }

    @Test
    void aBackboneFolderThatIsNotAModelIsRefused() throws IOException {
        Path notAModel = Files.createDirectories(dir.resolve("weights"));
        Result r = train(pandalm, "--labels", "humans", "--backbone", notAModel.toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("the backbone folder " + notAModel + " is not a model: it has no config.json");
        assertNothingChanged(pandalm);
    }

    @Test
    void aModelsFolderThatCannotBeMadeIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Result r = train(pandalm, "--labels", "humans", "--models", file.resolve("models").toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("cannot make the models folder " + file.resolve("models"))
                .contains("choose another with --models");
        assertNothingChanged(pandalm);
    }

    @Test
    void aPythonWithoutTheTrainingLibrariesNamesWhatIsMissingAndTheFix() throws IOException {
        Path python = Path.of("/usr/bin/python3");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(python), "needs a plain python3");
        Result r = train(pandalm, "--labels", "humans", "--python", python.toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("the training environment is not ready:").contains("trl is missing")
                .contains("Fix: rlaif-workbench train-env");
        assertNothingChanged(pandalm);
    }

    @Test
    void noPythonAtAllIsNamed() {
        Path none = dir.resolve("no-python");
        Result r = train(pandalm, "--labels", "humans", "--python", none.toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("no Python at " + none);
        assertNothingChanged(pandalm);
    }

    @Test
    void cudaAskedForOnAMachineWithoutItIsRefused() {
        TrainingEnvironment env = TrainingEnvironmentForTests.require();
        org.junit.jupiter.api.Assumptions.assumeFalse(
                org.rlaif.workbench.training.EnvironmentCheck.of(env).hasCuda(), "this machine has CUDA");
        Result r = train(pandalm, "--labels", "humans", "--device", "cuda");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("--device cuda was asked for, but the training environment sees no CUDA device")
                .contains("use --device auto or cpu");
        assertNothingChanged(pandalm);
    }

    @Test
    void anUnknownDeviceIsAUsageError() {
        Result r = train(pandalm, "--labels", "humans", "--device", "tpu");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("unknown device 'tpu': use auto, cpu or cuda");
        assertNothingChanged(pandalm);
    }

    private void assertNothingChanged(Path project) {
        try (ProjectStore store = ProjectStore.open(project)) {
            List<org.rlaif.workbench.domain.Run> runs = store.read(c -> store.runs().list(c));
            assertThat(runs).as("runs in the project").isEmpty();
        }
        Path models = project.resolveSibling(project.getFileName() + ".models");
        assertThat(models).as("the models folder").doesNotExist();
    }

    record Result(int status, String out, String err) {
    }

    static Result train(Path project, String... args) {
        List<String> all = new ArrayList<>(List.of("train", "reward-model", "-p", project.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = WorkbenchCommand.execute(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
    }
}

package org.rlaif.workbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.io.SyntheticProject;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.RewardModelRequest;
import org.rlaif.workbench.training.RewardModelTraining;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.training.TrainingSetupException;
import org.rlaif.workbench.ui.common.DirectJobExecutor;

/** The training form: what it asks, what it says is wrong (beside the form), and its offer to make the environment. */
class TrainFormModelTest {
    @TempDir
    Path dir;
    private ProjectStore store;

    @BeforeEach
    void project() {
        store = ProjectStore.open(dir.resolve("p.rlaif"));
        new SyntheticProject(120, 2, 1).writeTo(store, n -> { });
    }

    @AfterEach
    void close() {
        store.close();
    }

    private TrainFormModel form(TrainFormModel.Mode mode, TrainingEnvironment env) {
        return new TrainFormModel(mode, new TrainingLauncher(new DirectJobExecutor(), env, null), store,
                store.listLabelers());
    }

    @Test
    void theSourcesAreTheProjectsLabelersAndTheMajoritiesAndAnAiLabelerComesFirst() throws Exception {
        TrainFormModel f = form(TrainFormModel.Mode.SINGLE, FakePython.environment(dir, 1, 0));
        assertThat(f.sources()).containsExactly("ai", "judge-1b", "humans", "adjudicated", "agreed", "annotator-1",
                "agreed:judge-1b");
        assertThat(f.labelsProperty().get()).isEqualTo("judge-1b");
        RewardModelRequest r = f.requests().getFirst();
        assertThat(r.labels()).isEqualTo("judge-1b");
        assertThat(r.backbone()).isEqualTo("tiny");
        assertThat(r.device()).isEqualTo("auto");
        assertThat(r.seed()).isEqualTo(RewardModelRequest.DEFAULT_SEED);
        assertThat(r.lora()).isNull();
        assertThat(r.name()).isNull();

        TrainFormModel c = form(TrainFormModel.Mode.COMPARISON, FakePython.environment(dir, 1, 0));
        assertThat(c.sources()).containsExactly("ai", "judge-1b");
        assertThat(c.humanSources()).startsWith("humans", "adjudicated", "agreed").contains("annotator-1");
    }

    @Test
    void settingsAreReadFromTheFieldsAndAWrongOneIsNamed() throws Exception {
        TrainFormModel f = form(TrainFormModel.Mode.SINGLE, FakePython.environment(dir, 1, 0));
        f.nameProperty().set("  my run ");
        f.seedProperty().set("7");
        f.maxStepsProperty().set("30");
        f.batchSizeProperty().set("4");
        f.learningRateProperty().set("5e-5");
        f.maxLengthProperty().set("128");
        f.loraProperty().set(true);
        RewardModelRequest r = f.requests().getFirst();
        assertThat(r.name()).isEqualTo("my run");
        assertThat(r.seed()).isEqualTo(7);
        assertThat(r.hyper().maxSteps()).isEqualTo(30);
        assertThat(r.hyper().batchSize()).isEqualTo(4);
        assertThat(r.hyper().learningRate()).isEqualTo(5e-5);
        assertThat(r.hyper().maxLength()).isEqualTo(128);
        assertThat(r.hyper().epochs()).isNull();
        assertThat(r.lora()).isEqualTo(new RewardModelRequest.LoraSettings(16, 32, 0.05));

        f.seedProperty().set("seven");
        assertThatThrownBy(f::requests).isInstanceOf(TrainingSetupException.class)
                .hasMessage("seed must be a number, got 'seven'");
        f.seedProperty().set("7");
        f.learningRateProperty().set("2");
        assertThatThrownBy(f::requests).hasMessageContaining("learning rate must be between 0 and 1");
        f.learningRateProperty().set("");
        f.maxStepsProperty().set("0");
        assertThatThrownBy(f::requests).hasMessage("max steps must be at least 1, got 0");
        f.maxStepsProperty().set("");
        f.loraRProperty().set("");
        assertThatThrownBy(f::requests).hasMessage("LoRA r is needed");
        f.loraProperty().set(false);
        f.deviceProperty().set("tpu");
        assertThatThrownBy(f::requests).hasMessageContaining("unknown device 'tpu'");

        f.submit(p -> { });
        assertThat(f.problemProperty().get()).contains("unknown device 'tpu'");
    }

    @Test
    void theComparisonIsTwoRunsWithIdenticalSettingsOnAnAiAndAHumanSource() throws Exception {
        TrainFormModel c = form(TrainFormModel.Mode.COMPARISON, FakePython.environment(dir, 1, 0));
        c.maxStepsProperty().set("12");
        c.seedProperty().set("3");
        List<RewardModelRequest> both = c.requests();
        assertThat(both).extracting(RewardModelRequest::labels).containsExactly("judge-1b", "humans");
        assertThat(both).extracting(RewardModelRequest::name)
                .containsExactly("RLAIF reward model on judge-1b", "RLHF reward model on humans");
        assertThat(both.get(1).withLabels("judge-1b")).isEqualTo(both.get(0).withLabels("judge-1b"));
    }

    @Test
    void aMissingEnvironmentIsOfferedToBeMadeButAPythonOfTheUsersOwnIsNot() {
        TrainFormModel own = form(TrainFormModel.Mode.SINGLE, TrainingEnvironment.locate(dir.resolve("data"), null));
        List<List<RewardModelTraining.Prepared>> ready = new ArrayList<>();
        own.submit(ready::add);
        assertThat(ready).isEmpty();
        assertThat(own.problemProperty().get()).contains("has not been made yet");
        assertThat(own.offerSetupProperty().get()).isTrue();
        assertThat(own.checkingProperty().get()).isFalse();

        TrainFormModel named = form(TrainFormModel.Mode.SINGLE,
                TrainingEnvironment.locate(dir.resolve("data"), dir.resolve("no-such-python")));
        named.submit(ready::add);
        assertThat(named.problemProperty().get()).contains("no Python at");
        assertThat(named.offerSetupProperty().get()).isFalse();
    }

    @Test
    void submitPreparesTheDataOrSaysWhatIsWrongAndKeepsNothing() throws Exception {
        TrainFormModel f = form(TrainFormModel.Mode.SINGLE, FakePython.environment(dir, 1, 0));
        List<List<RewardModelTraining.Prepared>> ready = new ArrayList<>();
        f.labelsProperty().set("nobody");
        f.submit(ready::add);
        assertThat(ready).isEmpty();
        assertThat(f.problemProperty().get()).contains("no labeler named 'nobody'");
        // the staging folder of the failed preparation is gone, and the models folder it made for it
        assertThat(RewardModelTraining.defaultModelsFolder(store.file())).doesNotExist();

        f.labelsProperty().set("judge-1b");
        f.submit(ready::add);
        assertThat(f.problemProperty().get()).isNull();
        RewardModelTraining.Prepared p = ready.getFirst().getFirst();
        assertThat(p.counts().trained()).isGreaterThanOrEqualTo(10);
        assertThat(p.train()).exists();
        RewardModelTraining.discard(p);
        assertThat(p.staging()).doesNotExist();
    }
}

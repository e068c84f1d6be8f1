package org.rlaif.workbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.ui.common.DirectJobExecutor;

/** The "Training environment" dialog's model: the check item by item, and making the environment, cancelled. */
class EnvironmentViewModelTest {
    @TempDir
    Path dir;

    @Test
    void aReadyEnvironmentListsPythonItsDeviceAndItsPackages() throws Exception {
        EnvironmentViewModel env = new EnvironmentViewModel(new DirectJobExecutor(), FakePython.environment(dir, 1, 0));
        env.check();
        assertThat(env.items()).extracting(EnvironmentViewModel.Item::what).containsExactly("Python", "Device", "torch");
        assertThat(env.items().get(0).found()).endsWith("python (3.11)");
        assertThat(env.items().get(1)).isEqualTo(new EnvironmentViewModel.Item("Device", "cpu (2 threads)", true));
        assertThat(env.items().get(2)).isEqualTo(new EnvironmentViewModel.Item("torch", "2.13.0+cpu", true));
        assertThat(env.summaryProperty().get()).isEqualTo("Ready to train (on the CPU: no CUDA device).");
        assertThat(env.checkingProperty().get()).isFalse();
        assertThat(env.canSetUp()).isFalse(); // a Python the user named is never installed into
    }

    @Test
    void aMissingEnvironmentSaysSoAndOffersToMakeIt() {
        EnvironmentViewModel env = new EnvironmentViewModel(new DirectJobExecutor(),
                TrainingEnvironment.locate(dir.resolve("data"), null));
        env.check();
        assertThat(env.checkProperty().get().ok()).isFalse();
        assertThat(env.summaryProperty().get()).contains("has not been made yet")
                .endsWith("\"Make it\" installs what is missing.");
        assertThat(env.canSetUp()).isTrue();
    }

    @Test
    void makingTheEnvironmentShowsItsOutputAndCancelKeepsNothing() throws Exception {
        ThreadJobExecutor jobs = new ThreadJobExecutor();
        Path data = dir.resolve("data");
        EnvironmentViewModel env = new EnvironmentViewModel(jobs, TrainingEnvironment.locate(data, null));
        env.setUp();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (jobs.messages.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(jobs.messages).first().asString().startsWith("creating a virtual environment with");
        env.cancelSetUp();
        while (env.settingUpProperty().get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(env.settingUpProperty().get()).isFalse();
        assertThat(env.output()).first().asString().startsWith("creating a virtual environment with");
        // cancelled while the venv is made, or pip on a machine that took long to hear the cancel
        assertThat(env.output()).last().asString().startsWith("cancelled during ").endsWith("; nothing was kept");
        assertThat(data.resolve("train-env")).doesNotExist();
        assertThat(data.resolve("train-env.building")).doesNotExist();
        assertThat(Files.exists(data)).isTrue();
    }
}

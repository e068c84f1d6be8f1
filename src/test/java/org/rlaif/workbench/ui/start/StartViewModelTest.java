package org.rlaif.workbench.ui.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.io.SyntheticProject;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.prefs.Settings;

class StartViewModelTest {
    @TempDir
    Path dir;
    private final Workspace workspace = new Workspace(new DirectJobExecutor());
    private final Settings settings = new Settings();

    @AfterEach
    void close() {
        workspace.closeNow();
    }

    private StartViewModel vm(Path sampleFolder) {
        return new StartViewModel(workspace, settings,
                new SampleProjects(List.of(sampleFolder), dir.resolve("user/samples")), new ImportService());
    }

    @Test
    void theFirstRunOpensAWorkingCopyOfTheBundledSample() throws Exception {
        Path shipped = dir.resolve("sample-projects");
        Files.createDirectories(shipped);
        try (ProjectStore s = ProjectStore.open(shipped.resolve("zeta.rlaif"))) {
            new SyntheticProject(20, 2, 1).writeTo(s, n -> { });
        }
        try (ProjectStore s = ProjectStore.open(shipped.resolve("pandalm.rlaif"))) {
            new SyntheticProject(30, 2, 1).writeTo(s, n -> { });
        }
        long before = Files.size(shipped.resolve("pandalm.rlaif"));
        StartViewModel vm = vm(shipped);
        assertThat(vm.bundledSamples()).extracting(p -> p.getFileName().toString())
                .containsExactly("pandalm.rlaif", "zeta.rlaif");

        vm.openAtLaunch(null);

        assertThat(workspace.project().file()).isEqualTo(dir.resolve("user/samples/pandalm.rlaif"));
        assertThat(workspace.summaryProperty().get().pairs()).isEqualTo(30);
        assertThat(settings.firstRunDoneProperty().get()).isTrue();
        assertThat(settings.recentProjects()).containsExactly(dir.resolve("user/samples/pandalm.rlaif"));
        assertThat(workspace.requestedScreenProperty().get()).isEqualTo(Screen.PAIRS);
        assertThat(Files.size(shipped.resolve("pandalm.rlaif"))).isEqualTo(before);
    }

    @Test
    void withoutASampleTheFirstRunOpensAGeneratedDemo() {
        StartViewModel vm = vm(dir.resolve("nowhere"));
        vm.openAtLaunch(null);
        assertThat(workspace.project().file().getFileName().toString()).isEqualTo("demo-generated.rlaif");
        assertThat(workspace.summaryProperty().get().pairs()).isEqualTo(600);
        assertThat(workspace.labelers()).hasSize(5);
    }

    @Test
    void laterRunsReopenTheLastProjectThatStillExists() throws Exception {
        settings.firstRunDoneProperty().set(true);
        Path kept = dir.resolve("kept.rlaif");
        try (ProjectStore s = ProjectStore.open(kept)) {
            new SyntheticProject(5, 1, 1).writeTo(s, n -> { });
        }
        settings.rememberProject(kept);
        settings.rememberProject(dir.resolve("deleted.rlaif"));
        vm(dir.resolve("nowhere")).openAtLaunch(null);
        assertThat(workspace.project().file()).isEqualTo(kept);
    }

    @Test
    void creatingRefusesAFileThatExists() throws Exception {
        Path existing = dir.resolve("x.rlaif");
        Files.writeString(existing, "");
        StartViewModel vm = vm(dir);
        vm.create(existing);
        assertThat(workspace.hasProject()).isFalse();
        assertThat(workspace.noticeProperty().get().text()).contains("already exists");

        vm.create(dir.resolve("fresh.rlaif"));
        assertThat(workspace.project().file()).isEqualTo(dir.resolve("fresh.rlaif"));
        assertThat(vm.openingProperty().get()).isNull();
    }
}

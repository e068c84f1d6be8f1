package org.rlaif.workbench.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.Screen;
import org.rlaif.workbench.ui.common.Workspace;
import org.rlaif.workbench.ui.prefs.Settings;
import org.rlaif.workbench.ui.prefs.Theme;

class ShellViewModelTest {
    @TempDir
    Path dir;
    private final Workspace workspace = new Workspace(new DirectJobExecutor());
    private final Settings settings = new Settings();
    private final ShellViewModel vm = new ShellViewModel(workspace, settings);

    @AfterEach
    void close() {
        workspace.closeNow();
    }

    @Test
    void screensThatNeedAProjectWaitForOne() {
        vm.show(Screen.PAIRS);
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.START);
        assertThat(vm.titleProperty().get()).isEqualTo("RLAIF Workbench");
        assertThat(vm.projectStatusProperty().get()).isEqualTo("No project open");

        workspace.open(dir.resolve("p.rlaif"), true, s -> { });
        vm.show(Screen.PAIRS);
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.PAIRS);
        assertThat(vm.titleProperty().get()).isEqualTo("p.rlaif — RLAIF Workbench");
        assertThat(vm.projectStatusProperty().get()).startsWith("p.rlaif").contains("0 pairs");
    }

    @Test
    void aScreenAskedForByAnotherScreenIsShown() {
        workspace.open(dir.resolve("p.rlaif"), true, s -> { });
        workspace.showPair(42);
        assertThat(vm.screenProperty().get()).isEqualTo(Screen.COMPARE);
        assertThat(workspace.focusedPairProperty().get()).isEqualTo(42L);
    }

    @Test
    void theThemeToggles() {
        vm.toggleTheme();
        assertThat(settings.themeProperty().get()).isEqualTo(Theme.DARK);
        vm.toggleTheme();
        assertThat(settings.themeProperty().get()).isEqualTo(Theme.LIGHT);
    }

    @Test
    void aProjectThatCannotBeOpenedIsANoticeNotACrash() {
        workspace.open(dir.resolve("missing.rlaif"), false, s -> { });
        assertThat(workspace.hasProject()).isFalse();
        assertThat(workspace.noticeProperty().get().text()).contains("no such project file");
    }
}

package org.rlaif.workbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.ui.prefs.Settings;
import org.rlaif.workbench.ui.prefs.SettingsFile;
import org.rlaif.workbench.ui.prefs.Theme;

class LaunchWarmUpTest {
    @TempDir
    Path dir;

    @Test
    void theSettingsReadInTheBackgroundAreTheFilesSettings() throws Exception {
        SettingsFile file = new SettingsFile(dir.resolve("settings.json"));
        Settings saved = new Settings();
        saved.themeProperty().set(Theme.DARK);
        saved.annotatorProperty().set("ana");
        file.save(saved);

        LaunchWarmUp w = LaunchWarmUp.begin(file);
        assertThat(w.file()).isSameAs(file);
        Settings read = w.settings();
        assertThat(read.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(read.annotatorProperty().get()).isEqualTo("ana");
    }

    @Test
    void withNoSettingsFileTheWindowStartsOnTheDefaults() {
        Settings read = LaunchWarmUp.begin(new SettingsFile(dir.resolve("none.json"))).settings();
        assertThat(read.themeProperty().get()).isEqualTo(new Settings().themeProperty().get());
        assertThat(Files.exists(dir.resolve("none.json"))).isFalse();
    }

    /** A library upgrade that renames classes makes the list stale: regenerate it (docs/decisions, launch warm-up). */
    @Test
    void everyClassOnThePreloadListIsALibraryClassOnTheClassPath() {
        List<String> names = LaunchWarmUp.preloadList();
        assertThat(names).hasSizeGreaterThan(500).doesNotHaveDuplicates();
        assertThat(names).allMatch(n -> !n.startsWith("org.rlaif."), "only library classes (ours change too often)");
        assertThat(names).contains("javafx.scene.control.TableView", "javafx.scene.control.skin.TableViewSkin");
        assertThat(LaunchWarmUp.preload(names)).isZero();
        assertThat(LaunchWarmUp.preload(List.of("javafx.scene.control.NoSuchControl"))).isEqualTo(1);
    }
}

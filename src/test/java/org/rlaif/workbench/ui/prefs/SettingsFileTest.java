package org.rlaif.workbench.ui.prefs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void whatIsSavedIsWhatLoads() {
        Path f = dir.resolve("sub/settings.json");
        Settings s = new Settings();
        s.themeProperty().set(Theme.DARK);
        s.rememberProject(dir.resolve("a.rlaif"));
        s.rememberProject(dir.resolve("b.rlaif"));
        s.windowProperty().set(new WindowGeometry(10, 20, 1200, 700, true));
        s.dividers().put("compare.responses.0", 0.4);
        s.keyBindings().put("CHOOSE_A", "Q");
        s.annotatorProperty().set("maria");
        s.hideAiLabelsProperty().set(false);
        s.firstRunDoneProperty().set(true);
        new SettingsFile(f).save(s);

        Settings back = new SettingsFile(f).load();
        assertThat(back.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(back.recentProjects()).containsExactly(dir.resolve("b.rlaif"), dir.resolve("a.rlaif"));
        assertThat(back.windowProperty().get()).isEqualTo(new WindowGeometry(10, 20, 1200, 700, true));
        assertThat(back.dividers()).containsEntry("compare.responses.0", 0.4);
        assertThat(back.keyBindings()).containsEntry("CHOOSE_A", "Q");
        assertThat(back.annotatorProperty().get()).isEqualTo("maria");
        assertThat(back.hideAiLabelsProperty().get()).isFalse();
        assertThat(back.firstRunDoneProperty().get()).isTrue();
    }

    @Test
    void aBrokenFileIsSetAsideAndTheDefaultsAreUsed() throws Exception {
        Path f = dir.resolve("settings.json");
        Files.writeString(f, "{\"theme\": \"PURPLE\", ");
        Settings s = new SettingsFile(f).load();
        assertThat(s.themeProperty().get()).isEqualTo(Theme.LIGHT);
        assertThat(dir.resolve("settings.json.broken")).exists();
        assertThat(f).doesNotExist();
    }

    @Test
    void aChangeIsWrittenSoonAfterWithoutBeingAsked() throws Exception {
        Path f = dir.resolve("settings.json");
        SettingsFile file = new SettingsFile(f);
        Settings s = file.load();
        file.saveOnChange(s);
        s.themeProperty().set(Theme.DARK);
        s.annotatorProperty().set("li");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(f) && Files.readString(f).contains("\"li\"")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.readString(f)).contains("\"DARK\"").contains("\"li\"");
        file.close();
    }

    @Test
    void theRecentListIsCappedAndHasNoDuplicates() {
        Settings s = new Settings();
        for (int i = 0; i < 15; i++) {
            s.rememberProject(dir.resolve("p" + i + ".rlaif"));
        }
        s.rememberProject(dir.resolve("p3.rlaif"));
        assertThat(s.recentProjects()).hasSize(Settings.RECENT_LIMIT).doesNotHaveDuplicates();
        assertThat(s.recentProjects().get(0)).isEqualTo(dir.resolve("p3.rlaif"));
    }
}

package org.rlaif.workbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window opens headless (Monocle) with its title. */
@ExtendWith(ApplicationExtension.class)
class WindowSmokeTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new WorkbenchApp().start(stage);
    }

    @Test
    void opensWithTitle() {
        assertThat(stage.getTitle()).isEqualTo("RLAIF Workbench");
        assertThat(stage.isShowing()).isTrue();
    }
}

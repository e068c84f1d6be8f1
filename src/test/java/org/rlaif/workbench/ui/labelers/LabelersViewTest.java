package org.rlaif.workbench.ui.labelers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.FakeJudgeServer;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.FxJobExecutor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The screen in a real (headless) stage: type a server and a model, click "Test connection", read the answer. */
@ExtendWith(ApplicationExtension.class)
class LabelersViewTest {
    private ProjectStore store;
    private FakeJudgeServer server;
    private FxJobExecutor jobs;

    @Start
    void start(Stage stage) throws Exception {
        Path dir = Files.createTempDirectory("labelers-view");
        store = ProjectStore.open(dir.resolve("p.rlaif"));
        store.write(c -> store.comparisons().insert(c, Comparison.draft(Task.HELPFULNESS, "How do I boil an egg?",
                FakeJudgeServer.GOOD + " Simmer it for nine minutes.", FakeJudgeServer.BAD + " Microwave it whole.",
                "t", null, Split.TEST, "{}")));
        server = FakeJudgeServer.start(FakeJudgeServer.script().latency(50));
        jobs = new FxJobExecutor();
        stage.setScene(new Scene(new LabelersView(store, jobs), 1100, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        jobs.close();
        server.close();
        store.close();
    }

    @Test
    void testConnectionShowsTheRawAnswer(FxRobot robot) throws Exception {
        robot.clickOn("#baseUrl").eraseText(40).write(server.baseUrl());
        robot.clickOn("#model").write("judge-1b");
        robot.clickOn("#name").write("probe");
        robot.clickOn("#testConnection");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> robot.lookup("#testVerdict").queryAs(Label.class).getText().startsWith("Verdict"));
        assertThat(robot.lookup("#testAnswer").queryAs(TextArea.class).getText()).isEqualTo("1");
        assertThat(robot.lookup("#testPrompt").queryAs(TextArea.class).getText())
                .contains("How do I boil an egg?").contains("Response 1 - " + FakeJudgeServer.GOOD);
        assertThat(robot.lookup("#testVerdict").queryAs(Label.class).getText()).startsWith("Verdict A, P(A) 1.000");
        assertThat(server.requestCount()).isEqualTo(1);
    }
}

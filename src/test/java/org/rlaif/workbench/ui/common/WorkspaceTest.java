package org.rlaif.workbench.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.ui.TestProjects;

class WorkspaceTest {
    @TempDir
    Path dir;

    @Test
    void aProjectIsOpenedWithItsCountsAndLabelersInOneJob() throws Exception {
        ManualJobExecutor jobs = new ManualJobExecutor();
        Workspace workspace = new Workspace(jobs);
        try {
            List<String> seen = new ArrayList<>();
            workspace.open(TestProjects.copy(dir, 40, 3), false, store -> seen.add(
                    workspace.summaryProperty().get().pairs() + " pairs, " + workspace.labelers().size() + " labelers"));
            assertThat(jobs.runNext()).isTrue();
            // the first layout has the columns and the status line: nothing is left to read after the opening
            assertThat(seen).containsExactly("40 pairs, 3 labelers");
            assertThat(jobs.pending()).isZero();
        } finally {
            workspace.closeNow();
        }
    }
}

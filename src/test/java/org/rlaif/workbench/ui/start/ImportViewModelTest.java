package org.rlaif.workbench.ui.start;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairQuery;
import org.rlaif.workbench.ui.common.DirectJobExecutor;
import org.rlaif.workbench.ui.common.Workspace;

class ImportViewModelTest {
    @TempDir
    Path dir;
    private final Workspace workspace = new Workspace(new DirectJobExecutor());
    private ImportViewModel vm;

    @BeforeEach
    void open() {
        workspace.open(dir.resolve("p.rlaif"), true, s -> { });
        vm = new ImportViewModel(workspace, new ImportService());
    }

    @AfterEach
    void close() {
        workspace.closeNow();
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void choosingAFileShowsItsFormatAndFirstRecords() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 8; i++) {
            lines.append("{\"prompt\": \"Question ").append(i).append("\", \"chosen\": \"Good ").append(i)
                    .append("\", \"rejected\": \"Bad ").append(i).append("\"}\n");
        }
        vm.choose(List.of(file("prefs.jsonl", lines.toString())));
        ImportPreview p = vm.previewProperty().get();
        assertThat(p.format()).isEqualTo("trl");
        assertThat(p.records()).hasSize(5);
        assertThat(p.more()).isTrue();
        assertThat(p.records().get(0).line()).isEqualTo(1);
        assertThat(p.records().get(0).context()).isEqualTo("Question 1");
        assertThat(List.of(p.records().get(0).responseA(), p.records().get(0).responseB()))
                .containsExactlyInAnyOrder("Good 1", "Bad 1");
        assertThat(p.records().get(0).labels()).startsWith("trl-preference: ");
        assertThat(vm.canStartProperty().get()).isTrue();
        // a preview stores nothing
        assertThat(workspace.project().summary().pairs()).isZero();
    }

    @Test
    void importingStoresThePairsAndUpdatesTheSummaries() throws Exception {
        vm.choose(List.of(file("prefs.jsonl", """
                {"prompt": "Name a colour", "chosen": "Blue", "rejected": "Seven"}
                {"prompt": "Name a fruit", "chosen": "Apple", "rejected": "Carrot"}
                """)));
        long revision = workspace.revisionProperty().get();
        vm.start();
        assertThat(vm.reportProperty().get().pairsAdded()).isEqualTo(2);
        assertThat(vm.statusProperty().get()).contains("2 pairs read, 2 new");
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(workspace.revisionProperty().get()).isGreaterThan(revision);
        long single = workspace.project().read(c -> new PairQuery().count(c,
                PairFilter.ALL.withStatuses(java.util.Set.of(AgreementStatus.SINGLE))));
        assertThat(single).isEqualTo(2);

        vm.start();
        assertThat(vm.statusProperty().get()).contains("already in the project");
    }

    @Test
    void aBadRecordIsShownWithFileLineAndTheLineItself() throws Exception {
        Path bad = file("bad.jsonl", """
                {"prompt": "Name a colour", "chosen": "Blue", "rejected": "Seven"}
                {"prompt": "Name a fruit", "chosen": "Apple", "rejected": "Carrot"}
                {"prompt": "Name a tree", "chosen": 
                """);
        vm.formatProperty().set("trl");
        vm.choose(List.of(bad));
        ImportProblem problem = vm.problemProperty().get();
        assertThat(problem).isNotNull();
        assertThat(problem.file()).isEqualTo(bad);
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.place()).isEqualTo("bad.jsonl, line 3");
        assertThat(problem.lineText()).startsWith("{\"prompt\": \"Name a tree\"");
        assertThat(vm.canStartProperty().get()).isFalse();

        vm.skipInvalidProperty().set(true);
        assertThat(vm.problemProperty().get()).isNull();
        assertThat(vm.previewProperty().get().records()).hasSize(2);
        vm.start();
        assertThat(vm.reportProperty().get().invalid()).hasSize(1);
        assertThat(workspace.project().summary().pairs()).isEqualTo(2);
    }

    @Test
    void aFileOfNoKnownFormatSaysWhatItFound() throws Exception {
        vm.choose(List.of(file("odd.jsonl", "{\"question\": \"q\", \"answer\": \"a\"}\n")));
        assertThat(vm.problemProperty().get().problem()).contains("cannot tell the format").contains("question");
    }

    @Test
    void aCancelledImportStoresNothing() throws Exception {
        Path file = file("prefs.jsonl", """
                {"prompt": "Name a colour", "chosen": "Blue", "rejected": "Seven"}
                """);
        org.rlaif.workbench.ui.common.ManualJobExecutor jobs = new org.rlaif.workbench.ui.common.ManualJobExecutor();
        Workspace held = new Workspace(jobs);
        held.open(dir.resolve("held.rlaif"), true, s -> { });
        jobs.runAll();
        ImportViewModel slow = new ImportViewModel(held, new ImportService());
        slow.choose(List.of(file));
        jobs.runAll();
        slow.start();
        assertThat(slow.runningProperty().get()).isTrue();
        slow.cancel();
        assertThat(slow.runningProperty().get()).isFalse();
        assertThat(slow.statusProperty().get()).isEqualTo("Import cancelled; nothing was stored");
        jobs.runAll();
        assertThat(held.project().summary().pairs()).isZero();
        held.closeNow();
    }

    @Test
    void theLineShownIsCutShort() throws Exception {
        Path f = file("long.jsonl", "ok\n" + "x".repeat(10_000) + "\nnext\n");
        assertThat(ImportProblem.lineOf(f, 2)).hasSize(301).endsWith("…");
        assertThat(ImportProblem.lineOf(f, 3)).isEqualTo("next");
    }
}

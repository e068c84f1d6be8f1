package org.rlaif.workbench.ui.labelers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.labeling.FakeJudgeServer;
import org.rlaif.workbench.labeling.prompt.PromptTemplates;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.DirectJobExecutor;

/** The Labelers screen's behaviour without a toolkit: a real project, a loopback judge, jobs run in place. */
class LabelersViewModelTest {
    @TempDir
    Path dir;
    private ProjectStore store;
    private FakeJudgeServer server;
    private LabelersViewModel vm;

    @BeforeEach
    void setUp() {
        store = ProjectStore.open(dir.resolve("p.rlaif"));
        store.write(c -> {
            for (int i = 0; i < 10; i++) {
                boolean aGood = i % 2 == 0;
                String good = FakeJudgeServer.GOOD + " reply " + i;
                String bad = FakeJudgeServer.BAD + " reply " + i;
                store.comparisons().insert(c, Comparison.draft(Task.SUMMARIZATION, "Post " + i, aGood ? good : bad,
                        aGood ? bad : good, "t", null, Split.TEST, "{}"));
            }
            return null;
        });
        server = FakeJudgeServer.start(FakeJudgeServer.script().requireKey("s3cret").logprobs(0.9, 0.4));
        vm = new LabelersViewModel(store, new DirectJobExecutor(),
                new ApiKeySource(Map.of("JUDGE_KEY", "s3cret")::get, entry -> Optional.empty()));
        vm.nameProperty().set("judge-7b");
        vm.baseUrlProperty().set(server.baseUrl());
        vm.modelProperty().set("judge");
        vm.paramsProperty().set("7e9");
        vm.apiKeyEnvProperty().set("JUDGE_KEY");
        vm.techniqueProperty().set(Technique.PREAMBLE);
    }

    @AfterEach
    void tearDown() {
        server.close();
        store.close();
    }

    @Test
    void testConnectionShowsThePromptAndTheRawAnswerAndStoresNothing() {
        vm.testConnection();
        assertThat(vm.testingProperty().get()).isFalse();
        assertThat(vm.testPromptProperty().get()).contains("You are an expert summary rater").contains("Post 0");
        assertThat(vm.testAnswerProperty().get()).isEqualTo("1");
        assertThat(vm.testVerdictProperty().get()).startsWith("Verdict A, P(A) 0.900 — from log-probabilities");
        assertThat(store.listLabelers()).isEmpty();
    }

    @Test
    void aFailedTestSaysWhy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        vm.baseUrlProperty().set("http://127.0.0.1:" + port + "/v1");
        vm.testConnection();
        assertThat(vm.testVerdictProperty().get()).startsWith("Failed: cannot reach the model server").contains("connection refused");
        vm.apiKeyEnvProperty().set("NOT_THERE");
        vm.testConnection();
        assertThat(vm.testVerdictProperty().get()).isEqualTo("Failed: the API key variable NOT_THERE is not set in this environment");
    }

    @Test
    void savesListsAndReloadsALabelerWithItsEditedTemplate() {
        vm.templateTaskProperty().set(Task.SUMMARIZATION);
        String edited = PromptTemplates.shippedText(Task.SUMMARIZATION).replace("You are an expert summary rater",
                "You are a careful editor");
        vm.templateTextProperty().set(edited);
        vm.bothOrdersProperty().set(true);
        vm.save();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.labelers()).extracting(Labeler::name).containsExactly("judge-7b");
        Labeler saved = vm.labelers().get(0);
        assertThat(saved.configJson()).contains("JUDGE_KEY").doesNotContain("s3cret").contains("careful editor");

        vm.newLabeler();
        assertThat(vm.nameProperty().get()).isEmpty();
        assertThat(vm.templateTextProperty().get()).isEqualTo(PromptTemplates.shippedText(Task.SUMMARIZATION));
        vm.selectedProperty().set(saved);
        assertThat(vm.nameProperty().get()).isEqualTo("judge-7b");
        assertThat(vm.bothOrdersProperty().get()).isTrue();
        assertThat(vm.templateTextProperty().get()).contains("You are a careful editor");
        vm.resetTemplate();
        assertThat(vm.templateTextProperty().get()).isEqualTo(PromptTemplates.shippedText(Task.SUMMARIZATION));
    }

    @Test
    void aRunLabelsThePairsAndShowsItsFigures() {
        vm.bothOrdersProperty().set(true);
        vm.priceInProperty().set("0.2");
        vm.limitProperty().set(6);
        vm.startRun();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.runStateProperty().get()).isEqualTo("finished");
        assertThat(vm.runProgressProperty().get()).isEqualTo(1.0);
        assertThat(vm.runCountsProperty().get()).isEqualTo("12 / 12 slots · 12 labeled · 0 already labeled · 6 debiased");
        assertThat(vm.runTokensProperty().get()).matches("[0-9,]+ tokens in · 12 out");
        assertThat(vm.runCostProperty().get()).startsWith("≈ $");
        assertThat(vm.runFailuresProperty().get()).isEqualTo("0 failed · 0 retries");
        assertThat(vm.lastReport().progress().labeled()).isEqualTo(12);
        assertThat(vm.labelers()).extracting(Labeler::name).containsExactly("judge-7b");

        vm.startRun(); // again: everything is already labeled
        assertThat(vm.runCountsProperty().get()).isEqualTo("12 / 12 slots · 0 labeled · 12 already labeled");
    }

    @Test
    void aRunAgainstAMissingServerEndsWithOneMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        vm.baseUrlProperty().set("http://127.0.0.1:" + port + "/v1");
        vm.startRun();
        assertThat(vm.runStateProperty().get()).isEqualTo("failed");
        assertThat(vm.errorProperty().get()).startsWith("cannot reach the model server").doesNotContain("\n");
    }

    @Test
    void anInvalidFormIsAnErrorNotAJob() {
        vm.modelProperty().set("");
        vm.save();
        assertThat(vm.errorProperty().get()).isEqualTo("labeler 'judge-7b' needs a model name");
        vm.modelProperty().set("judge");
        vm.paramsProperty().set("seven");
        vm.startRun();
        assertThat(vm.errorProperty().get()).isEqualTo("parameter count: 'seven' is not a number");
        assertThat(vm.runningProperty().get()).isFalse();
    }
}

package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.testdata.PandaLmProject;

class MetricsCommandTest {
    private static final List<String> LABELER_FIELDS = List.of("name", "kind", "params", "n_pairs", "n_labels",
            "agreement", "agreement_ci95", "cohen_kappa", "self_consistency", "prefer_longer", "position_consistency", "ece");
    private static final List<String> FRACTIONS = List.of("agreement", "cohen_kappa", "self_consistency",
            "prefer_longer", "position_consistency", "ece");

    @TempDir
    static Path dir;
    static Path pandalm;
    static Path aiOnly;

    @BeforeAll
    static void projects() {
        if (PandaLmProject.available()) {
            pandalm = dir.resolve("pandalm.rlaif");
            try (ProjectStore store = ProjectStore.open(pandalm)) {
                PandaLmProject.write(store);
            }
        }
        aiOnly = dir.resolve("ai-only.rlaif");
        try (ProjectStore store = ProjectStore.open(aiOnly)) {
            store.write(c -> {
                Labeler small = store.labelers().findOrCreate(c, Labeler.ai("small", "m-1b", 1e9));
                Labeler big = store.labelers().findOrCreate(c, Labeler.ai("big", "m-70b", 7e10));
                for (int i = 0; i < 40; i++) {
                    long id = store.comparisons().insert(c, Comparison.draft(i % 2 == 0 ? Task.SUMMARIZATION : Task.HELPFULNESS,
                            "post " + i, "short " + i, "a much, much longer answer that goes on and on " + i,
                            "synthetic", null, Split.TEST, "{}"));
                    Choice choice = i % 3 == 0 ? Choice.A : Choice.B;
                    store.labels().append(c, Label.of(id, big.id(), 0, choice, null, null, OrderShown.AB));
                    store.labels().append(c, Label.of(id, big.id(), 0, i % 4 == 0 ? choice.swapped() : choice, null, null, OrderShown.BA));
                    for (int s = 0; s < 3; s++) {
                        store.labels().append(c, Label.of(id, small.id(), s, (i + s) % 2 == 0 ? Choice.A : Choice.B, null, null, null));
                    }
                }
                return null;
            });
        }
    }

    record Result(int status, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = WorkbenchCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void jsonHasTheIssuesFieldsForEveryLabelerAndPair() throws Exception {
        assumeTrue(pandalm != null, "PandaLM data not present");
        Result r = run("metrics", "--project", pandalm.toString(), "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("labelers")).hasSize(5);
        for (JsonNode l : j.get("labelers")) {
            assertThat(iterable(l.fieldNames())).containsAll(LABELER_FIELDS);
            for (String f : FRACTIONS) {
                if (!l.get(f).isNull() && !f.equals("cohen_kappa")) {
                    assertThat(l.get(f).asDouble()).as(l.get("name") + " " + f).isBetween(0.0, 1.0);
                }
            }
        }
        JsonNode gpt = find(j.get("labelers"), "gpt-3.5-turbo");
        assertThat(gpt.get("kind").asText()).isEqualTo("AI");
        assertThat(gpt.get("params").isNull()).isTrue();
        assertThat(gpt.get("n_pairs").asInt()).isEqualTo(881);
        assertThat(gpt.get("n_failed").asInt()).isEqualTo(25);
        assertThat(gpt.get("agreement_ci95")).hasSize(2);
        assertThat(gpt.get("agreement_ci95").get(0).asDouble()).isLessThan(gpt.get("agreement").asDouble());
        assertThat(gpt.get("position_consistency").isNull()).isTrue(); // PandaLM records no presentation order
        assertThat(gpt.get("ece").isNull()).isTrue();
        assertThat(find(j.get("labelers"), "pandalm-7b").get("params").asDouble()).isEqualTo(7e9);
        assertThat(j.get("pairwise")).hasSize(10);
        for (JsonNode p : j.get("pairwise")) {
            assertThat(iterable(p.fieldNames())).containsAll(List.of("a", "b", "n", "agreement", "cohen_kappa"));
        }
        assertThat(j.get("krippendorff_alpha").get("humans").asDouble()).isBetween(0.8, 0.9);
        assertThat(j.get("krippendorff_alpha").has("all")).isTrue();
        assertThat(j.get("reference").get("name").asText()).isEqualTo("humans");
        assertThat(j.get("human_ceiling").get("agreement").asDouble()).isGreaterThan(gpt.get("agreement").asDouble());
        assertThat(j.get("ties").get("policy").asText()).isEqualTo("half");
        assertThat(j.get("disputed").get("top")).hasSize(10);
        assertThat(j.get("verdict_rule").asText()).contains("mean of its labels");
    }

    @Test
    void withoutHumansTheReferenceFieldsAreNullAndTheRestIsComputed() throws Exception {
        Result r = run("metrics", "--project", aiOnly.toString(), "--json");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = r.json();
        for (JsonNode l : j.get("labelers")) {
            assertThat(l.get("agreement").isNull()).isTrue();
            assertThat(l.get("agreement_ci95").isNull()).isTrue();
            assertThat(l.get("cohen_kappa").isNull()).isTrue();
            assertThat(l.get("prefer_longer").isNull()).isFalse();
        }
        JsonNode small = find(j.get("labelers"), "small");
        assertThat(small.get("self_consistency").asDouble()).isBetween(0.0, 1.0);
        JsonNode big = find(j.get("labelers"), "big");
        assertThat(big.get("position_consistency").asDouble()).isEqualTo(0.75); // every fourth pair flips
        assertThat(j.get("pairwise").get(0).get("agreement").isNull()).isFalse();
        assertThat(j.get("krippendorff_alpha").get("humans").isNull()).isTrue();
        assertThat(j.get("human_ceiling").isNull()).isTrue();
        assertThat(j.get("notes").toString()).contains("no human labels");
    }

    @Test
    void aLabelerCanBeTheReferenceAndTiesCanBeExcluded() throws Exception {
        Result r = run("metrics", "--project", aiOnly.toString(), "--json", "--reference", "big", "--ties", "exclude");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("reference").get("name").asText()).isEqualTo("big");
        assertThat(find(j.get("labelers"), "big").get("agreement").isNull()).isTrue();
        assertThat(find(j.get("labelers"), "small").get("agreement").isNull()).isFalse();
        assertThat(j.get("ties").get("policy").asText()).isEqualTo("exclude");
        assertThat(j.get("scaling").isNull()).isTrue(); // the only other sized labeler is the reference
    }

    @Test
    void slicesRepeatTheReportPerGroup() throws Exception {
        Result r = run("metrics", "--project", aiOnly.toString(), "--json", "--slice", "task");
        JsonNode groups = r.json().get("slices").get("groups");
        assertThat(r.json().get("slices").get("dimension").asText()).isEqualTo("task");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).get("pairs").asInt() + groups.get(1).get("pairs").asInt()).isEqualTo(40);
        assertThat(groups.get(0).get("labelers")).hasSize(2);
    }

    @Test
    void markdownIsThePaperTable() {
        assumeTrue(pandalm != null, "PandaLM data not present");
        Result r = run("metrics", "--project", pandalm.toString(), "--markdown", "--slice", "meta:cmp_key");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("| Labeler | Kind | Params | Pairs | Agreement with humans | 95% CI | Cohen's κ |");
        assertThat(r.out()).contains("| pandalm-7b | AI | 7B | 900 |");
        assertThat(r.out()).contains("**Human ceiling** (leave-one-out)");
        assertThat(r.out()).contains("**meta:cmp_key = llama-7b_opt-7b**");
    }

    @Test
    void theTextTableNamesEveryLabeler() {
        Result r = run("metrics", "--project", aiOnly.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("small", "big", "pairwise", "Krippendorff");
    }

    @Test
    void badInputGetsAOneLineError() {
        Result unknown = run("metrics", "--project", aiOnly.toString(), "--reference", "nobody");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("no labeler called 'nobody'").contains("big").contains("small");
        Result missing = run("metrics", "--project", dir.resolve("none.rlaif").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).contains("no such project file");
        Path empty = dir.resolve("empty.rlaif");
        try (ProjectStore store = ProjectStore.open(empty)) {
            assertThat(store.summary().pairs()).isZero();
        }
        Result nothing = run("metrics", "--project", empty.toString(), "--json");
        assertThat(nothing.status()).isEqualTo(1);
        assertThat(nothing.err()).contains("no pairs to measure").doesNotContain("Exception");
        Result ties = run("metrics", "--project", aiOnly.toString(), "--ties", "sometimes");
        assertThat(ties.status()).isEqualTo(1);
        assertThat(ties.err()).contains("half or exclude");
        Result slice = run("metrics", "--project", aiOnly.toString(), "--slice", "colour");
        assertThat(slice.err()).contains("task, source, split or meta:KEY");
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (n.get("name").asText().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no " + name);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}

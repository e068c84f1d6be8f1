package org.rlaif.workbench.io.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportReport;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.StoreException;

/**
 * Five pairs, three humans, two AI labelers, one adjudication, chosen so that every label source keeps and drops
 * different pairs:
 *
 * <pre>
 * pair  h1 h2 h3   ai1 ai2   adjudication   majority
 *  1    A  A  B    A   A     -              A
 *  2    B  B  B    A   B     -              B
 *  3    A  B  TIE  A   -     B              TIE (split vote)
 *  4    -  -  -    B   B     -              none
 *  5    A  A  -    -   -     -              A
 * </pre>
 */
class PreferenceExporterTest {
    @TempDir
    Path dir;
    private ProjectStore store;
    private final List<Long> pairs = new ArrayList<>();

    @BeforeEach
    void project() {
        store = ProjectStore.open(dir.resolve("p.rlaif"));
        store.write(c -> {
            Labeler h1 = store.labelers().findOrCreate(c, Labeler.human("h1"));
            Labeler h2 = store.labelers().findOrCreate(c, Labeler.human("h2"));
            Labeler h3 = store.labelers().findOrCreate(c, Labeler.human("h3"));
            Labeler ai1 = store.labelers().findOrCreate(c, Labeler.ai("ai1", "m1", 1e9));
            Labeler ai2 = store.labelers().findOrCreate(c, Labeler.ai("ai2", "m2", 7e9));
            String[][] grid = {
                    {"A", "A", "B", "A", "A"},
                    {"B", "B", "B", "A", "B"},
                    {"A", "B", "TIE", "A", null},
                    {null, null, null, "B", "B"},
                    {"A", "A", null, null, null}};
            Labeler[] who = {h1, h2, h3, ai1, ai2};
            for (int i = 0; i < grid.length; i++) {
                long id = store.comparisons().insert(c, Comparison.draft(Task.OTHER, "question " + i, "answer A" + i,
                        "answer B" + i, "t", null, i % 2 == 0 ? Split.TRAIN : Split.TEST, "{}"));
                pairs.add(id);
                for (int j = 0; j < who.length; j++) {
                    if (grid[i][j] != null) {
                        store.labels().append(c, Label.of(id, who[j].id(), 0, Choice.valueOf(grid[i][j]),
                                j == 3 ? 0.8 : null, null, null));
                    }
                }
            }
            store.adjudications().append(c, Adjudication.of(pairs.get(2), Choice.B, "lead", "checked"));
            return null;
        });
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        store.close();
    }

    @Test
    void humanMajorityLeavesOutTiesAndUnlabeledAndCountsThem() throws Exception {
        ExportReport r = export("humans", ExportFormat.TRL);
        assertThat(r.pairs()).isEqualTo(5);
        assertThat(r.written()).isEqualTo(3);
        assertThat(r.ties()).isEqualTo(1);
        assertThat(r.unlabeled()).isEqualTo(1);
        List<JsonNode> rows = read(r.file());
        assertThat(rows).extracting(n -> n.get("prompt").asText()).containsExactly("question 0", "question 1", "question 4");
        assertThat(rows.get(0).get("chosen").asText()).isEqualTo("answer A0");
        assertThat(rows.get(1).get("chosen").asText()).isEqualTo("answer B1");
        assertThat(rows.get(1).get("rejected").asText()).isEqualTo("answer A1");
    }

    @Test
    void adjudicationOverridesTheMajority() throws Exception {
        ExportReport r = export("adjudicated", ExportFormat.TRL);
        assertThat(r.written()).isEqualTo(4);
        assertThat(read(r.file())).filteredOn(n -> n.get("prompt").asText().equals("question 2"))
                .singleElement().satisfies(n -> assertThat(n.get("chosen").asText()).isEqualTo("answer B2"));
    }

    @Test
    void agreedKeepsOnlyPairsWhereTheAiLabelersMatchTheHumans() throws Exception {
        ExportReport all = export("agreed", ExportFormat.TRL);
        assertThat(all.written()).isEqualTo(1); // pair 1 only: pair 2 has ai1 disagreeing
        assertThat(all.disagreed()).isEqualTo(1);
        assertThat(all.noAiLabel()).isEqualTo(1); // pair 5
        ExportReport one = export("agreed:ai2", ExportFormat.TRL);
        assertThat(one.written()).isEqualTo(2); // pairs 1 and 2
    }

    @Test
    void oneLabelerByName() throws Exception {
        ExportReport r = export("ai2", ExportFormat.TRL);
        assertThat(r.written()).isEqualTo(3);
        assertThat(r.unlabeled()).isEqualTo(2);
    }

    @Test
    void openRlhfWritesConversations() throws Exception {
        ExportReport r = export("humans", ExportFormat.OPENRLHF);
        JsonNode first = read(r.file()).get(0);
        assertThat(first.get("chosen").get(0).get("role").asText()).isEqualTo("user");
        assertThat(first.get("chosen").get(0).get("content").asText()).isEqualTo("question 0");
        assertThat(first.get("chosen").get(1).get("content").asText()).isEqualTo("answer A0");
        assertThat(first.get("rejected").get(1).get("content").asText()).isEqualTo("answer B0");
    }

    @Test
    void splitFilterKeepsOnlyThatSplit() throws Exception {
        Path out = dir.resolve("train.jsonl");
        ExportReport r = new PreferenceExporter().export(store, "humans", ExportFormat.TRL, Split.TRAIN, out);
        assertThat(r.pairs()).isEqualTo(3);
    }

    @Test
    void unknownLabelerIsAClearErrorAndWritesNothing() {
        Path out = dir.resolve("x.jsonl");
        assertThatThrownBy(() -> new PreferenceExporter().export(store, "nobody", ExportFormat.TRL, null, out))
                .isInstanceOf(StoreException.class).hasMessageContaining("no labeler named 'nobody'");
        assertThat(out).doesNotExist();
    }

    @Test
    void csvHasOneColumnPerLabelerAndProbabilitiesWhereGiven() throws Exception {
        Path out = dir.resolve("pairs.csv");
        new PairsCsvExporter().export(store, null, out);
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("id,source,source_id,task,split,context,response_a,response_b,len_a,len_b,"
                + "h1,h2,h3,ai1,\"ai1 P(A)\",ai2,adjudication");
        assertThat(lines).hasSize(6);
        assertThat(lines.get(3)).endsWith(",A,B,TIE,A,0.800000,,B");
    }

    @Test
    void anExportedTrlFileImportsBackWithTheSamePreferences() throws Exception {
        ExportReport r = export("humans", ExportFormat.TRL);
        try (ProjectStore copy = ProjectStore.open(dir.resolve("copy.rlaif"))) {
            ImportReport back = new ImportService().importFiles(copy, List.of(r.file()), "trl",
                    ImportOptions.defaults(), ImportProgress.NONE);
            assertThat(back.pairsAdded()).isEqualTo(3);
            Path again = dir.resolve("again.jsonl");
            new PreferenceExporter().export(copy, "trl-preference", ExportFormat.TRL, null, again);
            assertThat(read(again)).extracting(n -> n.get("chosen").asText())
                    .containsExactlyInAnyOrderElementsOf(read(r.file()).stream().map(n -> n.get("chosen").asText()).toList());
        }
    }

    private ExportReport export(String source, ExportFormat format) throws Exception {
        return new PreferenceExporter().export(store, source, format, null, dir.resolve(source.replace(':', '_') + ".jsonl"));
    }

    private static List<JsonNode> read(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }
}

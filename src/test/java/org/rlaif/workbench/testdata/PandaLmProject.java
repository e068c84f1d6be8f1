package org.rlaif.workbench.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Writes PandaLM's human-annotated test set (three annotators, GPT-3.5 and PandaLM-7B as judges) into a real
 * project file through {@link ProjectStore}, for tests that need real labels in SQLite. The encodings are the
 * upstream ones: 1 = first response, 2 = second, 0 / "Tie" = tie; an unparsable GPT answer is a FAILED label.
 *
 * <p>As the import framework does, a pair is identified by its content: the 99 rows of the test set that repeat an
 * earlier row (same instruction, input and responses) become further samples of each labeler on that pair, so the
 * project holds 900 pairs.
 */
public final class PandaLmProject {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PandaLmProject() {
    }

    public static Path datasets() {
        return Path.of(System.getProperty("rlaif.datasets", "../shared/datasets"));
    }

    public static boolean available() {
        return Files.isRegularFile(datasets().resolve("pandalm/testset-v1.json"));
    }

    public static void write(ProjectStore store) {
        Path dir = datasets().resolve("pandalm");
        try {
            JsonNode t = MAPPER.readTree(Files.readAllBytes(dir.resolve("testset-v1.json")));
            JsonNode g = MAPPER.readTree(Files.readAllBytes(dir.resolve("gpt-3.5-turbo-testset-v1.json")));
            JsonNode pm = MAPPER.readTree(Files.readAllBytes(dir.resolve("pandalm-7b-testset-v1.json")));
            store.write(c -> {
                Labeler[] humans = new Labeler[3];
                for (int a = 0; a < 3; a++) {
                    humans[a] = store.labelers().findOrCreate(c, Labeler.human("annotator" + (a + 1)));
                }
                Labeler gpt = store.labelers().findOrCreate(c, new Labeler(0, "gpt-3.5-turbo", LabelerKind.AI,
                        "gpt-3.5-turbo", null, null, null, "{}"));
                Labeler panda = store.labelers().findOrCreate(c, Labeler.ai("pandalm-7b", "WeOpenML/PandaLM-7B-v1", 7e9));
                for (int i = 0; i < t.size(); i++) {
                    JsonNode row = t.get(i);
                    String context = row.get("instruction").asText()
                            + (row.get("input").asText().isEmpty() ? "" : "\n\n" + row.get("input").asText());
                    Comparison pair = Comparison.draft(Task.HELPFULNESS, context, row.get("response1").asText(),
                            row.get("response2").asText(), "pandalm", row.get("idx").asText(), Split.TEST,
                            "{\"cmp_key\":\"" + row.get("cmp_key").asText() + "\"}");
                    long id = store.comparisons().insertIfAbsent(c, pair).id();
                    for (int a = 0; a < 3; a++) {
                        store.labels().append(c, Label.of(id, humans[a].id(), next(store, c, id, humans[a]),
                                human(row.get("annotator" + (a + 1)).asInt()), null, null, null));
                    }
                    String answer = g.get(i).get("gpt_result").asText();
                    Choice gc = switch (answer) {
                        case "1" -> Choice.A;
                        case "2" -> Choice.B;
                        case "Tie" -> Choice.TIE;
                        default -> null;
                    };
                    store.labels().append(c, gc == null
                            ? Label.failed(id, gpt.id(), next(store, c, id, gpt), null, null, answer)
                            : Label.of(id, gpt.id(), next(store, c, id, gpt), gc, null, g.get(i).get("gpt_reason").asText(), null));
                    store.labels().append(c, Label.of(id, panda.id(), next(store, c, id, panda),
                            human(pm.get(i).get("pandalm_result").asInt()), null, pm.get(i).get("pandalm_reason").asText(), null));
                }
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int next(ProjectStore store, java.sql.Connection c, long pair, Labeler labeler)
            throws java.sql.SQLException {
        return store.labels().nextSampleIndex(c, pair, labeler.id());
    }

    private static Choice human(int code) {
        return switch (code) {
            case 0 -> Choice.TIE;
            case 1 -> Choice.A;
            case 2 -> Choice.B;
            default -> throw new IllegalArgumentException("PandaLM label " + code);
        };
    }
}

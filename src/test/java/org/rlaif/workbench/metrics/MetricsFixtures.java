package org.rlaif.workbench.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the reference values written by {@code src/test/python/metrics_fixtures.py} and the tables they describe. */
final class MetricsFixtures {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode root;

    private MetricsFixtures() {
    }

    static synchronized JsonNode root() {
        if (root == null) {
            try (InputStream in = MetricsFixtures.class.getResourceAsStream("/metrics/fixtures.json")) {
                root = MAPPER.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    static JsonNode testCase(String name) {
        for (JsonNode c : root().get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no fixture case " + name);
    }

    static List<LabelerInfo> labelers(JsonNode c) {
        List<LabelerInfo> out = new ArrayList<>();
        for (JsonNode l : c.get("labelers")) {
            out.add(new LabelerInfo(l.get("name").asText(), l.get("kind").asText(),
                    l.get("params").isNull() ? null : l.get("params").asDouble()));
        }
        return out;
    }

    /** The table of a case whose input is in the fixture. */
    static LabelTable table(JsonNode c) {
        LabelTable.Builder b = LabelTable.builder(labelers(c));
        for (JsonNode p : c.get("pairs")) {
            int i = b.addPair(p.get("id").asLong(), p.get("len_a").asInt(), p.get("len_b").asInt(),
                    p.get("task").asText(), p.get("source").asText(), p.get("split").asText());
            if (p.has("adjudication")) {
                b.adjudicate(i, (byte) p.get("adjudication").asInt());
            }
        }
        for (JsonNode l : c.get("labels")) {
            b.addLabel(l.get(0).asInt(), l.get(1).asInt(), l.get(2).asInt(), (byte) l.get(3).asInt(),
                    (byte) l.get(4).asInt(), l.get(5).isNull() ? Double.NaN : l.get(5).asDouble());
        }
        return b.build();
    }

    static Path datasets() {
        String dir = System.getProperty("rlaif.datasets", "../shared/datasets");
        return Path.of(dir);
    }

    /**
     * PandaLM's test set read straight from the upstream files: three annotators, GPT-3.5 and PandaLM-7B; 1 = first
     * response (A), 2 = second (B), 0 / "Tie" = tie; an unparsable GPT answer is a failed label.
     */
    static LabelTable pandalm(List<String> cmpKeys) {
        Path dir = datasets().resolve("pandalm");
        try {
            JsonNode t = MAPPER.readTree(Files.readAllBytes(dir.resolve("testset-v1.json")));
            JsonNode g = MAPPER.readTree(Files.readAllBytes(dir.resolve("gpt-3.5-turbo-testset-v1.json")));
            JsonNode pm = MAPPER.readTree(Files.readAllBytes(dir.resolve("pandalm-7b-testset-v1.json")));
            LabelTable.Builder b = LabelTable.builder(labelers(testCase("pandalm")));
            for (int i = 0; i < t.size(); i++) {
                JsonNode row = t.get(i);
                String r1 = row.get("response1").asText();
                String r2 = row.get("response2").asText();
                int p = b.addPair(row.get("idx").asLong() + 1, r1.codePointCount(0, r1.length()),
                        r2.codePointCount(0, r2.length()), "helpfulness", "pandalm", "test");
                cmpKeys.add(row.get("cmp_key").asText());
                for (int a = 1; a <= 3; a++) {
                    b.addLabel(p, a - 1, 0, LabelCodes.ORDER_UNKNOWN, human(row.get("annotator" + a).asInt()), Double.NaN);
                }
                byte gpt = switch (g.get(i).get("gpt_result").asText()) {
                    case "1" -> LabelCodes.A;
                    case "2" -> LabelCodes.B;
                    case "Tie" -> LabelCodes.TIE;
                    default -> LabelCodes.NONE;
                };
                b.addLabel(p, 3, 0, LabelCodes.ORDER_UNKNOWN, gpt, Double.NaN);
                b.addLabel(p, 4, 0, LabelCodes.ORDER_UNKNOWN, human(pm.get(i).get("pandalm_result").asInt()), Double.NaN);
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte human(int code) {
        return switch (code) {
            case 0 -> LabelCodes.TIE;
            case 1 -> LabelCodes.A;
            case 2 -> LabelCodes.B;
            default -> throw new IllegalArgumentException("PandaLM label " + code);
        };
    }

    static ReportOptions options(LabelTable table, JsonNode expected) {
        String ref = expected.get("reference").asText();
        Reference reference = switch (ref) {
            case "humans" -> Reference.humans();
            case "adjudications" -> Reference.adjudications();
            default -> Reference.labeler(table.labelerIndex(ref));
        };
        return ReportOptions.defaults().withReference(reference).withTies(TiePolicy.parse(expected.get("ties").asText()));
    }
}

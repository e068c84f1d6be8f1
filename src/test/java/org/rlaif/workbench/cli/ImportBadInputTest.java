package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every format against every kind of bad input, through the real command line: the import fails with
 * {@code file:line: what is wrong} and exit status 1, and the project's counts are exactly what they were;
 * with {@code --skip-invalid} the good records go in and the bad line is listed.
 */
class ImportBadInputTest {
    private static final int HUGE = 50 * 1024 * 1024;

    @TempDir
    Path dir;

    /** How a format lays out three records, and how to break a record's fields. */
    enum Layout { JSON_LINES, JSON_ARRAY, CSV }

    record Format(String name, Layout layout, UnaryOperator<String> wrongType, UnaryOperator<String> missingField,
                  List<String> records) {
        /** The line the second record starts on. */
        long secondLine() {
            return layout == Layout.JSON_LINES ? 2 : 3;
        }

        String fileName() {
            return switch (this.name) {
                case "pandalm" -> "testset-v1.json";
                case "hh-rlhf" -> "harmless-base-test.jsonl";
                default -> name + (layout == Layout.CSV ? ".csv" : layout == Layout.JSON_ARRAY ? ".json" : ".jsonl");
            };
        }

        byte[] render(List<byte[]> recs) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            switch (layout) {
                case JSON_LINES -> recs.forEach(r -> {
                    out.writeBytes(r);
                    out.write('\n');
                });
                case JSON_ARRAY -> {
                    out.writeBytes("[\n".getBytes(StandardCharsets.UTF_8));
                    for (int i = 0; i < recs.size(); i++) {
                        out.writeBytes(recs.get(i));
                        out.writeBytes((i < recs.size() - 1 ? ",\n" : "\n").getBytes(StandardCharsets.UTF_8));
                    }
                    out.writeBytes("]\n".getBytes(StandardCharsets.UTF_8));
                }
                case CSV -> {
                    out.writeBytes("prompt,response_a,response_b,choice\n".getBytes(StandardCharsets.UTF_8));
                    recs.forEach(r -> {
                        out.writeBytes(r);
                        out.write('\n');
                    });
                }
            }
            return out.toByteArray();
        }
    }

    static List<Format> formats() {
        return List.of(
                new Format("alpaca-eval", Layout.JSON_ARRAY, r -> r.replace("\"output_1\": \"a 2\"", "\"output_1\": [\"a 2\"]"),
                        r -> r.replace("\"output_2\": \"b 2\", ", ""), three(k -> "{\"instruction\": \"Instr " + k
                        + "\", \"input\": \"\", \"output_1\": \"a " + k + "\", \"output_2\": \"b " + k
                        + "\", \"annotator\": \"judge\", \"preference\": 1}")),
                new Format("pandalm", Layout.JSON_ARRAY, r -> r.replace("\"annotator1\": 1", "\"annotator1\": \"often\""),
                        r -> r.replace("\"response2\": \"r2 2\", ", ""), three(k -> "{\"idx\": " + k
                        + ", \"motivation_app\": \"x\", \"cmp_key\": \"m1_m2\", \"instruction\": \"I " + k
                        + "\", \"input\": \"\", \"response1\": \"r1 " + k + "\", \"response2\": \"r2 " + k
                        + "\", \"annotator1\": 1, \"annotator2\": 2, \"annotator3\": 0}")),
                new Format("hh-rlhf", Layout.JSON_LINES, r -> r.replaceFirst("\"chosen\": \"[^\"]*\"", "\"chosen\": 7"),
                        r -> r.replaceFirst(", \"rejected\": \"[^\"]*\"", ""), three(k -> "{\"chosen\": \"\\n\\nHuman: q "
                        + k + "\\n\\nAssistant: good " + k + "\", \"rejected\": \"\\n\\nHuman: q " + k
                        + "\\n\\nAssistant: bad " + k + "\"}")),
                new Format("auto-j", Layout.JSON_LINES, r -> r.replace("\"label\": 0", "\"label\": \"first\""),
                        r -> r.replace(", \"response 2\": \"y 2\"", ""), three(k -> "{\"scenario\": \"chitchat\","
                        + " \"label\": 0, \"prompt\": \"p " + k + "\", \"response 1\": \"x " + k + "\", \"response 2\": \"y "
                        + k + "\"}")),
                new Format("trl", Layout.JSON_LINES, r -> r.replace("\"chosen\": \"c 2\"", "\"chosen\": {\"x\": 1}"),
                        r -> r.replace(", \"rejected\": \"r 2\"", ""), three(k -> "{\"prompt\": \"p " + k
                        + "\", \"chosen\": \"c " + k + "\", \"rejected\": \"r " + k + "\"}")),
                new Format("tldr", Layout.JSON_LINES, r -> r.replaceFirst("\"summaries\": \\[.*?\\], \"choice\"",
                        "\"summaries\": \"two\", \"choice\""), r -> r.replace(", \"worker\": \"w1\"", ""),
                        three(k -> "{\"info\": {\"id\": \"t3_" + k + "\", \"post\": \"post " + k + "\", \"title\": \"t\","
                                + " \"subreddit\": \"s\"}, \"summaries\": [{\"text\": \" s1 " + k + "\", \"policy\": \"ref\","
                                + " \"note\": null}, {\"text\": \" s2 " + k + "\", \"policy\": \"sup2\", \"note\": null}],"
                                + " \"choice\": 0, \"worker\": \"w1\", \"batch\": \"batch1\", \"split\": \"train\","
                                + " \"extra\": {\"confidence\": 5}}")),
                new Format("ultrafeedback", Layout.JSON_LINES, r -> r.replace("\"score_chosen\": 8.0",
                        "\"score_chosen\": \"high\""), r -> r.replace(", \"score_rejected\": 5.0", ""),
                        three(k -> "{\"prompt\": \"p " + k + "\", \"prompt_id\": \"id" + k + "\", \"chosen\": [{\"content\":"
                                + " \"p " + k + "\", \"role\": \"user\"}, {\"content\": \"c " + k + "\", \"role\": \"assistant\"}],"
                                + " \"rejected\": [{\"content\": \"p " + k + "\", \"role\": \"user\"}, {\"content\": \"r " + k
                                + "\", \"role\": \"assistant\"}], \"score_chosen\": 8.0, \"score_rejected\": 5.0}")),
                new Format("csv", Layout.CSV, r -> r.replace(",A", ",maybe"), r -> r.replace(",b 2,A", ""),
                        three(k -> "p " + k + ",a " + k + ",b " + k + ",A")),
                new Format("jsonl", Layout.JSON_LINES, r -> r.replace("\"response_a\": \"a 2\"", "\"response_a\": {\"x\": 1}"),
                        r -> r.replace(", \"response_b\": \"b 2\"", ""), three(k -> "{\"prompt\": \"p " + k
                        + "\", \"response_a\": \"a " + k + "\", \"response_b\": \"b " + k + "\", \"choice\": \"A\"}")));
    }

    private static List<String> three(java.util.function.IntFunction<String> record) {
        return List.of(record.apply(1), record.apply(2), record.apply(3));
    }

    /** One kind of damage: what it does to the records, where the error is, and what --skip-invalid keeps. */
    enum Damage {
        WRONG_TYPE, MISSING_FIELD, INVALID_UTF8, HUGE_LINE, JUNK_LINE, TRUNCATED, EMPTY_FILE, BINARY_FILE
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Format f : formats()) {
            for (Damage d : Damage.values()) {
                out.add(Arguments.of(f.name(), d));
            }
        }
        return out.stream();
    }

    private static Format format(String name) {
        return formats().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    /** Writes the damaged file (and, for PandaLM, a judge file beside it); returns what to import. */
    private Path write(Format f, Damage d) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in"));
        Path file = folder.resolve(f.fileName());
        List<byte[]> recs = new ArrayList<>();
        for (String r : f.records()) {
            recs.add(r.getBytes(StandardCharsets.UTF_8));
        }
        byte[] second = recs.get(1);
        switch (d) {
            case WRONG_TYPE -> recs.set(1, f.wrongType().apply(f.records().get(1)).getBytes(StandardCharsets.UTF_8));
            case MISSING_FIELD -> recs.set(1, f.missingField().apply(f.records().get(1)).getBytes(StandardCharsets.UTF_8));
            case INVALID_UTF8 -> recs.set(1, insertInText(second, new byte[] {'c', 'a', 'f', (byte) 0xE9, ' '}));
            case HUGE_LINE -> {
                byte[] big = new byte[HUGE];
                Arrays.fill(big, (byte) 'x');
                recs.set(1, insertInText(second, big));
            }
            case JUNK_LINE -> recs.set(1, junk(4096));
            default -> { }
        }
        byte[] content = f.render(recs);
        if (d == Damage.TRUNCATED) {
            // cut in the middle of the third record
            int third = indexOf(content, f.records().get(2).getBytes(StandardCharsets.UTF_8));
            content = Arrays.copyOf(content, third + f.records().get(2).length() / 2);
        } else if (d == Damage.EMPTY_FILE) {
            content = new byte[0];
        } else if (d == Damage.BINARY_FILE) {
            content = junk(100_000);
        }
        Files.write(file, content);
        if (f.name().equals("pandalm")) {
            Files.writeString(folder.resolve("gpt-3.5-turbo-testset-v1.json"), "[\n"
                    + "{\"idx\": 1, \"gpt_result\": \"1\", \"gpt_reason\": \"r\", \"gpt_reference\": \"x\"},\n"
                    + "{\"idx\": 3, \"gpt_result\": \"Tie\", \"gpt_reason\": \"r\", \"gpt_reference\": \"x\"}\n]\n");
            return folder;
        }
        return file;
    }

    /** Inserts bytes just after the first {@code ": "} whose value is a string (or, in CSV, after the first comma). */
    private static byte[] insertInText(byte[] record, byte[] insert) {
        String text = new String(record, StandardCharsets.UTF_8);
        int at = text.startsWith("{") ? text.indexOf("\": \"") + 4 : text.indexOf(',') + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(record, 0, at);
        out.writeBytes(insert);
        out.write(record, at, record.length - at);
        return out.toByteArray();
    }

    /** Random bytes with no line breaks or quotes, so the damage stays on its own line. */
    private static byte[] junk(int n) {
        Random random = new Random(42);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int v;
            do {
                v = random.nextInt(256);
            } while (v == '\n' || v == '\r' || v == '"' || v == '[' || v == '{');
            b[i] = (byte) v;
        }
        b[0] = (byte) 0xFF;
        return b;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("record not found");
    }

    /** The line the damage is reported at, for a file whose records start as the layout says. */
    private static long expectedLine(Format f, Damage d) {
        return switch (d) {
            case TRUNCATED -> f.layout() == Layout.JSON_LINES ? 3 : 4;
            case EMPTY_FILE, BINARY_FILE -> 1;
            default -> f.secondLine();
        };
    }

    /** Pairs --skip-invalid keeps: the records the damage does not reach. */
    private static int expectedKept(Format f, Damage d) {
        if (d == Damage.TRUNCATED) {
            return 2;
        }
        boolean breaksSyntax = d == Damage.INVALID_UTF8 || d == Damage.HUGE_LINE || d == Damage.JUNK_LINE;
        // in a JSON array nothing after a syntax error can be trusted: the records before it are kept
        return f.layout() == Layout.JSON_ARRAY && breaksSyntax ? 1 : 2;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void aBadFileIsRefusedWholeAndTheProjectIsUnchanged(String name, Damage damage) throws Exception {
        Format f = format(name);
        Path project = dir.resolve("p.rlaif");
        Path seed = dir.resolve("seed.jsonl");
        Files.writeString(seed, "{\"prompt\": \"already\", \"chosen\": \"here\", \"rejected\": \"there\"}\n");
        assertThat(cli("import", "--project", project.toString(), seed.toString()).status).isZero();
        String before = cli("info", "--json", "--project", project.toString()).out;
        String tablesBefore = tableCounts(project);

        Path input = write(f, damage);
        Result failed = cli("import", "--project", project.toString(), "--format", "auto", input.toString());
        assertThat(failed.status).as(failed.err).isEqualTo(1);
        Path reported = f.name().equals("pandalm") ? input.resolve(f.fileName()) : input;
        assertThat(failed.err).startsWith("error: " + reported + ":" + expectedLine(f, damage) + ": ");
        assertThat(failed.err.lines().count()).as("one line, no stack trace: " + failed.err).isEqualTo(1);
        assertThat(cli("info", "--json", "--project", project.toString()).out).isEqualTo(before);
        assertThat(tableCounts(project)).isEqualTo(tablesBefore);

        Result skipping = cli("import", "--project", project.toString(), "--format", f.name(), "--skip-invalid",
                "--json", input.toString());
        if (damage == Damage.EMPTY_FILE || damage == Damage.BINARY_FILE) {
            assertThat(skipping.status).as("nothing to import: " + skipping.err).isEqualTo(1);
            assertThat(tableCounts(project)).isEqualTo(tablesBefore);
        } else {
            assertThat(skipping.status).as(skipping.err).isZero();
            assertThat(skipping.out).contains("\"pairs_added\" : " + expectedKept(f, damage))
                    .contains("\"line\" : " + expectedLine(f, damage));
        }
    }

    @Test
    void aFailedImportIntoANewProjectLeavesNoProjectFile() throws Exception {
        Path project = dir.resolve("new.rlaif");
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"prompt\": \"p\", \"chosen\": \"c\", \"rejected\": \"r\"}\n{\"prompt\": \"p\"\n");
        Result r = cli("import", "--project", project.toString(), bad.toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).isEqualTo("error: " + bad + ":2: the line ends in the middle of a record (truncated?):"
                + " Unexpected end-of-input: expected close marker for Object (start marker at [line: 1, column: 1])\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bad.jsonl");
        }
    }

    @Test
    void importingTheSameFileTwiceAddsNothingTheSecondTime() throws Exception {
        Path project = dir.resolve("p.rlaif");
        Path file = write(format("tldr"), Damage.WRONG_TYPE);
        Files.writeString(file, String.join("\n", format("tldr").records()) + "\n");
        assertThat(cli("import", "--project", project.toString(), file.toString()).status).isZero();
        String counts = tableCounts(project);
        Result again = cli("import", "--project", project.toString(), file.toString());
        assertThat(again.status).isZero();
        assertThat(again.out).contains("nothing new");
        assertThat(tableCounts(project)).isEqualTo(counts);
    }

    record Result(int status, String out, String err) {
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = WorkbenchCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
    }

    /** Row counts of every table of the project, read with plain JDBC. */
    private static String tableCounts(Path project) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + project)) {
            for (String t : List.of("comparison", "labeler", "label", "import_file", "project_meta", "adjudication")) {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + t)) {
                    rs.next();
                    sb.append(t).append('=').append(rs.getLong(1)).append(' ');
                }
            }
        }
        return sb.toString();
    }
}

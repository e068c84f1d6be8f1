package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private static ImportOptions columns(Map<String, String> mapping) {
        return new ImportOptions(false, null, null, null, null, null, null, mapping);
    }

    @Test
    void columnsNamedLikeRolesNeedNoMapping() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", ImportFixture.resource("csv/pairs.csv"));
            assertThat(r.format()).isEqualTo("csv");
            assertThat(f.pairs()).isEqualTo(5);
            assertThat(f.labelerNames()).containsExactly("alice", "bob");
            List<Map<String, Object>> rows = f.rows("SELECT c.source_id, c.context, c.response_a, c.response_b,"
                    + " c.metadata, l.choice FROM comparison c LEFT JOIN label l ON l.comparison_id = c.id"
                    + " ORDER BY c.source_id");
            assertThat(rows).extracting(m -> m.get("choice")).containsExactly("A", "A", "TIE", null, "B");
            assertThat(rows.get(0).get("context")).isEqualTo("Summarize:\nThe meeting moved to Friday.");
            assertThat(rows.get(0).get("metadata")).isEqualTo("{\"notes\":\"short is better\"}");
            assertThat(rows.get(2).get("context")).isEqualTo("Write a \"quote\"");
            assertThat(rows.get(2).get("response_b")).isEqualTo("\"hi\"");
            assertThat(rows.get(4).get("response_b")).isEqualTo("second\nanswer");
        }
    }

    @Test
    void aMappingNamesOtherColumnsAndTabsAreRecognised() throws Exception {
        try (ImportFixture f = new ImportFixture(dir)) {
            f.importFiles("auto", columns(Map.of("response_a", "first", "response_b", "second", "choice", "winner",
                    "p_a", "prob")), ImportFixture.resource("csv/custom.tsv"));
            List<Map<String, Object>> rows = f.rows("SELECT c.context, l.choice, l.p_a, b.name FROM label l"
                    + " JOIN comparison c ON c.id = l.comparison_id JOIN labeler b ON b.id = l.labeler_id ORDER BY c.id");
            assertThat(rows).extracting(m -> m.get("context")).containsExactly("How are you?", "And now?");
            assertThat(rows).extracting(m -> m.get("choice")).containsExactly("A", "B"); // the second from P(A) 0.3
            assertThat(((Number) rows.get(1).get("p_a")).doubleValue()).isCloseTo(0.3, within(1e-12));
            assertThat(rows.get(0).get("name")).isEqualTo("custom"); // no labeler column: the file's name
        }
    }

    @Test
    void aBadRecordAfterMultiLineFieldsIsReportedAtTheLineItStartsOn() throws Exception {
        Path file = dir.resolve("multi.csv");
        Files.writeString(file, """
                prompt,response_a,response_b,choice
                "one
                two",a,b,A
                p,"x
                y
                z",w,maybe
                q,c,d,B
                """);
        try (ImportFixture f = new ImportFixture(dir)) {
            assertThatThrownBy(() -> f.importFiles("csv", file)).isInstanceOf(ImportException.class)
                    .hasMessage(file + ":4: choice 'maybe' is not one of A, B, tie (or 1, 2, 0)");
            assertThat(f.pairs()).isZero();
            ImportReport r = f.importFiles("csv", ImportOptions.defaults().withSkipInvalid(true), file);
            assertThat(r.invalid()).extracting(InvalidRecord::line).containsExactly(4L);
            assertThat(f.pairs()).isEqualTo(2);
        }
    }

    @Test
    void invalidUtf8IsReportedAtItsOwnLineEvenInsideAQuotedField() throws Exception {
        Path file = dir.resolve("latin1.csv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("prompt,response_a,response_b,choice\nfine,a,b,A\n\"two\nlines caf".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xE9); // é in Latin-1, not UTF-8
        bytes.writeBytes("\",c,d,B\nlast,e,f,tie\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        try (ImportFixture f = new ImportFixture(dir)) {
            assertThatThrownBy(() -> f.importFiles("csv", file)).isInstanceOf(ImportException.class)
                    .hasMessage(file + ":4: not valid UTF-8 (byte 0xe9); is the file in another encoding?");
            ImportReport r = f.importFiles("csv", ImportOptions.defaults().withSkipInvalid(true), file);
            assertThat(r.invalid()).extracting(InvalidRecord::line).containsExactly(4L);
            assertThat(f.pairs()).isEqualTo(2);
        }
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsAreFine() throws Exception {
        Path file = dir.resolve("excel-export.txt");
        Files.writeString(file, "\uFEFFPrompt,Response A,Response B,Choice\r\n\"x\r\ny\",a,b,B\r\nz,c,d,A\r\n");
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("auto", file);
            assertThat(r.format()).isEqualTo("csv");
            assertThat(f.rows("SELECT c.context, l.choice FROM comparison c JOIN label l ON l.comparison_id = c.id"
                    + " ORDER BY c.id")).extracting(m -> m.get("context") + "|" + m.get("choice"))
                    .containsExactly("x\r\ny|B", "z|A");
        }
    }

    @Test
    void aBadFirstRecordIsNotBlamedOnTheHeader() throws Exception {
        Path file = dir.resolve("first.csv");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("prompt,response_a,response_b\nbad ".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes(",a,b\ngood,c,d\n".getBytes(StandardCharsets.UTF_8));
        Files.write(file, bytes.toByteArray());
        try (ImportFixture f = new ImportFixture(dir)) {
            ImportReport r = f.importFiles("csv", ImportOptions.defaults().withSkipInvalid(true), file);
            assertThat(r.invalid()).extracting(InvalidRecord::toString)
                    .containsExactly(file + ":2: not valid UTF-8 (byte 0xff); is the file in another encoding?");
            assertThat(f.pairs()).isEqualTo(1);
        }
    }

    @Test
    void rowsWithTheWrongNumberOfValuesAndUnclosedQuotes() throws Exception {
        Path file = dir.resolve("ragged.csv");
        Files.writeString(file, "prompt,response_a,response_b\np,a,b\np,a,b,extra\nq,\"unclosed,b\nr,s,t\n");
        try (ImportFixture f = new ImportFixture(dir)) {
            assertThatThrownBy(() -> f.importFiles("csv", file)).isInstanceOf(ImportException.class)
                    .hasMessage(file + ":3: the row has 4 values, the header 3 columns");
            ImportReport r = f.importFiles("csv", ImportOptions.defaults().withSkipInvalid(true), file);
            assertThat(r.invalid()).extracting(InvalidRecord::toString).containsExactly(
                    file + ":3: the row has 4 values, the header 3 columns",
                    file + ":4: CSV syntax error in the record that starts here (found at line 6): Missing closing"
                            + " quote for value; nothing after this point was read");
            assertThat(f.pairs()).isEqualTo(1);
        }
    }

    @Test
    void chosenRejectedColumnsArePlacedBySeed() throws Exception {
        Path file = dir.resolve("prefs.csv");
        StringBuilder sb = new StringBuilder("prompt,chosen,rejected\n");
        for (int i = 0; i < 200; i++) {
            sb.append("question ").append(i).append(",good ").append(i).append(",bad ").append(i).append('\n');
        }
        Files.writeString(file, sb.toString());
        try (ImportFixture f = new ImportFixture(dir)) {
            f.importFiles("csv", file);
            assertThat(f.count("SELECT count(*) FROM label WHERE choice = 'A'")).isBetween(70L, 130L);
            assertThat(f.count("SELECT count(*) FROM label l JOIN comparison c ON c.id = l.comparison_id WHERE"
                    + " (l.choice = 'A' AND c.response_a NOT LIKE 'good%') OR (l.choice = 'B' AND c.response_b NOT LIKE 'good%')"))
                    .isZero();
        }
    }

    @Test
    void mappingErrorsNameTheFileAndItsColumns() throws Exception {
        Path file = dir.resolve("odd.csv");
        Files.writeString(file, "q,left,right\nx,y,z\n");
        try (ImportFixture f = new ImportFixture(dir)) {
            assertThatThrownBy(() -> f.importFiles("csv", file)).isInstanceOf(ImportException.class)
                    .hasMessageStartingWith(file + ":1: cannot tell which columns hold the two responses (found [q, left, right])");
            assertThatThrownBy(() -> f.importFiles("csv", columns(Map.of("response_a", "left", "response_b", "rigth")), file))
                    .isInstanceOf(ImportException.class)
                    .hasMessage(file + ":1: column 'rigth' (given for response_b) is not in the file; its columns are [q, left, right]");
            assertThatThrownBy(() -> f.importFiles("csv", columns(Map.of("answer", "left")), file))
                    .isInstanceOf(ImportException.class).hasMessageContaining("unknown column role 'answer'");
            f.importFiles("csv", columns(Map.of("context", "q", "response_a", "left", "response_b", "right")), file);
            assertThat(f.rows("SELECT context FROM comparison")).containsExactly(Map.of("context", "x"));
        }
    }
}

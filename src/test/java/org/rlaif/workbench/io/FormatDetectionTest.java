package org.rlaif.workbench.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatDetectionTest {
    private final FormatRegistry formats = FormatRegistry.standard();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "alpaca-eval/gpt4_b1/annotations_seed0_configs.json, alpaca-eval",
            "alpaca-eval/gpt4_b5/annotations_seed3_configs.json, alpaca-eval",
            "alpaca-eval/human-labeled-100.json, alpaca-eval",
            "alpaca-eval/alpaca-7b/weighted_gpt4_turbo.json, alpaca-eval",
            "pandalm/testset-v1.json, pandalm",
            "pandalm/gpt-3.5-turbo-testset-v1.json, pandalm",
            "pandalm/pandalm-7b-testset-v1.json, pandalm",
            "hh-rlhf/harmless-base-test.jsonl.gz, hh-rlhf",
            "auto-j/autoj_pairwise.jsonl, auto-j"})
    void realFiles(String file, String format) throws Exception {
        assertThat(formats.detect(ImportFixture.dataset(file)).name()).isEqualTo(format);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "trl/plain.jsonl, trl",
            "trl/conversational.jsonl, trl",
            "trl/implicit.jsonl, trl",
            "tldr/comparisons-sample.jsonl, tldr",
            "ultrafeedback/ultrafeedback-raw.jsonl, ultrafeedback",
            "ultrafeedback/test_prefs-binarized.jsonl, ultrafeedback",
            "csv/pairs.csv, csv",
            "csv/custom.tsv, csv",
            "jsonl/messages.jsonl, jsonl"})
    void fixtures(String file, String format) throws Exception {
        assertThat(formats.detect(ImportFixture.resource(file)).name()).isEqualTo(format);
    }

    @Test
    void aCsvWithoutTheExtensionIsRecognisedByItsHeader() throws Exception {
        Path file = dir.resolve("export.txt");
        Files.writeString(file, "prompt,response_a,response_b,choice\nq,a,b,A\n");
        assertThat(formats.detect(file).name()).isEqualTo("csv");
    }

    @Test
    void anUnknownShapeSaysWhatItFound() throws Exception {
        Path file = dir.resolve("odd.jsonl");
        Files.writeString(file, "{\"question\": \"q\", \"answer\": \"a\"}\n");
        assertThatThrownBy(() -> formats.detect(file)).isInstanceOf(ImportException.class)
                .hasMessage(file + ":1: cannot tell the format (found JSON records with fields [question, answer]);"
                        + " pass --format, one of: alpaca-eval, pandalm, hh-rlhf, auto-j, trl, tldr, ultrafeedback,"
                        + " csv, jsonl");
    }

    @Test
    void aBrokenFirstLineDoesNotHideTheFormatOfTheRest() throws Exception {
        Path file = dir.resolve("mostly.jsonl");
        Files.writeString(file, "{\"scenario\": \"chitchat\", \"label\": 0, \"prompt\": \"p\"\n"
                + "{\"scenario\": \"chitchat\", \"label\": 0, \"prompt\": \"p\", \"response 1\": \"x\", \"response 2\": \"y\"}\n"
                + "{\"scenario\": \"chitchat\", \"label\": 1, \"prompt\": \"q\", \"response 1\": \"x\", \"response 2\": \"y\"}\n");
        assertThat(formats.detect(file).name()).isEqualTo("auto-j");
    }

    @Test
    void everyFormatIsInTheImportHelp() {
        java.io.StringWriter out = new java.io.StringWriter();
        org.rlaif.workbench.cli.WorkbenchCommand.execute(new String[] {"import", "--help"},
                new java.io.PrintWriter(out), new java.io.PrintWriter(new java.io.StringWriter()));
        for (FormatReader r : formats.all()) {
            assertThat(out.toString()).as(r.name()).containsPattern("(?m)^  (\\S+, )*" + r.name() + "[ ,]");
        }
    }
}

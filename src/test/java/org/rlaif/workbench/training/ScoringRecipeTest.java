package org.rlaif.workbench.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scoring.json read and applied as the trainer applies it (Python's str.format, EOS, then the cut). */
class ScoringRecipeTest {
    private static final String GOOD = """
            {"format": 1, "template": "{prompt}\\n\\n{response}", "add_special_tokens": false, "append_eos": true,
             "eos_token_id": 0, "pad_token_id": 1, "max_length": 4, "truncation": "left",
             "inputs": ["input_ids", "attention_mask"], "output": "logits"}""";

    @TempDir
    Path dir;

    @Test
    void readsDecision22sExample() throws Exception {
        ScoringRecipe r = read(GOOD);
        assertThat(r).isEqualTo(new ScoringRecipe(1, "{prompt}\n\n{response}", false, true, 0, 1, 4, true,
                "input_ids", "attention_mask", "logits"));
    }

    @Test
    void fillsTheTemplateInOnePassAsPythonDoes() throws Exception {
        ScoringRecipe r = read(GOOD.replace("{prompt}\\n\\n{response}", "Q: {prompt} {{A}}: {response}"));
        assertThat(r.text("say {response}", "ok")).isEqualTo("Q: say {response} {A}: ok");
        assertThat(r.text("", "")).isEqualTo("Q:  {A}: ");
    }

    @Test
    void appendsEosThenKeepsTheEnd() throws Exception {
        ScoringRecipe left = read(GOOD);
        assertThat(left.ids(new long[] {7, 8})).containsExactly(7, 8, 0);
        assertThat(left.ids(new long[] {5, 6, 7, 8, 9})).containsExactly(7, 8, 9, 0);
        ScoringRecipe right = read(GOOD.replace("\"left\"", "\"right\""));
        assertThat(right.ids(new long[] {5, 6, 7, 8, 9})).containsExactly(5, 6, 7, 8);
    }

    @Test
    void anEosThatIsAlsoThePadTokenIsAccepted() throws Exception {
        // the trainer pads with EOS where a tokenizer has no pad token: both sides then read the reward at the same
        // token, the one before the appended EOS
        ScoringRecipe shared = read(GOOD.replace("\"pad_token_id\": 1", "\"pad_token_id\": 0"));
        assertThat(shared.ids(new long[] {5, 6})).containsExactly(5, 6, 0);
    }

    @Test
    void badRecipesAreNamed() throws Exception {
        assertRefused(GOOD.replace("\"format\": 1", "\"format\": 3"), "format 3 is not known");
        assertRefused(GOOD.replace("\"max_length\": 4,", ""), "missing field \"max_length\"");
        assertRefused(GOOD.replace("\"left\"", "\"middle\""), "truncation must be \"left\" or \"right\"");
        assertRefused(GOOD.replace("{response}", "{answer}"), "unknown placeholder {answer}");
        assertRefused(GOOD.replace("\"append_eos\": true", "\"append_eos\": \"yes\""), "must be true or false");
        assertRefused(GOOD.replace("[\"input_ids\", \"attention_mask\"]", "[\"input_ids\"]"), "two model inputs");
        assertRefused("[1, 2]", "expected a JSON object");
        assertRefused("{\"format\": ", "not valid JSON");
    }

    private void assertRefused(String json, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("scoring.json"), json);
        assertThatThrownBy(() -> ScoringRecipe.read(file)).isInstanceOf(RewardModelException.class)
                .hasMessageStartingWith(file + ": ").hasMessageContaining(message);
    }

    private ScoringRecipe read(String json) throws Exception {
        return ScoringRecipe.read(Files.writeString(dir.resolve("scoring.json"), json));
    }
}

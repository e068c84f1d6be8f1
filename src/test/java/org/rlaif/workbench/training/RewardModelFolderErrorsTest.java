package org.rlaif.workbench.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.cli.bench.GeneratedRewardModel;

/** A folder that is not a reward model the scorer can use is refused with a message naming the file and the fault. */
class RewardModelFolderErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aFolderThatDoesNotExist() {
        assertThatThrownBy(() -> RewardModelScorer.open(dir.resolve("nowhere")))
                .isInstanceOf(RewardModelException.class).hasMessageContaining("nowhere: no such folder");
    }

    @Test
    void missingFilesAreNamed() throws Exception {
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        assertThatThrownBy(() -> RewardModelScorer.open(dir)).isInstanceOf(RewardModelException.class)
                .hasMessageContaining("not an ONNX reward model, scoring.json, model.onnx are missing");
    }

    @Test
    void aFolderWithoutScoringJson() throws Exception {
        Path onnx = GeneratedModels.copyOnnx(dir.resolve("onnx"));
        Files.delete(onnx.resolve("scoring.json"));
        assertThatThrownBy(() -> RewardModelScorer.open(onnx)).isInstanceOf(RewardModelException.class)
                .hasMessageContaining("scoring.json is missing");
    }

    @Test
    void anUnknownFormat() throws Exception {
        Path onnx = withRecipeEdited("\"format\": 1", "\"format\": 2");
        assertThatThrownBy(() -> RewardModelScorer.open(onnx)).isInstanceOf(RewardModelException.class)
                .hasMessageContaining(onnx.resolve("scoring.json")
                        + ": format 2 is not known to this version of the workbench");
    }

    @Test
    void aModelWhoseInputsDoNotMatch() throws Exception {
        Path onnx = GeneratedModels.copyOnnx(dir.resolve("onnx"));
        Path model = onnx.resolve("model.onnx");
        GeneratedRewardModel.renameInput(GeneratedModels.python(), GeneratedModels.tiny().resolve("onnx/model.onnx"),
                "input_ids", "tokens", model);
        assertThatThrownBy(() -> RewardModelScorer.open(onnx)).isInstanceOf(RewardModelException.class)
                .hasMessageContaining(model + ": the model takes inputs [attention_mask, tokens], but scoring.json"
                        + " names [attention_mask, input_ids]");
    }

    @Test
    void anOutputThatIsNotThere() throws Exception {
        Path onnx = withRecipeEdited("\"output\": \"logits\"", "\"output\": \"reward\"");
        assertThatThrownBy(() -> RewardModelScorer.open(onnx)).isInstanceOf(RewardModelException.class)
                .hasMessageContaining("the model's outputs are [logits]; scoring.json names \"reward\"");
    }

    @Test
    void filesThatAreNotWhatTheirNamesSay() throws Exception {
        Path onnx = GeneratedModels.copyOnnx(dir.resolve("onnx"));
        Files.writeString(onnx.resolve("model.onnx"), "not a model");
        assertThatThrownBy(() -> RewardModelScorer.open(onnx)).isInstanceOf(RewardModelException.class)
                .hasMessageContaining("model.onnx: ONNX Runtime cannot load it");

        Path other = GeneratedModels.copyOnnx(dir.resolve("other"));
        Files.writeString(other.resolve("tokenizer.json"), "{\"not\": \"a tokenizer\"}");
        assertThatThrownBy(() -> RewardModelScorer.open(other)).isInstanceOf(RewardModelException.class)
                .hasMessageContaining("tokenizer.json: the Hugging Face tokenizers library cannot read it");
    }

    /** A copy of the tiny model whose scoring.json has {@code from} replaced by {@code to}. */
    private Path withRecipeEdited(String from, String to) throws Exception {
        Path onnx = GeneratedModels.copyOnnx(dir.resolve("onnx"));
        Path recipe = onnx.resolve("scoring.json");
        String text = Files.readString(recipe);
        assertThat(text).contains(from);
        Files.writeString(recipe, text.replace(from, to));
        return onnx;
    }
}

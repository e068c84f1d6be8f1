package org.rlaif.workbench.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * DJL's side of one forward pass: a padded batch of token ids in, one reward per row out. The batch is built by
 * {@link RewardModelScorer} (tokenizing, truncating and sorting by length happen there, where DJL's batchifier
 * would only get in the way), so this translator does no batching of its own.
 */
final class TokenBatchTranslator implements NoBatchifyTranslator<TokenBatchTranslator.TokenBatch, float[]> {
    /** {@code rows} sequences right-padded to {@code columns}, row-major; mask 1 on tokens, 0 on padding. */
    record TokenBatch(long[] ids, long[] mask, int rows, int columns) {
        TokenBatch {
            if (ids.length != (long) rows * columns || mask.length != ids.length) {
                throw new IllegalArgumentException("a batch of " + rows + " x " + columns + " needs "
                        + rows * columns + " ids and mask values, not " + ids.length + " and " + mask.length);
            }
        }
    }

    private final String idsInput;
    private final String maskInput;
    private final String output;

    TokenBatchTranslator(ScoringRecipe recipe) {
        this.idsInput = recipe.idsInput();
        this.maskInput = recipe.maskInput();
        this.output = recipe.output();
    }

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        NDManager manager = ctx.getNDManager();
        Shape shape = new Shape(batch.rows(), batch.columns());
        NDArray ids = manager.create(LongBuffer.wrap(batch.ids()), shape);
        ids.setName(idsInput);
        NDArray mask = manager.create(LongBuffer.wrap(batch.mask()), shape);
        mask.setName(maskInput);
        return new NDList(ids, mask);
    }

    @Override
    public float[] processOutput(TranslatorContext ctx, NDList list) {
        List<String> names = new ArrayList<>();
        for (NDArray array : list) {
            if (output.equals(array.getName())) {
                return rewards(array);
            }
            names.add(array.getName());
        }
        throw new IllegalStateException("the model's outputs are " + names + "; scoring.json names \"" + output
                + "\"");
    }

    private float[] rewards(NDArray array) {
        Shape shape = array.getShape();
        boolean oneColumn = shape.dimension() == 2 && shape.get(1) == 1;
        if (!oneColumn && shape.dimension() != 1) {
            throw new IllegalStateException("the model's output \"" + output + "\" has shape " + shape
                    + "; a reward model gives one value per sequence, [batch, 1]");
        }
        return array.toFloatArray();
    }
}

package org.rlaif.workbench.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;
import org.rlaif.workbench.training.TokenBatchTranslator.TokenBatch;

/**
 * A trained reward model scored inside the app, without Python: the ONNX export of a reward-model run
 * ({@code onnx/model.onnx}, {@code tokenizer.json}, {@code scoring.json}; decision 22) run by ONNX Runtime through
 * DJL, with DJL's Hugging Face tokenizer. A score is the trainer's reward for the same text (within float rounding),
 * because {@link ScoringRecipe} reproduces the trainer's tokenization exactly.
 *
 * <p>Nothing is downloaded: DJL is put in offline mode before it is first touched, and the natives come from the
 * jars. Opening reads files and starts native code (hundreds of milliseconds): never on the JavaFX thread.
 *
 * <p>Thread-safe: any number of threads may score at once (each call has its own DJL predictor; the ONNX Runtime
 * session and the tokenizer are safe to share). {@link #close} waits for calls in progress to end; interrupt a long
 * {@link #scoreAll(List, Progress)} first to cancel it.
 */
public final class RewardModelScorer implements PairScorer {
    /** One text to score: a prompt and one response to it. */
    public record Text(String prompt, String response) {
        public Text {
            if (prompt == null || response == null) {
                throw new IllegalArgumentException("prompt and response cannot be null (an empty text is fine)");
            }
        }
    }

    /**
     * How to run: sequences per forward pass, and ONNX Runtime's intra-op threads (0: its default, one per
     * physical core).
     */
    public record Settings(int batchSize, int threads) {
        public Settings {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
            }
            if (threads < 0) {
                throw new IllegalArgumentException("threads cannot be negative: " + threads);
            }
        }

        public static Settings defaults() {
            return new Settings(16, 0);
        }
    }

    /** Told after each forward pass of {@link #scoreAll(List, Progress)}, on the scoring thread. */
    @FunctionalInterface
    public interface Progress {
        void scored(int done, int total);
    }

    static final String MODEL_FILE = "model.onnx";
    static final String TOKENIZER_FILE = "tokenizer.json";
    /** Texts tokenized and sorted by length at a time: sorting within this many cuts nearly all padding. */
    private static final int BATCHES_PER_CHUNK = 32;

    private final Path folder;
    private final ScoringRecipe recipe;
    private final Settings settings;
    private final HuggingFaceTokenizer tokenizer;
    private final Model model;
    private final TokenBatchTranslator translator;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private RewardModelScorer(Path folder, ScoringRecipe recipe, Settings settings, HuggingFaceTokenizer tokenizer,
                              Model model) {
        this.folder = folder;
        this.recipe = recipe;
        this.settings = settings;
        this.tokenizer = tokenizer;
        this.model = model;
        this.translator = new TokenBatchTranslator(recipe);
    }

    /** {@link #open(Path, Settings)} with the default settings. */
    public static RewardModelScorer open(Path folder) throws RewardModelException {
        return open(folder, Settings.defaults());
    }

    /**
     * Opens the reward model in {@code folder}: the folder holding {@code scoring.json}, {@code tokenizer.json} and
     * {@code model.onnx}, or a run's model folder with them in {@code onnx/}. Checks that the model takes the inputs
     * and gives the output {@code scoring.json} names, by scoring one token.
     */
    public static RewardModelScorer open(Path folder, Settings settings) throws RewardModelException {
        Path dir = modelFolder(folder);
        ScoringRecipe recipe = ScoringRecipe.read(dir.resolve(ScoringRecipe.FILE));
        DjlSettings.apply();
        HuggingFaceTokenizer tokenizer = tokenizer(dir.resolve(TOKENIZER_FILE));
        Model model = null;
        try {
            model = model(dir, settings);
            RewardModelScorer scorer = new RewardModelScorer(dir, recipe, settings, tokenizer, model);
            scorer.checkModel();
            return scorer;
        } catch (RewardModelException | RuntimeException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    /** The folder the three files were read from. */
    public Path folder() {
        return folder;
    }

    public ScoringRecipe recipe() {
        return recipe;
    }

    public Settings settings() {
        return settings;
    }

    /** The reward of one response to one prompt. */
    public float score(String prompt, String response) {
        return scoreAll(List.of(new Text(prompt, response)))[0];
    }

    /** The rewards of {@code texts}, in their order, {@link Settings#batchSize} sequences per forward pass. */
    @Override
    public float[] score(List<Text> texts) {
        return scoreAll(texts);
    }

    public float[] scoreAll(List<Text> texts) {
        try {
            return scoreAll(texts, (done, total) -> { });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scoring was interrupted", e);
        }
    }

    /**
     * The rewards of {@code texts}, in their order. Texts are tokenized a chunk at a time and sorted by length
     * within it, so a batch holds sequences of similar length and little padding; each sequence is right-padded
     * with {@code pad_token_id} under an attention mask of 0, which leaves its reward unchanged.
     *
     * @throws InterruptedException when the thread is interrupted; checked between forward passes
     */
    public float[] scoreAll(List<Text> texts, Progress progress) throws InterruptedException {
        lock.readLock().lock();
        try {
            checkOpen();
            float[] rewards = new float[texts.size()];
            int chunk = settings.batchSize() * BATCHES_PER_CHUNK;
            try (Predictor<TokenBatch, float[]> predictor = model.newPredictor(translator)) {
                int[] done = {0};
                for (int start = 0; start < texts.size(); start += chunk) {
                    List<Text> part = texts.subList(start, Math.min(texts.size(), start + chunk));
                    scoreChunk(predictor, part, rewards, start, n -> {
                        done[0] += n;
                        progress.scored(done[0], texts.size());
                    });
                }
            }
            return rewards;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The token ids the model is given for one text (for tests and for showing what the model saw). */
    public long[] tokenIds(String prompt, String response) {
        return tokenIds(List.of(new Text(prompt, response)))[0];
    }

    /** The token ids the model is given for each of {@code texts}, tokenized as one batch. */
    public long[][] tokenIds(List<Text> texts) {
        lock.readLock().lock();
        try {
            checkOpen();
            return tokenize(texts);
        } finally {
            lock.readLock().unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this reward model (" + folder + ") is closed");
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
                tokenizer.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void scoreChunk(Predictor<TokenBatch, float[]> predictor, List<Text> texts, float[] rewards,
                            int offset, IntConsumer scored) throws InterruptedException {
        long[][] ids = tokenize(texts);
        Integer[] order = new Integer[ids.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> ids[i].length).reversed());
        for (int from = 0; from < order.length; from += settings.batchSize()) {
            if (Thread.interrupted()) {
                throw new InterruptedException("scoring was cancelled");
            }
            int rows = Math.min(settings.batchSize(), order.length - from);
            float[] batch = run(predictor, pad(ids, order, from, rows));
            for (int r = 0; r < rows; r++) {
                rewards[offset + order[from + r]] = batch[r];
            }
            scored.accept(rows);
        }
    }

    private long[][] tokenize(List<Text> texts) {
        String[] strings = new String[texts.size()];
        for (int i = 0; i < strings.length; i++) {
            strings[i] = recipe.text(texts.get(i).prompt(), texts.get(i).response());
        }
        // DJL's own binding, asked for the ids alone: HuggingFaceTokenizer.batchEncode also copies each text's token
        // strings, character spans, word ids and three masks into Java objects, which doubled the tokenizing time
        // (the scoring benchmark's "tokenizing" line measures it)
        long[] encodings = TokenizersLibrary.LIB.batchEncode(tokenizer.getHandle(), strings,
                recipe.addSpecialTokens());
        long[][] ids = new long[encodings.length][];
        try {
            for (int i = 0; i < ids.length; i++) {
                ids[i] = recipe.ids(TokenizersLibrary.LIB.getTokenIds(encodings[i]));
            }
        } finally {
            for (long encoding : encodings) {
                TokenizersLibrary.LIB.deleteEncoding(encoding);
            }
        }
        return ids;
    }

    /** Rows {@code order[from .. from+rows)} of {@code ids}, right-padded to the longest of them. */
    private TokenBatch pad(long[][] ids, Integer[] order, int from, int rows) {
        int columns = 1;
        for (int r = 0; r < rows; r++) {
            columns = Math.max(columns, ids[order[from + r]].length);
        }
        long[] flat = new long[rows * columns];
        long[] mask = new long[rows * columns];
        Arrays.fill(flat, recipe.padTokenId());
        for (int r = 0; r < rows; r++) {
            long[] row = ids[order[from + r]];
            System.arraycopy(row, 0, flat, r * columns, row.length);
            Arrays.fill(mask, r * columns, r * columns + row.length, 1L);
        }
        return new TokenBatch(flat, mask, rows, columns);
    }

    private static float[] run(Predictor<TokenBatch, float[]> predictor, TokenBatch batch) {
        try {
            float[] rewards = predictor.predict(batch);
            if (rewards.length != batch.rows()) {
                throw new IllegalStateException("the model gave " + rewards.length + " values for a batch of "
                        + batch.rows() + " sequences");
            }
            return rewards;
        } catch (TranslateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("ONNX Runtime failed on a batch of " + batch.rows() + " x "
                    + batch.columns() + " tokens: " + cause.getMessage(), e);
        }
    }

    /** The inputs must be exactly the two scoring.json names; scoring one EOS checks the output's name and shape. */
    private void checkModel() throws RewardModelException {
        Path file = folder.resolve(MODEL_FILE);
        Set<String> inputs = new TreeSet<>(model.describeInput().keys());
        Set<String> expected = new TreeSet<>(List.of(recipe.idsInput(), recipe.maskInput()));
        if (!inputs.equals(expected)) {
            throw new RewardModelException(file + ": the model takes inputs " + inputs + ", but scoring.json names "
                    + expected + "; the model and its scoring.json do not belong together");
        }
        try (Predictor<TokenBatch, float[]> predictor = model.newPredictor(translator)) {
            run(predictor, new TokenBatch(new long[] {recipe.eosTokenId()}, new long[] {1}, 1, 1));
        } catch (IllegalStateException e) {
            throw new RewardModelException(file + ": " + e.getMessage(), e);
        }
    }

    private static Path modelFolder(Path folder) throws RewardModelException {
        if (!Files.isDirectory(folder)) {
            throw new RewardModelException(folder + ": no such folder");
        }
        Path dir = !Files.exists(folder.resolve(ScoringRecipe.FILE))
                && Files.exists(folder.resolve("onnx").resolve(ScoringRecipe.FILE)) ? folder.resolve("onnx") : folder;
        List<String> missing = new ArrayList<>();
        for (String name : List.of(ScoringRecipe.FILE, TOKENIZER_FILE, MODEL_FILE)) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new RewardModelException(dir + ": not an ONNX reward model, " + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " missing (a reward-model run exports "
                    + ScoringRecipe.FILE + ", " + TOKENIZER_FILE + " and " + MODEL_FILE + " into its onnx/ folder)");
        }
        return dir;
    }

    private static HuggingFaceTokenizer tokenizer(Path file) throws RewardModelException {
        try {
            // the recipe truncates and pads; the tokenizer must do neither, whatever tokenizer.json says
            return HuggingFaceTokenizer.newInstance(file, Map.of("truncation", "false", "padding", "false"));
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            // a native library missing for this platform lands here too, and says so in its message
            throw new RewardModelException(file + ": the Hugging Face tokenizers library cannot read it: "
                    + e.getMessage(), e);
        }
    }

    private static Model model(Path dir, Settings settings) throws RewardModelException {
        Model model = null;
        try {
            model = Model.newInstance("reward-model", Device.cpu(), "OnnxRuntime");
            // DJL applies intraOpNumThreads only when interOpNumThreads is given too; 0 means ONNX Runtime's default
            model.load(dir, "model", Map.of("interOpNumThreads", "1",
                    "intraOpNumThreads", Integer.toString(settings.threads()),
                    "executionMode", "SEQUENTIAL", "optLevel", "ALL_OPT"));
            return model;
        } catch (MalformedModelException | IOException | RuntimeException | UnsatisfiedLinkError e) {
            if (model != null) {
                model.close();
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new RewardModelException(dir.resolve(MODEL_FILE) + ": ONNX Runtime cannot load it: "
                    + cause.getMessage(), e);
        }
    }
}

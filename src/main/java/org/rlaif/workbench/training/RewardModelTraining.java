package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Trains a reward model on one label source and makes it a labeler: the RLAIF paper's central experiment, one run
 * at a time. {@link #prepare} checks everything that can be checked before anything starts (the environment, the
 * device, the backbone, the label source, the models folder) and writes the training data; {@link #run} starts the
 * trainer as a run of the project and, when it has a model, scores every pair with it (decision 22).
 */
public final class RewardModelTraining {
    public static final String KIND = "reward-model";
    static final String TRAINER_MODULE = "reward_model";

    /** Opens a scorer on an exported model folder (the app's is DJL over ONNX Runtime: {@link #DJL}). */
    @FunctionalInterface
    public interface ScorerFactory {
        PairScorer open(Path onnxFolder) throws IOException;
    }

    /** The app's scorer: the model's ONNX export through DJL's ONNX Runtime engine. */
    public static final ScorerFactory DJL = RewardModelScorer::open;

    private final ProjectStore store;
    private final TrainingEnvironment env;
    private final ScorerFactory scorers;

    public RewardModelTraining(ProjectStore store, TrainingEnvironment env, ScorerFactory scorers) {
        this.store = store;
        this.env = env;
        this.scorers = scorers;
    }

    /** Checked, with its data written to a staging folder; nothing is in the project yet. */
    public record Prepared(RewardModelRequest request, Backbone backbone, Path staging, Path train, Path eval,
                           RewardModelData.Counts counts, EnvironmentCheck environment) {
    }

    /** How a run went, and the labeler its model became (null when it has no model). */
    public record Result(TrainerRun.Outcome outcome, RewardModelData.Counts counts,
                         RewardModelLabeler.Result labeler, Path runFolder) {
    }

    /**
     * Checks the request and writes its training data. Throws {@link TrainingSetupException} naming what is wrong
     * and what fixes it; the project is unchanged either way.
     *
     * @param check the environment's check, when the caller has one already (null: run it now)
     */
    public Prepared prepare(RewardModelRequest request, EnvironmentCheck check) {
        // the quick checks first, the environment's (which starts Python and imports torch) last
        Backbone backbone = Backbone.parse(request.backbone());
        RunFolders.Staging staging = RunFolders.stage(request.modelsFolder(), store.file());
        Path train = staging.folder().resolve("train.jsonl");
        Path eval = staging.folder().resolve("eval.jsonl");
        try {
            RewardModelData.Counts counts = RewardModelData.write(store, request.labels(), request.seed(), train, eval);
            EnvironmentCheck environment = check != null ? check : EnvironmentCheck.of(env);
            requireReady(environment, request.device());
            return new Prepared(request, backbone, staging.folder(), train, eval, counts, environment);
        } catch (RuntimeException e) {
            staging.discard(); // a failed check leaves nothing behind, not even an empty folder
            throw e;
        }
    }

    /** The folder a project's models live in, unless named: see {@link ModelFolders}. */
    public static Path defaultModelsFolder(Path project) {
        return ModelFolders.of(project);
    }

    /** Refuses an environment that cannot train, or a CUDA device that is not there, naming the fix. */
    public static void requireReady(EnvironmentCheck check, String device) {
        if (!check.ok()) {
            throw new TrainingSetupException("the training environment is not ready: "
                    + String.join("; ", check.problems()) + ". Fix: rlaif-workbench train-env"
                    + " (or train-env --check to see what it holds)");
        }
        if (device.equals("cuda") && !check.hasCuda()) {
            throw new TrainingSetupException("--device cuda was asked for, but the training environment sees no CUDA"
                    + " device (" + DeviceText.describe(check.report().path("device")) + "); use --device auto or"
                    + " cpu, or install a CUDA build of torch");
        }
    }

    /**
     * Stores the run, starts the trainer and waits for it; then, if it left a model, labels every pair with it.
     *
     * @param started told the run as soon as it exists (to stop it, or to show it)
     * @param scoring told how many pairs the new labeler has scored
     */
    public Result run(Prepared p, TrainerRun.Listener listener, Consumer<TrainerRun> started, LongConsumer scoring,
                      BooleanSupplier cancelled) {
        RewardModelRequest r = p.request();
        ObjectNode spec = spec(p, null);
        TrainerRun run = TrainerRun.create(store, KIND, runName(r), spec, listener);
        Path folder = p.staging().resolveSibling("run-" + run.runId());
        try {
            Files.move(p.staging(), folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(p.staging());
            return new Result(run.abandon("cannot make the run's folder " + folder + ": " + e.getMessage()),
                    p.counts(), null, folder);
        }
        started.accept(run);
        ObjectNode full = spec(p, folder);
        full.put("run_id", run.runId());
        Path specFile = folder.resolve("spec.json");
        try {
            RunFolders.writeSpec(folder, full);
        } catch (IOException e) {
            return new Result(run.abandon("cannot write " + specFile + ": " + e.getMessage()), p.counts(), null,
                    folder);
        }
        TrainerLaunch launch = new TrainerLaunch(KIND, runName(r), full,
                env.trainerCommand(TRAINER_MODULE, specFile), env.processEnvironment(), folder,
                r.stopGrace(), r.silenceLimit());
        TrainerRun.Outcome outcome = run.execute(launch);
        RewardModelLabeler.Result labeled = null;
        String onnx = outcome.artifact("onnx");
        if (outcome.succeeded() && onnx != null && scorers != null && !cancelled.getAsBoolean()) {
            labeled = label(run.runId(), r, Path.of(onnx), scoring, cancelled);
        }
        return new Result(outcome, p.counts(), labeled, folder);
    }

    private RewardModelLabeler.Result label(long runId, RewardModelRequest r, Path onnx, LongConsumer scoring,
                                            BooleanSupplier cancelled) {
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        config.put("run_id", runId);
        config.put("label_source", r.labels());
        config.put("onnx", onnx.toString());
        Labeler wanted = new Labeler(0, labelerName(r, runId), LabelerKind.REWARD_MODEL, r.backbone(), null, null,
                null, config.toString());
        try (PairScorer scorer = scorers.open(onnx)) {
            RewardModelLabeler.Result result = RewardModelLabeler.attach(store, wanted, runId, scorer, scoring,
                    cancelled);
            store.write(c -> {
                store.runs().appendLog(c, runId, String.format(Locale.ROOT, "labeler '%s' scored %,d pairs",
                        result.labeler().name(), result.labeled()));
                return null;
            });
            return result;
        } catch (IOException | RuntimeException e) {
            // the model is trained and saved: only its labels are missing, and the run's log says why
            store.write(c -> {
                store.runs().appendLog(c, runId, "could not score the pairs with the model: " + e.getMessage());
                return null;
            });
            return null;
        }
    }

    static String runName(RewardModelRequest r) {
        return r.name() != null ? r.name() : "reward model on " + r.labels();
    }

    /** The labeler a run's model becomes: {@code rm-<source>-run<id>}, unique in the project. */
    static String labelerName(RewardModelRequest r, long runId) {
        String source = r.labels().replaceAll("[^A-Za-z0-9._:-]+", "-");
        return "rm-" + source + "-run" + runId;
    }

    private static ObjectNode spec(Prepared p, Path folder) {
        RewardModelRequest r = p.request();
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("protocol", RunProtocol.get().version());
        s.put("trainer", KIND);
        s.put("seed", r.seed());
        s.put("device", r.device());
        s.put("backbone", p.backbone().spec());
        if (r.lora() != null) {
            ObjectNode lora = s.putObject("lora");
            lora.put("r", r.lora().r());
            lora.put("alpha", r.lora().alpha());
            lora.put("dropout", r.lora().dropout());
        } else {
            s.putNull("lora");
        }
        ObjectNode data = s.putObject("data");
        if (folder != null) {
            data.put("train", folder.resolve("train.jsonl").toString());
            data.put("eval", folder.resolve("eval.jsonl").toString());
            s.put("output_dir", folder.toString());
        }
        s.set("hyper", r.hyper().resolve(p.backbone()).toJson());
        s.put("export_onnx", true);
        // what the app knows and the trainer does not need: kept with the run for whoever reads it later
        s.put("label_source", r.labels());
        s.put("split", p.counts().splitRule());
        ObjectNode counts = s.putObject("data_counts");
        counts.put("pairs", p.counts().pairs());
        counts.put("trained", p.counts().trained());
        counts.put("held_out", p.counts().heldOut());
        counts.put("evaluated", p.counts().evaluated());
        p.counts().leftOut().forEach((why, n) -> counts.put("left_out_" + why.name().toLowerCase(Locale.ROOT), n));
        return s;
    }

    /** Throws away what {@link #prepare} wrote for a request that will not run. */
    public static void discard(Prepared p) {
        deleteQuietly(p.staging());
    }

    static void deleteQuietly(Path dir) {
        RunFolders.deleteQuietly(dir);
    }
}

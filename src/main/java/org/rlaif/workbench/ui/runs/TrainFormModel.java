package org.rlaif.workbench.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.RewardModelRequest;
import org.rlaif.workbench.training.RewardModelTraining;
import org.rlaif.workbench.training.TrainingHyper;
import org.rlaif.workbench.training.TrainingSetupException;
import org.rlaif.workbench.ui.common.Notice;

/**
 * The "Train reward model" form, and the "RLAIF vs RLHF" one (two runs with the same settings, one on an AI source
 * and one on human labels). The fields are text as typed; {@link #requests} reads them, saying which field is wrong.
 * {@link #submit} checks the requests off the JavaFX thread; what is wrong shows beside the form, and when it is
 * the training environment, the form offers to make it.
 */
public final class TrainFormModel {
    public enum Mode { SINGLE, COMPARISON }

    private final Mode mode;
    private final TrainingLauncher launcher;
    private final ProjectStore store;
    private final StringProperty labels = new SimpleStringProperty(this, "labels", "");
    private final StringProperty humanLabels = new SimpleStringProperty(this, "humanLabels", "humans");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty backbone = new SimpleStringProperty(this, "backbone", "tiny");
    private final StringProperty device = new SimpleStringProperty(this, "device", "auto");
    private final StringProperty seed = new SimpleStringProperty(this, "seed",
            Long.toString(RewardModelRequest.DEFAULT_SEED));
    private final StringProperty epochs = new SimpleStringProperty(this, "epochs", "");
    private final StringProperty maxSteps = new SimpleStringProperty(this, "maxSteps", "");
    private final StringProperty batchSize = new SimpleStringProperty(this, "batchSize", "");
    private final StringProperty learningRate = new SimpleStringProperty(this, "learningRate", "");
    private final StringProperty maxLength = new SimpleStringProperty(this, "maxLength", "");
    private final StringProperty evalSteps = new SimpleStringProperty(this, "evalSteps", "");
    private final BooleanProperty lora = new SimpleBooleanProperty(this, "lora");
    private final StringProperty loraR = new SimpleStringProperty(this, "loraR", "16");
    private final StringProperty loraAlpha = new SimpleStringProperty(this, "loraAlpha", "32");
    private final StringProperty loraDropout = new SimpleStringProperty(this, "loraDropout", "0.05");
    private final StringProperty problem = new SimpleStringProperty(this, "problem");
    private final BooleanProperty offerSetup = new SimpleBooleanProperty(this, "offerSetup");
    private final BooleanProperty checking = new SimpleBooleanProperty(this, "checking");
    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final ObservableList<String> humanSources = FXCollections.observableArrayList();

    TrainFormModel(Mode mode, TrainingLauncher launcher, ProjectStore store, List<Labeler> labelers) {
        this.mode = mode;
        this.launcher = launcher;
        this.store = store;
        List<String> humans = new ArrayList<>(List.of("humans", "adjudicated", "agreed"));
        List<String> ais = new ArrayList<>(List.of("ai"));
        for (Labeler l : labelers) {
            if (l.kind() == LabelerKind.HUMAN) {
                humans.add(l.name());
            } else if (l.kind() == LabelerKind.AI) {
                ais.add(l.name());
                humans.add("agreed:" + l.name());
            }
        }
        humanSources.setAll(humans);
        if (mode == Mode.COMPARISON) {
            sources.setAll(ais);
        } else {
            sources.addAll(ais);
            sources.addAll(humans);
        }
        ais.stream().filter(s -> !s.equals("ai")).findFirst().or(() -> sources.stream().findFirst())
                .ifPresent(labels::set);
    }

    public Mode mode() {
        return mode;
    }

    /**
     * The requests the form describes: one, or for the comparison the AI run and the human run with identical
     * settings.
     *
     * @throws TrainingSetupException naming the field that is wrong
     */
    public List<RewardModelRequest> requests() {
        String source = required(labels.get(), mode == Mode.COMPARISON ? "the AI label source" : "the label source");
        TrainingHyper hyper = new TrainingHyper(number(epochs, "epochs", Double::valueOf),
                number(maxSteps, "max steps", Integer::valueOf), number(batchSize, "batch size", Integer::valueOf),
                number(learningRate, "learning rate", Double::valueOf),
                number(maxLength, "max length", Integer::valueOf), number(evalSteps, "eval steps", Integer::valueOf));
        if (hyper.maxSteps() != null && hyper.maxSteps() < 1) {
            throw new TrainingSetupException("max steps must be at least 1, got " + hyper.maxSteps());
        }
        if (hyper.evalSteps() != null && hyper.evalSteps() < 1) {
            throw new TrainingSetupException("eval steps must be at least 1, got " + hyper.evalSteps());
        }
        Long s = number(seed, "seed", Long::valueOf);
        RewardModelRequest.LoraSettings l = !lora.get() ? null : new RewardModelRequest.LoraSettings(
                required(loraR, "LoRA r", Integer::valueOf), required(loraAlpha, "LoRA alpha", Integer::valueOf),
                required(loraDropout, "LoRA dropout", Double::valueOf));
        String runName = mode == Mode.COMPARISON ? "RLAIF reward model on " + source : blankToNull(name.get());
        RewardModelRequest first = new RewardModelRequest(source, backbone.get(), device.get(),
                s == null ? RewardModelRequest.DEFAULT_SEED : s, hyper, l, runName, null, null, null);
        if (mode == Mode.SINGLE) {
            return List.of(first);
        }
        String human = required(humanLabels.get(), "the human label source");
        return List.of(first, new RewardModelRequest(human, first.backbone(), first.device(), first.seed(), hyper,
                l, "RLHF reward model on " + human, null, null, null));
    }

    /**
     * Checks the form and the requests (environment, device, backbone, label sources, models folder) in the
     * background; {@code ready} gets them prepared, else the problem shows beside the form.
     */
    public void submit(Consumer<List<RewardModelTraining.Prepared>> ready) {
        problem.set(null);
        offerSetup.set(false);
        List<RewardModelRequest> requests;
        try {
            requests = requests();
        } catch (TrainingSetupException e) {
            problem.set(e.getMessage());
            return;
        }
        checking.set(true);
        launcher.prepare(store, requests, prepared -> {
            checking.set(false);
            ready.accept(prepared);
        }, e -> {
            checking.set(false);
            problem.set(Notice.describe(e));
            offerSetup.set(e instanceof TrainingLauncher.EnvironmentMissing && !launcher.environment().isNamed());
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new TrainingSetupException(what + " is needed");
        }
        return value.strip();
    }

    private static <T> T required(StringProperty field, String what, Function<String, T> parse) {
        T value = number(field, what, parse);
        if (value == null) {
            throw new TrainingSetupException(what + " is needed");
        }
        return value;
    }

    private static <T> T number(StringProperty field, String what, Function<String, T> parse) {
        String text = blankToNull(field.get());
        if (text == null) {
            return null;
        }
        try {
            return parse.apply(text.replace("_", "").toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new TrainingSetupException(what + " must be a number, got '" + text + "'");
        }
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<String> sources() {
        return sources;
    }

    public ObservableList<String> humanSources() {
        return humanSources;
    }

    public StringProperty labelsProperty() {
        return labels;
    }

    public StringProperty humanLabelsProperty() {
        return humanLabels;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty backboneProperty() {
        return backbone;
    }

    public StringProperty deviceProperty() {
        return device;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty epochsProperty() {
        return epochs;
    }

    public StringProperty maxStepsProperty() {
        return maxSteps;
    }

    public StringProperty batchSizeProperty() {
        return batchSize;
    }

    public StringProperty learningRateProperty() {
        return learningRate;
    }

    public StringProperty maxLengthProperty() {
        return maxLength;
    }

    public StringProperty evalStepsProperty() {
        return evalSteps;
    }

    public BooleanProperty loraProperty() {
        return lora;
    }

    public StringProperty loraRProperty() {
        return loraR;
    }

    public StringProperty loraAlphaProperty() {
        return loraAlpha;
    }

    public StringProperty loraDropoutProperty() {
        return loraDropout;
    }

    /** What is wrong with the form or its requests, or null. */
    public StringProperty problemProperty() {
        return problem;
    }

    /** Whether the problem is a training environment the app can make. */
    public ReadOnlyBooleanProperty offerSetupProperty() {
        return offerSetup;
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking;
    }
}

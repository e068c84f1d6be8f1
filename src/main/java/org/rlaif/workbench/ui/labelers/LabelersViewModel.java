package org.rlaif.workbench.ui.labelers;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.AiLabelerConfig;
import org.rlaif.workbench.labeling.AiLabelerSettings;
import org.rlaif.workbench.labeling.AiLabelers;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.labeling.ConnectionCheck;
import org.rlaif.workbench.labeling.LabelingProgress;
import org.rlaif.workbench.labeling.LabelingReport;
import org.rlaif.workbench.labeling.LabelingRun;
import org.rlaif.workbench.labeling.OrderMode;
import org.rlaif.workbench.labeling.PairSelection;
import org.rlaif.workbench.labeling.RunControl;
import org.rlaif.workbench.labeling.client.OpenAiChatClient;
import org.rlaif.workbench.labeling.client.RetryPolicy;
import org.rlaif.workbench.labeling.prompt.PromptTemplates;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.ui.common.JobExecutor;
import org.rlaif.workbench.ui.common.JobHandle;

/**
 * The Labelers screen without its controls: the AI labelers of the project, the form of the one being edited, a
 * connection test on one pair, and the labeling run with its live figures. Every database read or write and every
 * request runs through the {@link JobExecutor}; the commands here only start jobs and flip flags.
 */
public final class LabelersViewModel {
    private final ProjectStore store;
    private final JobExecutor jobs;
    private final ApiKeySource keys;

    // --- the list
    private final ObservableList<Labeler> labelers = FXCollections.observableArrayList();
    private final ObjectProperty<Labeler> selected = new SimpleObjectProperty<>(this, "selected");

    // --- the form
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty baseUrl = new SimpleStringProperty(this, "baseUrl", "http://127.0.0.1:8080/v1");
    private final StringProperty model = new SimpleStringProperty(this, "model", "");
    private final StringProperty params = new SimpleStringProperty(this, "params", "");
    private final ObjectProperty<Technique> technique = new SimpleObjectProperty<>(this, "technique", Technique.PREAMBLE);
    private final StringProperty apiKeyEnv = new SimpleStringProperty(this, "apiKeyEnv", "");
    private final DoubleProperty temperature = new SimpleDoubleProperty(this, "temperature", 0);
    private final IntegerProperty maxTokens = new SimpleIntegerProperty(this, "maxTokens", 16);
    private final IntegerProperty samples = new SimpleIntegerProperty(this, "samples", 1);
    private final BooleanProperty bothOrders = new SimpleBooleanProperty(this, "bothOrders", false);
    private final IntegerProperty fewShot = new SimpleIntegerProperty(this, "fewShot", 0);
    private final IntegerProperty concurrency = new SimpleIntegerProperty(this, "concurrency", 4);
    private final IntegerProperty requestsPerMinute = new SimpleIntegerProperty(this, "requestsPerMinute", 0);
    private final StringProperty priceIn = new SimpleStringProperty(this, "priceIn", "");
    private final StringProperty priceOut = new SimpleStringProperty(this, "priceOut", "");
    private final ObjectProperty<Task> templateTask = new SimpleObjectProperty<>(this, "templateTask", Task.SUMMARIZATION);
    private final StringProperty templateText = new SimpleStringProperty(this, "templateText", "");
    private final Map<Task, String> templateOverrides = new EnumMap<>(Task.class);

    // --- test connection
    private final ReadOnlyStringWrapper testPrompt = new ReadOnlyStringWrapper(this, "testPrompt", "");
    private final ReadOnlyStringWrapper testAnswer = new ReadOnlyStringWrapper(this, "testAnswer", "");
    private final ReadOnlyStringWrapper testVerdict = new ReadOnlyStringWrapper(this, "testVerdict", "");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper(this, "testing", false);

    // --- the run
    private final IntegerProperty limit = new SimpleIntegerProperty(this, "limit", 0);
    private final BooleanProperty unlabeledOnly = new SimpleBooleanProperty(this, "unlabeledOnly", false);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused", false);
    private final ReadOnlyDoubleWrapper runProgress = new ReadOnlyDoubleWrapper(this, "runProgress", 0);
    private final ReadOnlyStringWrapper runCounts = new ReadOnlyStringWrapper(this, "runCounts", "");
    private final ReadOnlyStringWrapper runRate = new ReadOnlyStringWrapper(this, "runRate", "");
    private final ReadOnlyStringWrapper runTokens = new ReadOnlyStringWrapper(this, "runTokens", "");
    private final ReadOnlyStringWrapper runCost = new ReadOnlyStringWrapper(this, "runCost", "");
    private final ReadOnlyStringWrapper runFailures = new ReadOnlyStringWrapper(this, "runFailures", "");
    private final ReadOnlyStringWrapper runState = new ReadOnlyStringWrapper(this, "runState", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

    private final AtomicReference<LabelingProgress> latest = new AtomicReference<>();
    private RunControl control;
    private LabelingReport lastReport;
    private boolean loadingTemplate;

    public LabelersViewModel(ProjectStore store, JobExecutor jobs) {
        this(store, jobs, ApiKeySource.system());
    }

    public LabelersViewModel(ProjectStore store, JobExecutor jobs, ApiKeySource keys) {
        this.store = Objects.requireNonNull(store, "store");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.keys = Objects.requireNonNull(keys, "keys");
        selected.addListener((o, was, now) -> {
            if (now != null) {
                load(now);
            }
        });
        templateTask.addListener((o, was, now) -> showTemplate(now));
        templateText.addListener((o, was, now) -> rememberTemplateEdit(now));
        showTemplate(templateTask.get());
    }

    // ------------------------------------------------------------------ commands

    /** Reads the project's AI labelers again. */
    public void refresh() {
        jobs.submit("Reading labelers", ctx -> new AiLabelers(store).runnable(), list -> {
            Labeler keep = selected.get();
            labelers.setAll(list);
            if (keep != null) {
                list.stream().filter(l -> l.name().equals(keep.name())).findFirst().ifPresent(selected::set);
            }
        }, this::fail);
    }

    /** Clears the form for a new labeler. */
    public void newLabeler() {
        selected.set(null);
        name.set("");
        model.set("");
        params.set("");
        templateOverrides.clear();
        showTemplate(templateTask.get());
        error.set("");
    }

    /** Saves the form as a labeler of the project. */
    public void save() {
        AiLabelerConfig config;
        try {
            config = config();
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        jobs.submit("Saving labeler " + config.name(), ctx -> new AiLabelers(store).save(config), saved -> {
            message.set("Saved " + saved.name());
            error.set("");
            refresh();
        }, this::fail);
    }

    /** Labels one pair with the form's settings, shows the prompt and the raw answer, stores nothing. */
    public void testConnection() {
        AiLabelerConfig config;
        try {
            config = config();
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        testing.set(true);
        testPrompt.set("");
        testAnswer.set("");
        testVerdict.set("Asking " + config.baseUrl() + " …");
        jobs.submit("Testing " + config.baseUrl(), ctx -> {
            String key = keys.keyFor(config.settings());
            try (OpenAiChatClient client = new OpenAiChatClient(config.baseUrl(), key,
                    Duration.ofSeconds(config.settings().timeoutSeconds()))) {
                return ConnectionCheck.run(store, config, client);
            }
        }, check -> {
            testing.set(false);
            testPrompt.set(check.prompt() == null ? "" : check.prompt());
            testAnswer.set(check.rawAnswer() == null ? "" : check.rawAnswer());
            testVerdict.set(check.ok()
                    ? String.format(Locale.ROOT, "Verdict %s, P(A) %.3f — %s, %d ms", check.choice(),
                    check.probabilityA(), check.softLabel() ? "from log-probabilities" : "no log-probabilities returned",
                    check.millis())
                    : "Failed: " + check.failure());
        }, e -> {
            testing.set(false);
            testVerdict.set("Failed: " + e.getMessage());
        });
    }

    /** Saves the labeler and labels the chosen pairs; progress shows live. */
    public void startRun() {
        if (running.get()) {
            return;
        }
        AiLabelerConfig config;
        try {
            config = config();
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        PairSelection selection = PairSelection.all().withUnlabeledOnly(unlabeledOnly.get())
                .withLimit(limit.get() > 0 ? limit.get() : null);
        RunControl runControl = new RunControl();
        control = runControl;
        running.set(true);
        paused.set(false);
        error.set("");
        runState.set("starting");
        JobHandle handle = jobs.submit("Labeling with " + config.name(), ctx -> {
            Labeler labeler = new AiLabelers(store).save(config);
            String key = keys.keyFor(config.settings());
            try (OpenAiChatClient client = new OpenAiChatClient(config.baseUrl(), key,
                    Duration.ofSeconds(config.settings().timeoutSeconds()))) {
                return new LabelingRun(store, labeler, selection, client,
                        RetryPolicy.standard(config.settings().retries()), null).execute(runControl, p -> {
                            latest.set(p);
                            ctx.progress(p.done(), p.total());
                            ctx.message(p.state() + " " + p.done() + "/" + p.total());
                        });
            }
        }, report -> {
            lastReport = report;
            latest.set(report.progress());
            showProgress();
            running.set(false);
            paused.set(false);
            runState.set(report.state().name().toLowerCase(Locale.ROOT));
            message.set(report.message());
            if (report.stoppedByFailure()) {
                error.set(report.message());
            }
            refresh();
        }, e -> {
            running.set(false);
            runState.set("failed");
            fail(e);
        });
        // the job's message changes on this (the FX) thread: the cue to show the latest figures
        handle.messageProperty().addListener((o, was, now) -> showProgress());
    }

    public void pauseRun() {
        if (control != null && running.get()) {
            control.pause();
            paused.set(true);
            runState.set("pausing");
        }
    }

    public void resumeRun() {
        if (control != null && running.get()) {
            control.resume();
            paused.set(false);
        }
    }

    public void cancelRun() {
        if (control != null && running.get()) {
            control.cancel();
            runState.set("cancelling");
        }
    }

    /** Puts the shipped template of the selected task back in place of an edited one. */
    public void resetTemplate() {
        templateOverrides.remove(templateTask.get());
        showTemplate(templateTask.get());
    }

    // ------------------------------------------------------------------ internals

    private void showProgress() {
        LabelingProgress p = latest.get();
        if (p == null) {
            return;
        }
        runProgress.set(p.fraction());
        runState.set(p.state().name().toLowerCase(Locale.ROOT));
        runCounts.set(String.format(Locale.ROOT, "%,d / %,d slots · %,d labeled · %,d already labeled%s",
                p.done(), p.total(), p.labeled(), p.skipped(), p.combined() > 0 ? " · " + p.combined() + " debiased" : ""));
        runRate.set(String.format(Locale.ROOT, "%.1f labels/s · %,d requests · %d in flight", p.ratePerSecond(),
                p.requests(), p.inFlight()));
        runTokens.set(String.format(Locale.ROOT, "%,d tokens in · %,d out", p.tokensIn(), p.tokensOut()));
        runCost.set(p.estimatedCostUsd() == null ? "no price set" : String.format(Locale.ROOT, "≈ $%.4f", p.estimatedCostUsd()));
        runFailures.set(String.format(Locale.ROOT, "%,d failed · %,d retries%s", p.failed(), p.retries(),
                p.lastFailure() == null ? "" : " · last: " + p.lastFailure()));
    }

    private void load(Labeler l) {
        AiLabelerConfig c;
        try {
            c = AiLabelerConfig.fromLabeler(l);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        AiLabelerSettings s = c.settings();
        name.set(c.name());
        baseUrl.set(c.baseUrl());
        model.set(c.model());
        params.set(c.params() == null ? "" : String.format(Locale.ROOT, "%.3g", c.params()));
        technique.set(c.technique());
        apiKeyEnv.set(s.apiKeyEnv() == null ? "" : s.apiKeyEnv());
        temperature.set(s.temperature());
        maxTokens.set(s.maxTokens());
        samples.set(s.samples());
        bothOrders.set(s.orders() == OrderMode.BOTH);
        fewShot.set(s.fewShot());
        concurrency.set(s.concurrency());
        requestsPerMinute.set(s.requestsPerMinute());
        priceIn.set(s.priceInputPerMTok() == null ? "" : s.priceInputPerMTok().toString());
        priceOut.set(s.priceOutputPerMTok() == null ? "" : s.priceOutputPerMTok().toString());
        templateOverrides.clear();
        templateOverrides.putAll(s.templates());
        showTemplate(templateTask.get());
        error.set("");
    }

    private void showTemplate(Task task) {
        loadingTemplate = true;
        try {
            templateText.set(templateOverrides.getOrDefault(task, PromptTemplates.shippedText(task)));
        } finally {
            loadingTemplate = false;
        }
    }

    private void rememberTemplateEdit(String text) {
        if (loadingTemplate) {
            return;
        }
        Task task = templateTask.get();
        if (text == null || text.equals(PromptTemplates.shippedText(task))) {
            templateOverrides.remove(task);
        } else {
            templateOverrides.put(task, text);
        }
    }

    /** The form as a labeler configuration; a field that is not valid throws with a message for the user. */
    AiLabelerConfig config() {
        AiLabelerSettings d = AiLabelerSettings.defaults();
        AiLabelerSettings settings = new AiLabelerSettings(temperature.get(), maxTokens.get(), d.rationaleMaxTokens(),
                d.topLogprobs(), samples.get(), bothOrders.get() ? OrderMode.BOTH : OrderMode.AB, fewShot.get(),
                d.fewShotSeed(), concurrency.get(), requestsPerMinute.get(), d.timeoutSeconds(), d.retries(),
                blankToNull(apiKeyEnv.get()), null, number("input price", priceIn.get()),
                number("output price", priceOut.get()), Map.copyOf(templateOverrides));
        return new AiLabelerConfig(name.get() == null ? "" : name.get().strip(), baseUrl.get(), blankToNull(model.get()),
                number("parameter count", params.get()), technique.get(), settings);
    }

    private static Double number(String what, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void fail(Throwable e) {
        error.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    // ------------------------------------------------------------------ properties

    public ObservableList<Labeler> labelers() {
        return labelers;
    }

    public ObjectProperty<Labeler> selectedProperty() {
        return selected;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty baseUrlProperty() {
        return baseUrl;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public StringProperty paramsProperty() {
        return params;
    }

    public ObjectProperty<Technique> techniqueProperty() {
        return technique;
    }

    public StringProperty apiKeyEnvProperty() {
        return apiKeyEnv;
    }

    public DoubleProperty temperatureProperty() {
        return temperature;
    }

    public IntegerProperty maxTokensProperty() {
        return maxTokens;
    }

    public IntegerProperty samplesProperty() {
        return samples;
    }

    public BooleanProperty bothOrdersProperty() {
        return bothOrders;
    }

    public IntegerProperty fewShotProperty() {
        return fewShot;
    }

    public IntegerProperty concurrencyProperty() {
        return concurrency;
    }

    public IntegerProperty requestsPerMinuteProperty() {
        return requestsPerMinute;
    }

    public StringProperty priceInProperty() {
        return priceIn;
    }

    public StringProperty priceOutProperty() {
        return priceOut;
    }

    public ObjectProperty<Task> templateTaskProperty() {
        return templateTask;
    }

    public StringProperty templateTextProperty() {
        return templateText;
    }

    public ReadOnlyStringProperty testPromptProperty() {
        return testPrompt.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testAnswerProperty() {
        return testAnswer.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testVerdictProperty() {
        return testVerdict.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testingProperty() {
        return testing.getReadOnlyProperty();
    }

    public IntegerProperty limitProperty() {
        return limit;
    }

    public BooleanProperty unlabeledOnlyProperty() {
        return unlabeledOnly;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty runProgressProperty() {
        return runProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runCountsProperty() {
        return runCounts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runRateProperty() {
        return runRate.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runTokensProperty() {
        return runTokens.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runCostProperty() {
        return runCost.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runFailuresProperty() {
        return runFailures.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty runStateProperty() {
        return runState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** How the last run ended, or null before the first. */
    public LabelingReport lastReport() {
        return lastReport;
    }

    static List<Technique> techniques() {
        return List.of(Technique.values());
    }
}

package org.rlaif.workbench.ui.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.rlaif.workbench.training.DeviceText;
import org.rlaif.workbench.training.EnvironmentCheck;
import org.rlaif.workbench.training.EnvironmentSetup;
import org.rlaif.workbench.training.TrainingEnvironment;
import org.rlaif.workbench.ui.common.JobExecutor;
import org.rlaif.workbench.ui.common.JobHandle;

/**
 * The "Training environment" dialog: what the Python the trainers run on holds (Python, torch and its device,
 * transformers, TRL, what is missing), and making the app's own environment with pip's output as it comes, which
 * the user may cancel (nothing half-installed is kept: {@link EnvironmentSetup}).
 */
public final class EnvironmentViewModel {
    /** One line of the check: what, what was found, and whether it is fine. */
    public record Item(String what, String found, boolean ok) {
    }

    static final int OUTPUT_LINES = 2000;

    private final JobExecutor jobs;
    private final TrainingEnvironment env;
    private final ObjectProperty<EnvironmentCheck> check = new SimpleObjectProperty<>(this, "check");
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<String> output = FXCollections.observableArrayList();
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final BooleanProperty checking = new SimpleBooleanProperty(this, "checking");
    private final BooleanProperty settingUp = new SimpleBooleanProperty(this, "settingUp");
    private final ConcurrentLinkedQueue<String> arriving = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean cancel = new AtomicBoolean();

    public EnvironmentViewModel(JobExecutor jobs, TrainingEnvironment env) {
        this.jobs = jobs;
        this.env = env;
    }

    /** Runs the check (it starts Python and imports torch: seconds). */
    public void check() {
        checking.set(true);
        summary.set("Checking " + env.python() + " …");
        jobs.submit("Checking the training environment", ctx -> EnvironmentCheck.of(env), this::show, e -> {
            checking.set(false);
            summary.set("The check failed: " + org.rlaif.workbench.ui.common.Notice.describe(e));
        });
    }

    void show(EnvironmentCheck c) {
        checking.set(false);
        check.set(c);
        items.setAll(items(c.report()));
        if (c.ok()) {
            summary.set("Ready to train" + (c.hasCuda() ? " on the GPU." : " (on the CPU: no CUDA device)."));
        } else {
            summary.set(String.join("; ", c.problems()) + (canSetUp() ? ". \"Make it\" installs what is missing."
                    : ". Install the requirements into " + env.python() + " yourself: rlaif-workbench train-env"
                    + " --print-requirements prints them."));
        }
    }

    static List<Item> items(JsonNode r) {
        List<Item> out = new ArrayList<>();
        JsonNode py = r.path("python");
        out.add(new Item("Python", r.path("python_path").asText("") + (py.hasNonNull("version")
                ? " (" + py.get("version").asText() + ")" : ""), py.isObject() && py.path("ok").asBoolean(false)));
        if (r.has("device")) {
            out.add(new Item("Device", DeviceText.describe(r.path("device")), true));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = r.path("packages").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode v = p.getValue();
            String state = v.path("state").asText("");
            String installed = v.path("installed").isTextual() ? v.path("installed").asText() : "missing";
            out.add(new Item(p.getKey(), installed + (state.isEmpty() || state.equals("ok") ? ""
                    : " (" + state + "; pinned " + v.path("required").asText() + ")"), state.equals("ok")));
        }
        return out;
    }

    /** Only the app's own environment is made here; a Python the user named is theirs to install into. */
    public boolean canSetUp() {
        return !env.isNamed();
    }

    /** Makes (or brings up to date) the app's environment, then checks it again. */
    public JobHandle setUp() {
        cancel.set(false);
        output.clear();
        settingUp.set(true);
        JobHandle handle = jobs.submit("Making the training environment", ctx -> {
            return new EnvironmentSetup(env, line -> {
                arriving.add(line);
                ctx.message(line); // wakes the window, which takes every line that arrived (messages coalesce)
            }, () -> cancel.get() || ctx.isCancelled()).ensure(false, false);
        }, r -> {
            drainOutput();
            output.add(r.message());
            settingUp.set(false);
            check();
        }, e -> {
            drainOutput();
            output.add(org.rlaif.workbench.ui.common.Notice.describe(e));
            settingUp.set(false);
            check();
        });
        if (handle != null) {
            handle.messageProperty().addListener((o, was, now) -> drainOutput());
        }
        return handle;
    }

    /** Stops pip; the half-made environment is thrown away. */
    public void cancelSetUp() {
        cancel.set(true);
    }

    void drainOutput() {
        for (String line; (line = arriving.poll()) != null; ) {
            output.add(line);
        }
        if (output.size() > OUTPUT_LINES) {
            output.remove(0, output.size() - OUTPUT_LINES);
        }
    }

    public ObservableList<Item> items() {
        return items;
    }

    public ObservableList<String> output() {
        return output;
    }

    public StringProperty summaryProperty() {
        return summary;
    }

    public ReadOnlyBooleanProperty checkingProperty() {
        return checking;
    }

    public ReadOnlyBooleanProperty settingUpProperty() {
        return settingUp;
    }

    public ObjectProperty<EnvironmentCheck> checkProperty() {
        return check;
    }

    public String pythonPath() {
        return env.python().toString();
    }
}

package org.rlaif.workbench.ui.common;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A submitted job as the window sees it: title, progress (0..1, or -1 while unknown), message, running, and
 * cancel. Its properties only change on the JavaFX thread (or, with {@link DirectJobExecutor}, on the caller's).
 */
public final class JobHandle {
    private final String title;
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", true);
    private final Runnable canceller;

    JobHandle(String title, Runnable canceller) {
        this.title = title;
        this.canceller = canceller;
    }

    public String title() {
        return title;
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    /** Asks the job to stop; it ends at its next check, and its success callback is not called. */
    public void cancel() {
        canceller.run();
    }

    void setProgress(double value) {
        progress.set(value);
    }

    void setMessage(String text) {
        message.set(text);
    }

    void finished() {
        running.set(false);
    }
}

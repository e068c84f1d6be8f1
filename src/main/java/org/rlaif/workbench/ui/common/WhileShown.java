package org.rlaif.workbench.ui.common;

import java.util.function.BooleanSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The reading a screen does only while it is shown. A change in the project or in the screen's choices makes the
 * screen's data due; it is read at once if the screen shows, else when it is shown next, so a hidden screen costs
 * nothing however often the project changes. The view binds {@link #activeProperty} to being in a scene.
 */
public final class WhileShown {
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", true);
    private final BooleanSupplier ready;
    private final Runnable work;
    private boolean due = true;

    /** {@code work} runs when due and shown and {@code ready} (typically: a project is open). */
    public WhileShown(BooleanSupplier ready, Runnable work) {
        this.ready = ready;
        this.work = work;
        active.addListener((o, was, now) -> runIfDue());
    }

    /** Shown (true) or not; the view binds it. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** Something changed: read again now if shown, else when shown. */
    public void changed() {
        due = true;
        runIfDue();
    }

    /** Something changed, but nothing is to be read before the next {@link #runIfDue} or showing. */
    public void markDue() {
        due = true;
    }

    /** Runs the work if it is due, the screen shows and it is ready. */
    public void runIfDue() {
        if (active.get() && due && ready.getAsBoolean()) {
            due = false;
            work.run();
        }
    }

    /** The work ran by another way (the user asked for it): it is not due any more. */
    public void ran() {
        due = false;
    }
}

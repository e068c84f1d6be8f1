package org.rlaif.workbench.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WhileShownTest {
    private final AtomicInteger runs = new AtomicInteger();
    private final AtomicBoolean ready = new AtomicBoolean(true);
    private final WhileShown whenShown = new WhileShown(ready::get, runs::incrementAndGet);

    @Test
    void aHiddenScreenReadsOnceWhenShownHoweverOftenThingsChanged() {
        whenShown.activeProperty().set(false);
        whenShown.changed();
        whenShown.changed();
        assertThat(runs).hasValue(0);
        whenShown.activeProperty().set(true);
        assertThat(runs).hasValue(1);
        whenShown.activeProperty().set(false);
        whenShown.activeProperty().set(true);
        assertThat(runs).as("nothing changed meanwhile").hasValue(1);
    }

    @Test
    void aShownScreenReadsAtOnceAndNotBeforeItIsReady() {
        ready.set(false);
        whenShown.runIfDue();
        assertThat(runs).hasValue(0);
        ready.set(true);
        whenShown.changed();
        assertThat(runs).hasValue(1);
        whenShown.markDue();
        assertThat(runs).hasValue(1);
        whenShown.ran(); // the user asked for it meanwhile
        whenShown.runIfDue();
        assertThat(runs).hasValue(1);
    }
}

package org.rlaif.workbench.training;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Assertions;

/**
 * The training environment the tests that really train use: the app's own ({@code train-env} makes it; CI makes it
 * before the tests). A developer's clone without one skips those tests with a message saying how to get it; where
 * {@code RLAIF_REQUIRE_TRAINING=1} (CI sets it) a missing environment fails them instead, so CI can never pass by
 * skipping what it is meant to check.
 */
public final class TrainingEnvironmentForTests {
    public static final String REQUIRE = "RLAIF_REQUIRE_TRAINING";

    private TrainingEnvironmentForTests() {
    }

    /** The environment, or the test is skipped (or failed, where it is required). */
    public static TrainingEnvironment require() {
        TrainingEnvironment env = TrainingEnvironment.locate(AppDataFolder.get(), null);
        if (!env.exists()) {
            String why = "no training environment at " + env.python()
                    + ": run `java -jar target/rlaif-workbench.jar train-env --with-tests` once to run the training tests";
            if ("1".equals(System.getenv(REQUIRE))) {
                Assertions.fail(why + " (" + REQUIRE + "=1: it is required here)");
            }
            assumeTrue(false, why);
        }
        return env;
    }
}

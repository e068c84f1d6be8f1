package org.rlaif.workbench.labeling;

import java.util.Objects;
import java.util.function.Function;

/**
 * Finds a labeler's API key where its settings say it is kept (an environment variable or a keyring entry, by
 * name). The key is returned to the caller that sends requests and never stored: not in the project, not in a run's
 * spec, not in a log.
 */
public final class ApiKeySource {
    private final Function<String, String> environment;
    private final OsKeyring keyring;

    public ApiKeySource(Function<String, String> environment, OsKeyring keyring) {
        this.environment = Objects.requireNonNull(environment, "environment");
        this.keyring = Objects.requireNonNull(keyring, "keyring");
    }

    public static ApiKeySource system() {
        return new ApiKeySource(System::getenv, OsKeyring.system());
    }

    /** The key, or null when the labeler needs none (no variable or entry named). */
    public String keyFor(AiLabelerSettings settings) {
        if (settings.apiKeyEnv() != null) {
            String value = environment.apply(settings.apiKeyEnv());
            if (value == null || value.isBlank()) {
                throw new LabelingSetupException("the API key variable " + settings.apiKeyEnv()
                        + " is not set in this environment");
            }
            return value.strip();
        }
        if (settings.apiKeyKeyring() != null) {
            return keyring.lookup(settings.apiKeyKeyring()).orElseThrow(() -> new LabelingSetupException(
                    "the keyring has no entry '" + settings.apiKeyKeyring() + "' for service " + OsKeyring.SERVICE));
        }
        return null;
    }
}

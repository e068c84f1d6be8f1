package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to start one trainer: the run's kind and name as the project lists them, the spec it was given
 * (stored with the run), and the process to start.
 *
 * @param stopGrace    how long a trainer asked to stop may take to finish its step and save before it is killed
 * @param silenceLimit how long a trainer may say nothing (no event, no output, no error output) before it counts as
 *                     hung and is killed
 */
public record TrainerLaunch(String kind, String name, ObjectNode spec, List<String> command,
                            Map<String, String> environment, Path directory, Duration stopGrace,
                            Duration silenceLimit) {
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(60);
    public static final Duration DEFAULT_SILENCE_LIMIT = Duration.ofMinutes(15);

    public TrainerLaunch {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spec, "spec");
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(silenceLimit, "silenceLimit");
    }

    public TrainerLaunch withLimits(Duration grace, Duration silence) {
        return new TrainerLaunch(kind, name, spec, command, environment, directory, grace, silence);
    }
}

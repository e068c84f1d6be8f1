package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.io.Json;

/**
 * A reward model's held-out agreement with humans from its trainer's own scores ({@code scores.jsonl}: both rewards
 * of every held-out pair, decision 22), with the same tie rule and bootstrap interval as {@link HeldOutAgreement}.
 * Needs no scorer in the app, so a finished run has its figure whether or not its model became a labeler; where it
 * did, the labeler's figure is the same (its scores equal the trainer's within 1e-4).
 */
public final class HeldOutScores {
    private HeldOutScores() {
    }

    /**
     * @param evalJsonl   the run's held-out pairs with their human verdicts
     * @param scoresJsonl the trainer's {@code reward_a}, {@code reward_b} per held-out pair
     */
    public static HeldOutAgreement of(Path evalJsonl, Path scoresJsonl) {
        Map<Long, Choice> human = HeldOutAgreement.humanVerdicts(evalJsonl);
        long pairs = 0;
        long agree = 0;
        long ties = 0;
        try (BufferedReader in = Files.newBufferedReader(scoresJsonl, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.mapper().readTree(line);
                Choice verdict = human.get(n.path("id").asLong());
                if (verdict == null) {
                    continue;
                }
                double a = n.path("reward_a").asDouble();
                double b = n.path("reward_b").asDouble();
                pairs++;
                if (a == b) {
                    ties++;
                } else if ((a > b ? Choice.A : Choice.B) == verdict) {
                    agree++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the held-out scores " + scoresJsonl, e);
        }
        return HeldOutAgreement.counted(pairs, agree, ties);
    }
}

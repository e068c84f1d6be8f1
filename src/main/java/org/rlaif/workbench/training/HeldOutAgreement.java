package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.metrics.Bootstrap;
import org.rlaif.workbench.metrics.Interval;
import org.rlaif.workbench.store.ProjectStore;

/**
 * How often a reward model's labeler agrees with the human verdict on the pairs its run held out: the figure the
 * RLAIF paper compares between a model trained on AI labels and one trained on human labels. A tie counts half, as
 * in {@code metrics}; the 95% interval is the same seeded percentile bootstrap.
 *
 * @param pairs held-out pairs with a human verdict that the labeler labeled
 */
public record HeldOutAgreement(long pairs, long agree, long ties, double agreement, Interval ci95) {

    /** Reads the held-out pairs and their human verdicts from the run's {@code eval.jsonl}. */
    public static HeldOutAgreement of(ProjectStore store, long labelerId, Path evalJsonl) {
        Map<Long, Choice> human = humanVerdicts(evalJsonl);
        long agree = 0;
        long ties = 0;
        long pairs = 0;
        for (Map.Entry<Long, Choice> e : human.entrySet()) {
            List<Label> labels = store.read(c -> store.labels().current(c, e.getKey()));
            Choice model = null;
            for (Label l : labels) {
                if (l.labelerId() == labelerId && l.isVerdict()) {
                    model = l.choice();
                }
            }
            if (model == null) {
                continue;
            }
            pairs++;
            if (model == Choice.TIE) {
                ties++;
            } else if (model == e.getValue()) {
                agree++;
            }
        }
        return counted(pairs, agree, ties);
    }

    /** The agreement and its interval from the counts: {@code agree} pairs agree, {@code ties} count half. */
    static HeldOutAgreement counted(long pairs, long agree, long ties) {
        if (pairs == 0) {
            return new HeldOutAgreement(0, 0, 0, Double.NaN, null);
        }
        long disagree = pairs - agree - ties;
        Interval ci = Bootstrap.meanInterval(new long[] {agree, ties, disagree}, new double[] {1, 0.5, 0},
                Bootstrap.DEFAULT_RESAMPLES, Bootstrap.DEFAULT_SEED, 0.95);
        return new HeldOutAgreement(pairs, agree, ties, (agree + ties / 2.0) / pairs, ci);
    }

    static Map<Long, Choice> humanVerdicts(Path evalJsonl) {
        Map<Long, Choice> out = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(evalJsonl, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = Json.mapper().readTree(line);
                out.put(n.get("id").asLong(), Choice.valueOf(n.get("human").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the held-out pairs " + evalJsonl, e);
        }
        return out;
    }
}

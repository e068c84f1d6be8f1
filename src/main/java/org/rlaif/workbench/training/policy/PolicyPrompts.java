package org.rlaif.workbench.training.policy;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.RewardModelData;
import org.rlaif.workbench.training.RewardModelRequest;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * The prompts policies answer: the contexts of the project's pairs, stored once each by content (decision 45). Which
 * prompts are held out follows the reward models' rule, so an RL policy never trains on a prompt it is later judged
 * on: where the project has a train and a test split of its own, a prompt is held out when one of its pairs is in the
 * test split; otherwise when one of its pairs falls in the seeded holdout of {@link RewardModelData} with the default
 * seed. Head-to-head evaluation pairs are policies' outputs, not prompts of their own, and are left out.
 */
public final class PolicyPrompts {
    /** How the prompts stand after a sync. */
    public record Counts(long pairs, long prompts, long train, long test, long changed, String splitRule) {
        public String describe() {
            return String.format(Locale.ROOT, "%,d prompts from %,d pairs: %,d to train on, %,d held out (%s)",
                    prompts, pairs, train, test, splitRule);
        }
    }

    private PolicyPrompts() {
    }

    /** Stores the contexts of every pair as prompts, or brings their split up to date; one transaction. */
    public static Counts sync(ProjectStore store) {
        return store.write(c -> {
            boolean ownSplit = ownSplit(c);
            Map<String, Prompt> byKey = new LinkedHashMap<>();
            long pairs = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, task, context, source, split FROM comparison"
                    + " WHERE source <> ? ORDER BY id")) {
                ps.setString(1, Comparison.POLICY_EVAL_SOURCE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        pairs++;
                        boolean heldOut = ownSplit ? Split.parse(rs.getString(5)) == Split.TEST
                                : RewardModelData.isHeldOut(rs.getLong(1), RewardModelRequest.DEFAULT_SEED);
                        Prompt p = Prompt.draft(rs.getString(3), Task.parse(rs.getString(2)),
                                heldOut ? Split.TEST : Split.TRAIN, rs.getString(4));
                        Prompt seen = byKey.putIfAbsent(p.promptKey(), p);
                        if (seen != null && heldOut && seen.split() == Split.TRAIN) {
                            byKey.put(p.promptKey(), p); // held out by one pair: held out
                        }
                    }
                }
            }
            long changed = 0;
            for (Prompt p : byKey.values()) {
                changed += store.policies().syncPrompt(c, p) ? 1 : 0;
            }
            long test = byKey.values().stream().filter(p -> p.split() == Split.TEST).count();
            return new Counts(pairs, byKey.size(), byKey.size() - test, test, changed, rule(ownSplit));
        });
    }

    private static String rule(boolean ownSplit) {
        return ownSplit ? "the project's test split" : String.format(Locale.ROOT,
                "the reward models' seeded holdout, seed %d", RewardModelRequest.DEFAULT_SEED);
    }

    /** Whether the pairs (evaluation pairs aside) fall in both splits. */
    private static boolean ownSplit(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT split) FROM comparison WHERE source <> ?")) {
            ps.setString(1, Comparison.POLICY_EVAL_SOURCE);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 2;
            }
        }
    }

    /** Every prompt of a split (all when null), in id order. */
    public static List<Prompt> list(ProjectStore store, Split split) {
        return store.read(c -> {
            List<Prompt> all = new ArrayList<>();
            long after = 0;
            while (true) {
                List<Prompt> page = store.policies().prompts(c, split, after, 1000);
                if (page.isEmpty()) {
                    return all;
                }
                all.addAll(page);
                after = page.getLast().id();
            }
        });
    }

    /**
     * Writes {@code {"id", "prompt"}} lines (decision 22) for the prompts of a split, leaving out {@code skip}, at
     * most {@code limit} of them (0: all); returns how many were written.
     */
    public static int write(List<Prompt> prompts, Set<Long> skip, int limit, Path file) {
        int written = 0;
        try (OutputStream out = Files.newOutputStream(file);
             JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (Prompt p : prompts) {
                if (skip.contains(p.id())) {
                    continue;
                }
                if (limit > 0 && written >= limit) {
                    break;
                }
                g.writeStartObject();
                g.writeNumberField("id", p.id());
                g.writeStringField("prompt", p.text());
                g.writeEndObject();
                g.writeRaw('\n');
                written++;
            }
        } catch (IOException e) {
            throw new TrainingSetupException("cannot write the prompts to " + file + ": " + e.getMessage(), e);
        }
        return written;
    }
}

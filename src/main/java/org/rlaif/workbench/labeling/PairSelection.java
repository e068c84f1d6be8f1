package org.rlaif.workbench.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * Which pairs a labeling run covers. The selection is deterministic (id order; a seeded sample), so running the same
 * selection again after a crash finds the same pairs and skips the slots already labeled.
 *
 * @param unlabeledOnly only pairs on which this labeler has no label in force at all ("the next N new pairs")
 * @param sampleSize    a random sample of this many pairs (drawn with {@code seed}), or null for all
 * @param limit         at most this many pairs (after sampling), or null
 * @param retryFailed   ask again where this labeler's label in force is a failed one (the new label supersedes it)
 */
public record PairSelection(Set<Task> tasks, Set<String> sources, Split split, List<Long> ids, boolean unlabeledOnly,
                            Integer sampleSize, long seed, Integer limit, boolean retryFailed) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public PairSelection {
        tasks = tasks == null || tasks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(tasks));
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        ids = ids == null ? List.of() : List.copyOf(ids);
        if (sampleSize != null && sampleSize < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, got " + sampleSize);
        }
        if (limit != null && limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }

    public static PairSelection all() {
        return new PairSelection(Set.of(), Set.of(), null, List.of(), false, null, 0, null, false);
    }

    public PairSelection withLimit(Integer newLimit) {
        return new PairSelection(tasks, sources, split, ids, unlabeledOnly, sampleSize, seed, newLimit, retryFailed);
    }

    public PairSelection withUnlabeledOnly(boolean value) {
        return new PairSelection(tasks, sources, split, ids, value, sampleSize, seed, limit, retryFailed);
    }

    public PairSelection withSample(Integer size, long newSeed) {
        return new PairSelection(tasks, sources, split, ids, unlabeledOnly, size, newSeed, limit, retryFailed);
    }

    public PairSelection withRetryFailed(boolean value) {
        return new PairSelection(tasks, sources, split, ids, unlabeledOnly, sampleSize, seed, limit, value);
    }

    /** The selected pairs (id and content key), in id order. */
    public List<SelectedPair> select(Connection c, long labelerId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, pair_key FROM comparison WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (!tasks.isEmpty()) {
            sql.append(" AND task IN (").append(marks(tasks.size())).append(')');
            new TreeSet<>(tasks).forEach(t -> args.add(t.key()));
        }
        if (!sources.isEmpty()) {
            sql.append(" AND source IN (").append(marks(sources.size())).append(')');
            args.addAll(new TreeSet<>(sources));
        }
        if (split != null) {
            sql.append(" AND split = ?");
            args.add(split.key());
        }
        if (!ids.isEmpty()) {
            sql.append(" AND id IN (SELECT value FROM json_each(?))");
            args.add(ids.toString());
        }
        if (unlabeledOnly) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM current_label l WHERE l.comparison_id = comparison.id"
                    + " AND l.labeler_id = ?)");
            args.add(labelerId);
        }
        sql.append(" ORDER BY id");
        List<SelectedPair> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SelectedPair(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        List<SelectedPair> chosen = out;
        if (sampleSize != null && sampleSize < out.size()) {
            // java.util.Random's sequence is fixed by its specification, so a seed draws the same sample everywhere
            List<SelectedPair> shuffled = new ArrayList<>(out);
            Collections.shuffle(shuffled, new Random(seed));
            chosen = new ArrayList<>(shuffled.subList(0, sampleSize));
            chosen.sort(Comparator.comparingLong(SelectedPair::id));
        }
        if (limit != null && limit < chosen.size()) {
            chosen = chosen.subList(0, limit);
        }
        return chosen;
    }

    /** A pair chosen for labeling: its id and content key (which decides the order shown in random mode). */
    public record SelectedPair(long id, String pairKey) {
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    public ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        if (!tasks.isEmpty()) {
            new TreeSet<>(tasks).forEach(t -> o.withArray("tasks").add(t.key()));
        }
        if (!sources.isEmpty()) {
            new TreeSet<>(sources).forEach(s -> o.withArray("sources").add(s));
        }
        if (split != null) {
            o.put("split", split.key());
        }
        if (!ids.isEmpty()) {
            ids.forEach(id -> o.withArray("ids").add(id));
        }
        o.put("unlabeled_only", unlabeledOnly);
        if (sampleSize != null) {
            o.put("sample", sampleSize);
            o.put("seed", seed);
        }
        if (limit != null) {
            o.put("limit", limit);
        }
        o.put("retry_failed", retryFailed);
        return o;
    }

    public static PairSelection fromJson(JsonNode o) {
        Set<Task> tasks = EnumSet.noneOf(Task.class);
        o.path("tasks").forEach(t -> tasks.add(Task.parse(t.asText())));
        Set<String> sources = new TreeSet<>();
        o.path("sources").forEach(s -> sources.add(s.asText()));
        List<Long> ids = new ArrayList<>();
        o.path("ids").forEach(id -> ids.add(id.asLong()));
        return new PairSelection(tasks, sources, o.hasNonNull("split") ? Split.parse(o.path("split").asText()) : null,
                ids, o.path("unlabeled_only").asBoolean(false),
                o.hasNonNull("sample") ? o.path("sample").asInt() : null, o.path("seed").asLong(0),
                o.hasNonNull("limit") ? o.path("limit").asInt() : null, o.path("retry_failed").asBoolean(false));
    }

    public static PairSelection fromJson(String json) {
        try {
            return fromJson(JSON.readTree(json));
        } catch (IOException e) {
            throw new LabelingSetupException("the run's pair selection is not valid JSON: " + e.getMessage());
        }
    }
}

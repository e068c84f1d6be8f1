package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.PolicyKind;
import org.rlaif.workbench.domain.PolicyOutput;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;

/**
 * Policies, the prompts they answer and what they wrote (schema 5). Policies are unique by name; a prompt is stored
 * once by its content; an output is unique per (policy, prompt, sample).
 */
public final class PolicyRepository {
    private static final String POLICY_COLUMNS = "id, name, kind, run_id, model_path, config";
    private static final String PROMPT_COLUMNS = "id, prompt_key, text, task, split, source";
    private static final String OUTPUT_COLUMNS = "id, policy_id, prompt_id, sample_index, response, reward, run_id";

    /**
     * The policy called {@code wanted.name()}, made from {@code wanted} when there is none. An existing policy of
     * another kind is an error: outputs imported as one policy must not join another's.
     */
    public Policy findOrCreate(Connection c, Policy wanted) throws SQLException {
        Optional<Policy> existing = findByName(c, wanted.name());
        if (existing.isPresent()) {
            if (existing.get().kind() != wanted.kind()) {
                throw new StoreException("policy '" + wanted.name() + "' already exists as " + existing.get().kind()
                        + ", not " + wanted.kind());
            }
            return existing.get();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy (name, kind, run_id, model_path, config,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, wanted.name());
            ps.setString(2, wanted.kind().name());
            Rows.setNullableLong(ps, 3, wanted.runId());
            ps.setString(4, wanted.modelPath());
            ps.setString(5, wanted.configJson());
            ps.setLong(6, System.currentTimeMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return wanted.withId(rs.getLong(1));
            }
        }
    }

    public Optional<Policy> findByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + POLICY_COLUMNS + " FROM policy WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(policy(rs)) : Optional.empty();
            }
        }
    }

    public Optional<Policy> find(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + POLICY_COLUMNS + " FROM policy WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(policy(rs)) : Optional.empty();
            }
        }
    }

    public List<Policy> list(Connection c) throws SQLException {
        List<Policy> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + POLICY_COLUMNS + " FROM policy ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(policy(rs));
            }
        }
        return out;
    }

    /** The stored prompt with {@code draft}'s content, storing it when there is none. */
    public Prompt findOrCreatePrompt(Connection c, Prompt draft) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO prompt (prompt_key, text, task, split, source)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (prompt_key) DO NOTHING")) {
            ps.setString(1, draft.promptKey());
            ps.setString(2, draft.text());
            ps.setString(3, draft.task().key());
            ps.setString(4, draft.split().key());
            ps.setString(5, draft.source());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PROMPT_COLUMNS + " FROM prompt WHERE prompt_key = ?")) {
            ps.setString(1, draft.promptKey());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return prompt(rs);
            }
        }
    }

    public Optional<Prompt> findPrompt(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PROMPT_COLUMNS + " FROM prompt WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(prompt(rs)) : Optional.empty();
            }
        }
    }

    /** Prompts of a split (all when null), in id order, after {@code afterId}. */
    public List<Prompt> prompts(Connection c, Split split, long afterId, int limit) throws SQLException {
        List<Prompt> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + PROMPT_COLUMNS + " FROM prompt WHERE id > ?"
                + (split == null ? "" : " AND split = ?") + " ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterId);
            int i = 2;
            if (split != null) {
                ps.setString(i++, split.key());
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(prompt(rs));
                }
            }
        }
        return out;
    }

    /**
     * Adds an output; one that is already there (the same policy, prompt and sample, or the same origin) is left as
     * it is. Returns whether a row was added.
     */
    public boolean addOutput(Connection c, PolicyOutput o, String origin) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy_output (policy_id, prompt_id, sample_index,"
                + " response, reward, run_id, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, o.policyId());
            ps.setLong(2, o.promptId());
            ps.setInt(3, o.sampleIndex());
            ps.setString(4, o.response());
            Rows.setNullableDouble(ps, 5, o.reward());
            Rows.setNullableLong(ps, 6, o.runId());
            ps.setString(7, origin);
            ps.setLong(8, System.currentTimeMillis());
            return ps.executeUpdate() == 1;
        }
    }

    /** Every output of a policy, by prompt then sample. */
    public List<PolicyOutput> outputs(Connection c, long policyId) throws SQLException {
        return outputsWhere(c, "policy_id = ?", policyId);
    }

    /** Every output written for a prompt, by policy then sample. */
    public List<PolicyOutput> outputsForPrompt(Connection c, long promptId) throws SQLException {
        return outputsWhere(c, "prompt_id = ?", promptId);
    }

    public Optional<PolicyOutput> findOutput(Connection c, long id) throws SQLException {
        List<PolicyOutput> found = outputsWhere(c, "id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    private List<PolicyOutput> outputsWhere(Connection c, String where, long value) throws SQLException {
        List<PolicyOutput> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + OUTPUT_COLUMNS + " FROM policy_output WHERE "
                + where + " ORDER BY prompt_id, policy_id, sample_index")) {
            ps.setLong(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(output(rs));
                }
            }
        }
        return out;
    }

    private static Policy policy(ResultSet rs) throws SQLException {
        return new Policy(rs.getLong("id"), rs.getString("name"), PolicyKind.valueOf(rs.getString("kind")),
                Rows.nullableLong(rs, "run_id"), rs.getString("model_path"), rs.getString("config"));
    }

    private static Prompt prompt(ResultSet rs) throws SQLException {
        return new Prompt(rs.getLong("id"), rs.getString("prompt_key"), rs.getString("text"),
                Task.parse(rs.getString("task")), Split.parse(rs.getString("split")), rs.getString("source"));
    }

    private static PolicyOutput output(ResultSet rs) throws SQLException {
        double reward = rs.getDouble("reward");
        Double r = rs.wasNull() ? null : reward;
        return new PolicyOutput(rs.getLong("id"), rs.getLong("policy_id"), rs.getLong("prompt_id"),
                rs.getInt("sample_index"), rs.getString("response"), r, Rows.nullableLong(rs, "run_id"));
    }
}

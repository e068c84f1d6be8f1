package org.rlaif.workbench.io.outputs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.PolicyKind;
import org.rlaif.workbench.domain.PolicyOutput;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Policy outputs made elsewhere, stored as outputs of {@code IMPORTED} policies (decision 47), so head-to-head
 * judging and win rates work on policies trained outside the app: a file of (prompt, policy, response) records, or
 * the summaries of the project's TL;DR comparisons, each of which names the policy that wrote it. All of an import
 * is one transaction. Importing again adds nothing: a record whose origin is stored, or whose policy already wrote
 * the same text for the same prompt, is counted as already there.
 */
public final class OutputsImport {
    /** What an import added. */
    public record Report(long records, long added, long alreadyThere, List<String> policies, long newPrompts) {
    }

    private OutputsImport() {
    }

    /**
     * Stores records; a prompt the project does not have yet is added with {@code task} and {@code split}.
     *
     * @param from how the new policies' config names where they came from (a file name)
     */
    public static Report store(ProjectStore store, List<OutputRecord> records, Task task, Split split, String from) {
        return store.write(c -> {
            Map<String, Policy> policies = new LinkedHashMap<>();
            long added = 0;
            long there = 0;
            long before = store.policies().countPrompts(c, null);
            for (OutputRecord r : records) {
                if (store.policies().hasOrigin(c, r.origin())) {
                    there++;
                    continue;
                }
                Policy policy = policies.get(r.policy());
                if (policy == null) {
                    String config = Json.mapper().createObjectNode().put("imported_from", from).toString();
                    policy = store.policies().findOrCreate(c, new Policy(0, r.policy(), PolicyKind.IMPORTED, null,
                            null, config));
                    policies.put(r.policy(), policy);
                }
                Prompt prompt = store.policies().findOrCreatePrompt(c, Prompt.draft(r.prompt(), task, split, from));
                if (store.policies().hasOutput(c, policy.id(), prompt.id(), r.response())) {
                    there++;
                    continue;
                }
                int sample = store.policies().nextSampleIndex(c, policy.id(), prompt.id());
                store.policies().addOutput(c, new PolicyOutput(0, policy.id(), prompt.id(), sample, r.response(),
                        null, null), r.origin());
                added++;
            }
            long newPrompts = store.policies().countPrompts(c, null) - before;
            return new Report(records.size(), added, there, new ArrayList<>(new TreeSet<>(policies.keySet())),
                    newPrompts);
        });
    }

    /**
     * The summaries of the project's pairs that name the policy that wrote them (the TL;DR reader keeps them as
     * {@code policy_a} and {@code policy_b}), as output records; evaluation pairs are left out.
     */
    public static List<OutputRecord> fromPairs(ProjectStore store) {
        return store.read(c -> pairRecords(c));
    }

    private static List<OutputRecord> pairRecords(Connection c) throws SQLException {
        List<OutputRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, pair_key, context, response_a, response_b, metadata"
                + " FROM comparison WHERE source <> ? AND (metadata LIKE '%\"policy_a\"%'"
                + " OR metadata LIKE '%\"policy_b\"%') ORDER BY id")) {
            ps.setString(1, Comparison.POLICY_EVAL_SOURCE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode meta;
                    try {
                        meta = Json.mapper().readTree(rs.getString(6));
                    } catch (IOException e) {
                        continue;
                    }
                    String key = rs.getString(2);
                    add(out, meta.path("policy_a"), rs.getString(3), rs.getString(4), "pair:" + key + ":a");
                    add(out, meta.path("policy_b"), rs.getString(3), rs.getString(5), "pair:" + key + ":b");
                }
            }
        }
        return out;
    }

    private static void add(List<OutputRecord> out, JsonNode policy, String prompt, String response, String origin) {
        if (policy.isTextual() && !policy.asText().isBlank() && !response.isBlank()) {
            out.add(new OutputRecord(prompt, policy.asText().strip(), response, origin, 0));
        }
    }
}

package org.rlaif.workbench.labeling;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.store.ProjectStore;

/** The AI labelers of a project that can be run: saving their configuration and reading it back. */
public final class AiLabelers {
    private final ProjectStore store;

    public AiLabelers(ProjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** AI labelers with a server configured, by name (imported AI labelers have none and cannot be run). */
    public List<Labeler> runnable() {
        return store.listLabelers().stream()
                .filter(l -> l.kind() == LabelerKind.AI && l.endpoint() != null && l.modelId() != null)
                .toList();
    }

    public Optional<Labeler> find(String name) {
        return store.read(c -> store.labelers().findByName(c, name));
    }

    /**
     * Creates the labeler or updates its settings. A labeler that already has labels keeps what shaped them
     * (model, technique, temperature, prompts, few-shot, orders): changing those would mix two labelers under one
     * name, so it is refused; traffic settings (server, concurrency, limits, key variable, prices) may change.
     */
    public Labeler save(AiLabelerConfig config) {
        return store.write(c -> {
            Optional<Labeler> existing = store.labelers().findByName(c, config.name());
            if (existing.isEmpty()) {
                return store.labelers().insert(c, config.toLabeler(0));
            }
            Labeler old = existing.get();
            if (old.kind() != LabelerKind.AI) {
                throw new LabelingSetupException("'" + config.name() + "' is a " + old.kind()
                        + " labeler in this project; choose another name");
            }
            if (labelCount(c, old.id()) > 0 && old.endpoint() != null && old.modelId() != null) {
                List<String> changed = AiLabelerConfig.fromLabeler(old).labelAffectingDifferences(config);
                if (!changed.isEmpty()) {
                    throw new LabelingSetupException("labeler '" + config.name() + "' already has labels made with"
                            + " other settings (" + String.join("; ", changed) + "); give the new settings a new"
                            + " labeler name so the two can be compared");
                }
            }
            Labeler updated = config.toLabeler(old.id());
            store.labelers().update(c, updated);
            return updated;
        });
    }

    public long labelCount(long labelerId) {
        return store.read(c -> labelCount(c, labelerId));
    }

    private static long labelCount(java.sql.Connection c, long labelerId) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM label WHERE labeler_id = ?")) {
            ps.setLong(1, labelerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}

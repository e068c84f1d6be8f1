package org.rlaif.workbench.ui.pairs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.AgreementStatus;
import org.rlaif.workbench.store.PairFilter;
import org.rlaif.workbench.store.PairOrder;
import org.rlaif.workbench.store.ProjectMeta;
import org.rlaif.workbench.store.StoreException;

/** Saved filters, as a JSON list under one project setting. */
final class SavedFilters {
    static final String KEY = "ui.saved_filters";
    private final ProjectMeta meta = new ProjectMeta();

    List<SavedFilter> list(Connection c) throws SQLException {
        String json = meta.get(c, KEY).orElse("[]");
        try {
            List<Entry> entries = Json.mapper().readerFor(new TypeReference<List<Entry>>() { })
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json);
            return entries.stream().map(Entry::toSaved).toList();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StoreException("saved filters in this project cannot be read: " + e.getMessage(), e);
        }
    }

    /** Adds {@code saved}, replacing one of the same name. */
    List<SavedFilter> put(Connection c, SavedFilter saved) throws SQLException {
        List<SavedFilter> all = new ArrayList<>(list(c));
        all.removeIf(f -> f.name().equalsIgnoreCase(saved.name()));
        all.add(saved);
        write(c, all);
        return all;
    }

    List<SavedFilter> remove(Connection c, String name) throws SQLException {
        List<SavedFilter> all = new ArrayList<>(list(c));
        all.removeIf(f -> f.name().equals(name));
        write(c, all);
        return all;
    }

    private void write(Connection c, List<SavedFilter> all) throws SQLException {
        try {
            meta.put(c, KEY, Json.mapper().writeValueAsString(all.stream().map(Entry::of).toList()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored form: plain fields, so the format stays stable when PairFilter grows methods. */
    record Entry(String name, Set<Task> tasks, Set<Split> splits, Set<String> sources,
                 Set<AgreementStatus> statuses, Long labelerId, PairFilter.LabelerCondition.Mode labelerMode,
                 double minConfidence, double maxConfidence, Boolean adjudicated, String text, PairOrder order) {

        static Entry of(SavedFilter s) {
            PairFilter f = s.filter();
            return new Entry(s.name(), f.tasks(), f.splits(), f.sources(), f.statuses(),
                    f.labeler() == null ? null : f.labeler().labelerId(),
                    f.labeler() == null ? null : f.labeler().mode(), f.minConfidence(), f.maxConfidence(),
                    f.adjudicated(), f.text(), s.order());
        }

        SavedFilter toSaved() {
            PairFilter f = new PairFilter(orEmpty(tasks), orEmpty(splits), orEmpty(sources), orEmpty(statuses),
                    labelerId == null ? null : new PairFilter.LabelerCondition(labelerId, labelerMode),
                    minConfidence, maxConfidence, adjudicated, text);
            return new SavedFilter(name, f, order == null ? PairOrder.ID : order);
        }

        private static <T> Set<T> orEmpty(Set<T> s) {
            return s == null ? Set.of() : s;
        }
    }
}

package org.rlaif.workbench.store;

import java.util.List;
import org.rlaif.workbench.domain.Labeler;

/**
 * The few counts the window keeps in view (status line, start screen), read from the pair summaries in one scan,
 * so they stay cheap to refresh after every label even in a project of a million pairs.
 */
public record ProjectOverview(long pairs, long disputed, long adjudicated, List<Labeler> labelers) {
    public ProjectOverview {
        labelers = List.copyOf(labelers);
    }
}

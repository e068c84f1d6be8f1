package org.rlaif.workbench.metrics;

import java.util.List;
import java.util.Objects;

/**
 * A partition of a table's pairs into named groups, the unit of slicing: by task, source, split or a metadata key.
 *
 * @param dimension what the groups are ({@code task}, {@code source}, {@code split}, {@code meta:KEY})
 * @param names     group names; index = group code
 * @param groupOf   per pair index, its group code, or -1 for a pair in no group
 */
public record PairGroups(String dimension, List<String> names, int[] groupOf) {

    public PairGroups {
        Objects.requireNonNull(dimension, "dimension");
        names = List.copyOf(names);
        Objects.requireNonNull(groupOf, "groupOf");
        for (int g : groupOf) {
            if (g < -1 || g >= names.size()) {
                throw new IllegalArgumentException(dimension + ": group code " + g + " out of range (" + names.size() + " groups)");
            }
        }
    }

    public int groupCount() {
        return names.size();
    }

    /** How many pairs each group holds. */
    public int[] sizes() {
        int[] sizes = new int[names.size()];
        for (int g : groupOf) {
            if (g >= 0) {
                sizes[g]++;
            }
        }
        return sizes;
    }

    /** The pair indexes of one group, ascending. */
    public int[] pairIndexes(int group) {
        Objects.checkIndex(group, names.size());
        int n = 0;
        for (int g : groupOf) {
            if (g == group) {
                n++;
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int p = 0; p < groupOf.length; p++) {
            if (groupOf[p] == group) {
                out[k++] = p;
            }
        }
        return out;
    }

    public int group(String name) {
        int g = names.indexOf(name);
        if (g < 0) {
            throw new IllegalArgumentException(dimension + ": no group '" + name + "' (groups: " + names + ")");
        }
        return g;
    }
}

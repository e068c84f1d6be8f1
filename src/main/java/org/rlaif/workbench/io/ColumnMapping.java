package org.rlaif.workbench.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which column of a CSV or generic JSON lines file plays which {@link ColumnRole}: the user's {@code --column}
 * choices first, then, for the roles left, a column with one of the role's usual names. A file must yield the two
 * responses, either as {@code response_a}/{@code response_b} (with an optional {@code choice} or {@code p_a}) or
 * as {@code chosen}/{@code rejected}.
 */
public final class ColumnMapping {
    private static final Set<ColumnRole> RESPONSES = Set.of(ColumnRole.RESPONSE_A, ColumnRole.RESPONSE_B,
            ColumnRole.CHOSEN, ColumnRole.REJECTED);
    private final Map<ColumnRole, String> columns;

    private ColumnMapping(Map<ColumnRole, String> columns) {
        this.columns = columns;
    }

    /**
     * Resolves the mapping against a file's columns.
     *
     * @param requested the user's {@code role=column} choices
     * @param names     the file's column names (CSV header, or the fields of the first JSON record), for defaults
     *                  and messages
     * @param exists    whether a column the user named is in the file (for JSON, a dotted path may reach inside)
     */
    public static ColumnMapping resolve(Map<String, String> requested, List<String> names, Predicate<String> exists,
                                        Path file, long line) throws ImportException {
        return resolve(requested, names, exists, false, file, line);
    }

    /**
     * Like {@link #resolve(Map, List, Predicate, Path, long)}; with {@code keysForOptionalRoles} an optional role
     * (everything but the responses) that no column plays is looked up under its own key in every record: JSON
     * records need not all have the same fields, so the first one does not settle which optional ones exist.
     */
    public static ColumnMapping resolve(Map<String, String> requested, List<String> names, Predicate<String> exists,
                                        boolean keysForOptionalRoles, Path file, long line) throws ImportException {
        Map<ColumnRole, String> columns = new EnumMap<>(ColumnRole.class);
        Set<String> taken = new HashSet<>();
        for (Map.Entry<String, String> e : requested.entrySet()) {
            ColumnRole role;
            try {
                role = ColumnRole.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw new ImportException(file, 0, "--column " + e.getKey() + "=" + e.getValue() + ": " + ex.getMessage());
            }
            String column = find(e.getValue(), names, exists);
            if (column == null) {
                throw new ImportException(file, line, "column '" + e.getValue() + "' (given for " + role.key()
                        + ") is not in the file; its columns are " + names);
            }
            columns.put(role, column);
            taken.add(column);
        }
        for (ColumnRole role : ColumnRole.values()) {
            if (columns.containsKey(role)) {
                continue;
            }
            for (String usual : role.usualNames()) {
                String column = byNormalisedName(usual, names);
                if (column != null && !taken.contains(column)) {
                    columns.put(role, column);
                    taken.add(column);
                    break;
                }
            }
        }
        if (keysForOptionalRoles) {
            for (ColumnRole role : ColumnRole.values()) {
                if (!columns.containsKey(role) && !RESPONSES.contains(role) && !taken.contains(role.key())) {
                    columns.put(role, role.key());
                    taken.add(role.key());
                }
            }
        }
        ColumnMapping m = new ColumnMapping(columns);
        if (!m.pairwise() && !m.chosenRejected()) {
            throw new ImportException(file, line, "cannot tell which columns hold the two responses (found " + names
                    + "); name them with --column response_a=COLUMN --column response_b=COLUMN,"
                    + " or --column chosen=COLUMN --column rejected=COLUMN");
        }
        return m;
    }

    private static String find(String wanted, List<String> names, Predicate<String> exists) {
        if (names.contains(wanted) || exists.test(wanted)) {
            return wanted;
        }
        return byNormalisedName(wanted, names);
    }

    private static String byNormalisedName(String wanted, Collection<String> names) {
        String n = ColumnRole.normalise(wanted);
        for (String name : names) {
            if (ColumnRole.normalise(name).equals(n)) {
                return name;
            }
        }
        return null;
    }

    /** The column playing {@code role}, or null. */
    public String column(ColumnRole role) {
        return columns.get(role);
    }

    /** True when the file gives response A and response B (and perhaps a choice); false for chosen/rejected. */
    public boolean pairwise() {
        return columns.containsKey(ColumnRole.RESPONSE_A) && columns.containsKey(ColumnRole.RESPONSE_B);
    }

    private boolean chosenRejected() {
        return columns.containsKey(ColumnRole.CHOSEN) && columns.containsKey(ColumnRole.REJECTED);
    }

    /** Every column that plays a role; the others go to the pair's metadata. */
    public Set<String> used() {
        return Set.copyOf(columns.values());
    }

    /** "role=column" for each role played, for messages. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        columns.forEach((role, column) -> out.add(role.key() + "=" + column));
        return out;
    }
}

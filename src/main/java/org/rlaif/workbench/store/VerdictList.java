package org.rlaif.workbench.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rlaif.workbench.domain.Choice;

/**
 * The text form of {@code pair_summary.verdicts}: {@code ,<labeler id>:<A|B|T>:<P(A)>:<samples>,} per labeler.
 * Every entry starts after a comma, so {@code ",7:"} never matches labeler 17.
 */
final class VerdictList {
    private VerdictList() {
    }

    static Map<Long, PairRow.Verdict> parse(String text) {
        Map<Long, PairRow.Verdict> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        for (String entry : text.split(",")) {
            if (entry.isEmpty()) {
                continue;
            }
            String[] f = entry.split(":");
            if (f.length != 4) {
                throw new StoreException("malformed verdict list entry '" + entry + "' in pair_summary");
            }
            out.put(Long.parseLong(f[0]), new PairRow.Verdict(choice(f[1]), Double.parseDouble(f[2]),
                    Integer.parseInt(f[3])));
        }
        return out;
    }

    /** The substring that marks a labeler's entry, or its entry with a given verdict. */
    static String needle(long labelerId, Choice choice) {
        return "," + labelerId + ":" + (choice == null ? "" : code(choice));
    }

    /** A verdict as the list and the count table {@code pair_verdict_count} write it. */
    static String code(Choice choice) {
        return choice == Choice.TIE ? "T" : choice.name();
    }

    private static Choice choice(String code) {
        return switch (code) {
            case "A" -> Choice.A;
            case "B" -> Choice.B;
            case "T" -> Choice.TIE;
            default -> throw new StoreException("unknown verdict '" + code + "' in pair_summary");
        };
    }
}

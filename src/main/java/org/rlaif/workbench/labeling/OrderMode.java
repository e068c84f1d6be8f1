package org.rlaif.workbench.labeling;

import java.util.List;
import java.util.Locale;
import org.rlaif.workbench.domain.OrderShown;

/**
 * In which order(s) a labeler sees each pair. {@code BOTH} is position debiasing (Lee et al. 2023): the pair is asked
 * in both orders, both labels are kept, and their preference distributions are averaged. {@code RANDOM} shows one
 * order per pair and sample, decided by the pair's key, so a resumed run asks exactly what it would have.
 */
public enum OrderMode {
    AB, BA, RANDOM, BOTH;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderMode parse(String text) {
        for (OrderMode m : values()) {
            if (m.key().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown order '" + text + "' (expected ab, ba, random or both)");
    }

    public List<OrderShown> ordersFor(String pairKey, int sampleIndex) {
        return switch (this) {
            case AB -> List.of(OrderShown.AB);
            case BA -> List.of(OrderShown.BA);
            case BOTH -> List.of(OrderShown.AB, OrderShown.BA);
            case RANDOM -> List.of(((pairKey.hashCode() * 31 + sampleIndex) & 1) == 0 ? OrderShown.AB : OrderShown.BA);
        };
    }
}

package org.rlaif.workbench.io.export;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.store.StoreException;

/**
 * Applies a {@link LabelSource} to one pair: the chosen side, or why there is none. What an export writes and what a
 * reward model trains on are chosen by this one class, so the two cannot disagree about a pair.
 *
 * <p>Only labelers of kind HUMAN make the human majority and only kind AI the AI majority: a reward model
 * ({@code REWARD_MODEL}) or a policy judge never votes in either, so a model is never trained on its own verdicts.
 */
public final class LabelSourceResolver {
    private final LabelSource source;
    private final Set<Long> humans = new HashSet<>();
    private final Set<Long> ais = new HashSet<>();
    private long single = -1;

    public LabelSourceResolver(LabelSource source, List<Labeler> labelers) {
        this.source = source;
        for (Labeler l : labelers) {
            if (l.kind() == LabelerKind.HUMAN) {
                humans.add(l.id());
            } else if (l.kind() == LabelerKind.AI) {
                ais.add(l.id());
            }
        }
        switch (source) {
            case LabelSource.OneLabeler o -> single = idOf(o.name(), labelers);
            case LabelSource.Agreed a when a.aiName() != null -> {
                ais.clear();
                ais.add(idOf(a.aiName(), labelers));
            }
            default -> {
            }
        }
        if (source instanceof LabelSource.AiMajority && ais.isEmpty()) {
            throw new StoreException("the project has no AI labelers, so 'ai' has nothing to follow");
        }
        if (!(source instanceof LabelSource.OneLabeler) && !(source instanceof LabelSource.AiMajority)
                && humans.isEmpty()) {
            throw new StoreException("the project has no human labels, so '" + source.describe()
                    + "' has nothing to follow; export one labeler by name instead");
        }
    }

    private static long idOf(String name, List<Labeler> labelers) {
        for (Labeler l : labelers) {
            if (l.name().equals(name)) {
                return l.id();
            }
        }
        throw new StoreException("no labeler named '" + name + "'; labelers: "
                + String.join(", ", labelers.stream().map(Labeler::name).toList()));
    }

    /** Whether the project has human labelers: held-out agreement with humans needs them. */
    public boolean hasHumans() {
        return !humans.isEmpty();
    }

    /** The chosen side of one pair, or why it is left out. */
    public Decision choose(PairVerdicts pv) {
        return switch (source) {
            case LabelSource.OneLabeler o -> Decision.of(pv.verdicts().get(single));
            case LabelSource.HumanMajority h -> Decision.of(humanMajority(pv));
            case LabelSource.AiMajority a -> Decision.of(majority(pv, ais));
            case LabelSource.AdjudicatedElseMajority a ->
                    Decision.of(pv.adjudication() != null ? pv.adjudication() : humanMajority(pv));
            case LabelSource.Agreed a -> agreed(pv);
        };
    }

    /** The majority of the human labelers on a pair (null: none labeled it; TIE: they are split). */
    public Choice humanMajority(PairVerdicts pv) {
        return majority(pv, humans);
    }

    private static Choice majority(PairVerdicts pv, Set<Long> who) {
        List<Choice> votes = new ArrayList<>();
        for (Map.Entry<Long, Choice> e : pv.verdicts().entrySet()) {
            if (who.contains(e.getKey())) {
                votes.add(e.getValue());
            }
        }
        return Verdicts.majority(votes);
    }

    /** The human majority when every AI verdict on the pair matches it. */
    private Decision agreed(PairVerdicts pv) {
        Decision human = Decision.of(humanMajority(pv));
        if (human.chosen() == null) {
            return human;
        }
        boolean anyAi = false;
        for (Map.Entry<Long, Choice> e : pv.verdicts().entrySet()) {
            if (ais.contains(e.getKey())) {
                anyAi = true;
                if (e.getValue() != human.chosen()) {
                    return new Decision(null, LeftOut.DISAGREED);
                }
            }
        }
        return anyAi ? human : new Decision(null, LeftOut.NO_AI_LABEL);
    }

    /** Why a pair is not in the export. */
    public enum LeftOut { TIE, UNLABELED, DISAGREED, NO_AI_LABEL }

    /** Either a chosen side, or the reason there is none. */
    public record Decision(Choice chosen, LeftOut leftOut) {
        static Decision of(Choice verdict) {
            if (verdict == null) {
                return new Decision(null, LeftOut.UNLABELED);
            }
            return verdict == Choice.TIE ? new Decision(null, LeftOut.TIE) : new Decision(verdict, null);
        }
    }
}

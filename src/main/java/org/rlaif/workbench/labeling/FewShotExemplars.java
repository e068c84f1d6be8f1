package org.rlaif.workbench.labeling;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rlaif.workbench.domain.Adjudication;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.prompt.Exemplar;
import org.rlaif.workbench.labeling.prompt.PromptTemplate;
import org.rlaif.workbench.labeling.prompt.ShownPair;
import org.rlaif.workbench.labeling.prompt.Verdict;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Few-shot exemplars drawn from the project's adjudicated pairs: the final word of a person, so the judge is shown
 * answers a human stands behind. The same exemplars are used for every pair of a task (as in the paper), chosen by a
 * seed; a pair is never its own exemplar. Answers alternate 1, 2, 1, … so the exemplars themselves teach no position.
 */
public final class FewShotExemplars {
    private final int k;
    private final Map<Task, List<Comparison>> byTask;
    private final Map<Long, Choice> decided;
    private final List<Comparison> all;

    private FewShotExemplars(int k, Map<Task, List<Comparison>> byTask, List<Comparison> all, Map<Long, Choice> decided) {
        this.k = k;
        this.byTask = byTask;
        this.all = all;
        this.decided = decided;
    }

    public static FewShotExemplars none() {
        return new FewShotExemplars(0, Map.of(), List.of(), Map.of());
    }

    /**
     * Picks up to {@code k} (+1 spare, for when the pair being labeled is one of them) per task.
     *
     * @throws LabelingSetupException when few-shot is asked for and no pair has been adjudicated A or B
     */
    public static FewShotExemplars load(ProjectStore store, Connection c, int k, long seed) throws SQLException {
        if (k == 0) {
            return none();
        }
        List<Adjudication> adjudicated = new ArrayList<>();
        for (Adjudication a : store.adjudications().allCurrent(c)) {
            if (a.choice() == Choice.A || a.choice() == Choice.B) {
                adjudicated.add(a);
            }
        }
        if (adjudicated.isEmpty()) {
            throw new LabelingSetupException("few-shot needs adjudicated pairs (A or B) to draw exemplars from,"
                    + " and this project has none; adjudicate some pairs or set few-shot to 0");
        }
        Collections.shuffle(adjudicated, new Random(seed));
        Map<Task, List<Comparison>> byTask = new EnumMap<>(Task.class);
        List<Comparison> all = new ArrayList<>();
        Map<Long, Choice> decided = new java.util.HashMap<>();
        for (Adjudication a : adjudicated) {
            Comparison pair = store.comparisons().find(c, a.comparisonId()).orElseThrow();
            List<Comparison> same = byTask.computeIfAbsent(pair.task(), t -> new ArrayList<>());
            boolean wanted = same.size() <= k || all.size() <= k;
            if (same.size() <= k) {
                same.add(pair);
            }
            if (all.size() <= k) {
                all.add(pair);
            }
            if (wanted) {
                decided.put(pair.id(), a.choice());
            }
        }
        return new FewShotExemplars(k, byTask, all, decided);
    }

    /** The exemplars to show before {@code pair}: same task first, then others, never the pair itself. */
    public List<Exemplar> forPair(Comparison pair, PromptTemplate template) {
        if (k == 0) {
            return List.of();
        }
        List<Comparison> chosen = new ArrayList<>(k);
        for (List<Comparison> source : List.of(byTask.getOrDefault(pair.task(), List.of()), all)) {
            for (Comparison c : source) {
                if (chosen.size() < k && c.id() != pair.id() && !chosen.contains(c)) {
                    chosen.add(c);
                }
            }
        }
        List<Exemplar> out = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            out.add(orient(chosen.get(i), decided.get(chosen.get(i).id()), i % 2 == 0 ? Verdict.FIRST : Verdict.SECOND,
                    template));
        }
        return out;
    }

    /** Shows the exemplar in the order that makes {@code answer} the right answer. */
    private static Exemplar orient(Comparison c, Choice preferred, Verdict answer, PromptTemplate template) {
        boolean asksWorse = template.asksFor() == PromptTemplate.AsksFor.WORSE;
        boolean namedIsA = (preferred == Choice.A) != asksWorse;
        String named = namedIsA ? c.responseA() : c.responseB();
        String other = namedIsA ? c.responseB() : c.responseA();
        ShownPair shown = answer == Verdict.FIRST
                ? new ShownPair(c.context(), named, other)
                : new ShownPair(c.context(), other, named);
        return new Exemplar(c.id(), shown, answer);
    }
}

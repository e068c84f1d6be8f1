package org.rlaif.workbench.labeling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.client.OpenAiChatClient;
import org.rlaif.workbench.labeling.client.RetryPolicy;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.store.ProjectStore;

/** Projects of marked pairs, labelers pointed at a {@link FakeJudgeServer}, and position-bias figures from stored labels. */
public final class LabelingFixtures {
    private LabelingFixtures() {
    }

    /** {@code n} pairs; the better response is A for even i and B for odd i, so the truth is balanced. */
    static ProjectStore project(Path file, int n, Task task) {
        ProjectStore store = ProjectStore.open(file);
        store.write(c -> {
            for (int i = 0; i < n; i++) {
                String good = FakeJudgeServer.GOOD + " a careful answer number " + i;
                String bad = FakeJudgeServer.BAD + " a sloppy answer number " + i;
                boolean aGood = i % 2 == 0;
                store.comparisons().insert(c, Comparison.draft(task, "Question " + i + ": what should I do?",
                        aGood ? good : bad, aGood ? bad : good, "test", "q" + i, Split.TEST, "{}"));
            }
            return null;
        });
        return store;
    }

    /** The same pairs in a project file of their own, closed again (for tests that run the command line on it). */
    public static Path projectFile(Path file, int n, Task task) {
        project(file, n, task).close();
        return file;
    }

    static Choice truth(Comparison pair) {
        return pair.responseA().startsWith(FakeJudgeServer.GOOD) ? Choice.A : Choice.B;
    }

    static AiLabelerSettings settings(UnaryOperator<Map<String, Object>> edit) {
        Map<String, Object> m = new HashMap<>();
        m.put("concurrency", 8);
        m.put("timeout_s", 5);
        m.put("retries", 4);
        edit.apply(m);
        try {
            return AiLabelerSettings.fromJson(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Labeler labeler(ProjectStore store, FakeJudgeServer server, String name, Technique technique,
                           AiLabelerSettings settings) {
        return new AiLabelers(store).save(new AiLabelerConfig(name, server.baseUrl(), "fake-judge-7b", 7e9, technique,
                settings));
    }

    static RetryPolicy fastRetries(int retries) {
        return new RetryPolicy(retries, Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofSeconds(5));
    }

    static LabelingReport run(ProjectStore store, Labeler labeler, PairSelection selection, String baseUrl,
                              Duration timeout, RunControl control, LabelingListener listener, Long resume) {
        try (OpenAiChatClient client = new OpenAiChatClient(baseUrl, null, timeout)) {
            return new LabelingRun(store, labeler, selection, client, fastRetries(AiLabelerConfig.fromLabeler(labeler)
                    .settings().retries()), resume).execute(control, listener);
        }
    }

    static LabelingReport run(ProjectStore store, Labeler labeler, FakeJudgeServer server) {
        return run(store, labeler, PairSelection.all(), server.baseUrl(), Duration.ofSeconds(5), new RunControl(),
                LabelingListener.none(), null);
    }

    /** Every label row (history included) of a labeler. */
    static List<Label> allRows(ProjectStore store, long labelerId) {
        return store.read(c -> {
            List<Label> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT * FROM label WHERE labeler_id = ? ORDER BY id")) {
                ps.setLong(1, labelerId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(org.rlaif.workbench.store.LabelRepository.map(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Labels in force of a labeler. */
    static List<Label> current(ProjectStore store, long labelerId) {
        return store.read(c -> {
            List<Label> out = new ArrayList<>();
            try (var ps = c.prepareStatement("SELECT * FROM current_label WHERE labeler_id = ? ORDER BY id")) {
                ps.setLong(1, labelerId);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(org.rlaif.workbench.store.LabelRepository.map(rs));
                    }
                }
            }
            return out;
        });
    }

    static Map<Long, Choice> truths(ProjectStore store) {
        Map<Long, Choice> out = new HashMap<>();
        store.read(c -> {
            for (Comparison p : store.comparisons().page(c, 0, 1_000_000)) {
                out.put(p.id(), truth(p));
            }
            return null;
        });
        return out;
    }

    /** Share of verdicts shown in one order that chose the response shown first. */
    static double firstShownWins(List<Label> labels) {
        long shown = 0;
        long first = 0;
        for (Label l : labels) {
            if (l.status() != LabelStatus.OK || l.orderShown() == null || l.choice() == Choice.TIE) {
                continue;
            }
            shown++;
            if ((l.orderShown() == OrderShown.AB) == (l.choice() == Choice.A)) {
                first++;
            }
        }
        return shown == 0 ? Double.NaN : (double) first / shown;
    }

    /** Share of pair samples asked in both orders whose two verdicts agree. */
    static double positionConsistency(List<Label> labels) {
        Map<String, Choice[]> byPairSample = new HashMap<>();
        for (Label l : labels) {
            if (l.status() == LabelStatus.OK && l.orderShown() != null) {
                Choice[] both = byPairSample.computeIfAbsent(l.comparisonId() + "/" + l.sampleIndex(), k -> new Choice[2]);
                both[l.orderShown().ordinal()] = l.choice();
            }
        }
        long pairs = 0;
        long same = 0;
        for (Choice[] both : byPairSample.values()) {
            if (both[0] != null && both[1] != null) {
                pairs++;
                if (both[0] == both[1]) {
                    same++;
                }
            }
        }
        return pairs == 0 ? Double.NaN : (double) same / pairs;
    }

    static double accuracy(List<Label> labels, Map<Long, Choice> truth) {
        long n = 0;
        long right = 0;
        for (Label l : labels) {
            if (l.status() == LabelStatus.OK) {
                n++;
                if (l.choice() == truth.get(l.comparisonId())) {
                    right++;
                }
            }
        }
        return n == 0 ? Double.NaN : (double) right / n;
    }
}

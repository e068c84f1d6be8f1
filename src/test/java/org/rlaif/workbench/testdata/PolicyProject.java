package org.rlaif.workbench.testdata;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.store.ProjectStore;

/**
 * A toy project for policy runs, written through the real store: one pair per prompt ("Tell me about …"), whose
 * better response thanks the asker and whose worse one sends them away, A and B drawn with a seed. A human labeler
 * ({@link #HUMAN}) always picks the thanking one; an "AI" labeler ({@link #COIN}) picks by a coin, so an SFT policy
 * fine-tuned on its choices thanks about half the time and has something left to learn from a reward for thanks.
 * The last {@code test} prompts are the project's test split.
 */
public final class PolicyProject {
    public static final String HUMAN = "ann";
    public static final String COIN = "coin";
    public static final String[] TOPICS = {"rain", "cats", "tea", "maps", "bikes", "jazz", "salt", "snow", "code",
            "bread", "ships", "clocks"};

    private PolicyProject() {
    }

    public static void write(Path file, int train, int test) {
        Random rng = new Random(11);
        try (ProjectStore store = ProjectStore.open(file)) {
            store.write(c -> {
                Labeler human = store.labelers().findOrCreate(c, Labeler.human(HUMAN));
                Labeler coin = store.labelers().findOrCreate(c, Labeler.ai(COIN, "coin-1", null));
                for (int i = 0; i < train + test; i++) {
                    String t = TOPICS[rng.nextInt(TOPICS.length)];
                    String u = TOPICS[rng.nextInt(TOPICS.length)];
                    String good = capital(t) + " and " + u + " are lovely, thank you for asking!";
                    String bad = capital(t) + "? Go away.";
                    boolean goodIsA = rng.nextBoolean();
                    long id = store.comparisons().insert(c, Comparison.draft(Task.HELPFULNESS,
                            "Tell me about " + t + " and " + u + ", item " + i + ".", goodIsA ? good : bad,
                            goodIsA ? bad : good, "toy", Integer.toString(i), i < train ? Split.TRAIN : Split.TEST,
                            "{}"));
                    store.labels().append(c, Label.of(id, human.id(), 0, goodIsA ? Choice.A : Choice.B, null, null,
                            null));
                    store.labels().append(c, Label.of(id, coin.id(), 0, rng.nextBoolean() ? Choice.A : Choice.B, null,
                            null, null));
                }
                return null;
            });
        }
    }

    private static String capital(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}

package org.rlaif.workbench.training.policy;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.PolicyOutput;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.io.export.LabelSource;
import org.rlaif.workbench.io.export.LabelSourceResolver;
import org.rlaif.workbench.io.export.PairVerdictReader;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.TrainingSetupException;

/**
 * What an SFT run learns from (decision 22's {@code {"id", "prompt", "response"}} lines): the chosen responses of a
 * label source, or the responses a teacher (or any policy with outputs) wrote, {@code teacher:NAME}. Prompts of the
 * training split go to {@code train.jsonl}, held-out ones to {@code eval.jsonl} for the held-out loss; the split is
 * the prompts' ({@link PolicyPrompts}), so SFT, RL and the held-out outputs agree on what is held out.
 */
public final class SftData {
    /** The fewest samples worth fine-tuning on. */
    static final int MIN_TRAIN = 8;
    static final String TEACHER_PREFIX = "teacher:";

    /** What was written, and what was left out and why. */
    public record Counts(String source, long train, long eval, Map<LabelSourceResolver.LeftOut, Long> leftOut) {
        public String describe() {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                    "%s: %,d responses to train on, %,d held out for the held-out loss", source, train, eval));
            leftOut.forEach((why, n) -> s.append(String.format(Locale.ROOT, "; %,d pair(s) left out (%s)", n,
                    why.name().toLowerCase(Locale.ROOT).replace('_', ' '))));
            return s.toString();
        }
    }

    private SftData() {
    }

    /** Writes both files for {@code source}; throws {@link TrainingSetupException} naming a source that cannot train. */
    public static Counts write(ProjectStore store, String source, Path train, Path eval) {
        Counts counts = source.startsWith(TEACHER_PREFIX)
                ? fromPolicy(store, source.substring(TEACHER_PREFIX.length()), train, eval)
                : fromLabels(store, source, train, eval);
        if (counts.train() < MIN_TRAIN) {
            throw new TrainingSetupException(String.format(Locale.ROOT,
                    "%s gives only %,d response(s) on training prompts to fine-tune on (at least %d needed)",
                    counts.source(), counts.train(), MIN_TRAIN)
                    + (source.startsWith(TEACHER_PREFIX) ? "; ask the teacher first: rlaif-workbench teach --name "
                    + source.substring(TEACHER_PREFIX.length()) + " --prompts train …" : ": " + counts.describe()));
        }
        return counts;
    }

    private static Counts fromLabels(ProjectStore store, String source, Path train, Path eval) {
        LabelSourceResolver resolver;
        try {
            resolver = new LabelSourceResolver(LabelSource.parse(source),
                    store.listLabelers());
        } catch (RuntimeException e) {
            throw new TrainingSetupException(e.getMessage(), e);
        }
        Map<String, Prompt> prompts = promptsByKey(store);
        Map<LabelSourceResolver.LeftOut, Long> leftOut = new EnumMap<>(LabelSourceResolver.LeftOut.class);
        long[] written = new long[2];
        try (Writer trainOut = new Writer(train); Writer evalOut = new Writer(eval)) {
            store.read(c -> {
                try {
                    new PairVerdictReader().forEach(c, null, pv -> {
                        Comparison pair = pv.pair();
                        if (pair.isPolicyEvaluation()) {
                            return;
                        }
                        LabelSourceResolver.Decision d = resolver.choose(pv);
                        if (d.chosen() == null) {
                            leftOut.merge(d.leftOut(), 1L, Long::sum);
                            return;
                        }
                        Prompt p = prompts.get(Prompt.draft(pair.context(), pair.task(), pair.split(), "").promptKey());
                        String response = d.chosen() == Choice.A ? pair.responseA() : pair.responseB();
                        boolean test = p.split() == Split.TEST;
                        (test ? evalOut : trainOut).row(p, response);
                        written[test ? 1 : 0]++;
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (IOException | UncheckedIOException e) {
            throw new TrainingSetupException("cannot write the fine-tuning data: " + e.getMessage(), e);
        }
        return new Counts("chosen responses of " + describe(source), written[0], written[1], Map.copyOf(leftOut));
    }

    private static String describe(String source) {
        return LabelSource.parse(source).describe();
    }

    private static Counts fromPolicy(ProjectStore store, String name, Path train, Path eval) {
        Policy teacher = store.read(c -> store.policies().findByName(c, name)).orElseThrow(() ->
                new TrainingSetupException("there is no teacher or policy named '" + name + "' in this project"
                        + known(store) + "; ask one with: rlaif-workbench teach --name " + name + " …"));
        List<PolicyOutput> outputs = store.read(c -> store.policies().outputs(c, teacher.id()));
        Map<Long, Prompt> prompts = new HashMap<>();
        PolicyPrompts.list(store, null).forEach(p -> prompts.put(p.id(), p));
        long[] written = new long[2];
        try (Writer trainOut = new Writer(train); Writer evalOut = new Writer(eval)) {
            for (PolicyOutput o : outputs) {
                Prompt p = prompts.get(o.promptId());
                boolean test = p.split() == Split.TEST;
                (test ? evalOut : trainOut).row(p, o.response());
                written[test ? 1 : 0]++;
            }
        } catch (IOException e) {
            throw new TrainingSetupException("cannot write the fine-tuning data: " + e.getMessage(), e);
        }
        return new Counts(teacher.kind().name().toLowerCase(Locale.ROOT) + " '" + name + "'", written[0], written[1],
                Map.of());
    }

    private static String known(ProjectStore store) {
        List<String> names = store.read(c -> store.policies().list(c)).stream().map(Policy::name).toList();
        return names.isEmpty() ? " (it has none yet)" : " (policies: " + String.join(", ", names) + ")";
    }

    private static Map<String, Prompt> promptsByKey(ProjectStore store) {
        Map<String, Prompt> out = new HashMap<>();
        PolicyPrompts.list(store, null).forEach(p -> out.put(p.promptKey(), p));
        return out;
    }

    /** One JSON-lines file of {@code {"id", "prompt", "response"}}. */
    private static final class Writer implements AutoCloseable {
        private final OutputStream out;
        private final JsonGenerator g;

        Writer(Path file) throws IOException {
            out = Files.newOutputStream(file);
            g = Json.mapper().getFactory().createGenerator(out);
            g.setRootValueSeparator(null);
        }

        void row(Prompt p, String response) throws IOException {
            g.writeStartObject();
            g.writeNumberField("id", p.id());
            g.writeStringField("prompt", p.text());
            g.writeStringField("response", response);
            g.writeEndObject();
            g.writeRaw('\n');
        }

        @Override
        public void close() throws IOException {
            g.close();
            out.close();
        }
    }
}

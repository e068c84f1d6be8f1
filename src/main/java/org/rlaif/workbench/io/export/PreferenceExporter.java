package org.rlaif.workbench.io.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.StoreException;

/**
 * Writes preference training files (TRL, OpenRLHF) from a chosen label source. Ties and pairs without a verdict
 * are left out and counted, never guessed. The file appears only when complete: it is written beside the target and
 * moved into place, so a failed export never leaves half a file where a trainer would read it.
 */
public final class PreferenceExporter {
    private final PairVerdictReader reader = new PairVerdictReader();

    public ExportReport export(ProjectStore store, String sourceSpec, ExportFormat format, Split split, Path out)
            throws IOException {
        if (format == ExportFormat.CSV) {
            throw new IllegalArgumentException("use PairsCsvExporter for CSV");
        }
        LabelSource source = LabelSource.parse(sourceSpec);
        List<Labeler> labelers = store.listLabelers();
        Resolver resolver = new Resolver(source, labelers);
        Counts counts = new Counts();
        Path tmp = tempBeside(out);
        try {
            try (OutputStream os = Files.newOutputStream(tmp);
                 JsonGenerator g = Json.mapper().getFactory().createGenerator(os)) {
                g.setRootValueSeparator(null); // JSON lines: each record ends with its own newline
                store.read(c -> {
                    try {
                        reader.forEach(c, split, pv -> {
                            counts.pairs++;
                            Decision d = resolver.choose(pv);
                            if (d.chosen() != null) {
                                write(g, format, pv.pair(), d.chosen());
                                counts.written++;
                            } else {
                                counts.leftOut(d.leftOut());
                            }
                        });
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return null;
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return new ExportReport(out, format.name().toLowerCase(), source.describe(), counts.pairs, counts.written,
                counts.ties, counts.unlabeled, counts.disagreed, counts.noAiLabel);
    }

    static Path tempBeside(Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException(out + ": folder " + dir + " does not exist");
        }
        // Not Files.createTempFile: that makes the file private (0600), and the export should get the usual permissions.
        return dir.resolve("." + out.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
    }

    private static void write(JsonGenerator g, ExportFormat format, Comparison pair, Choice chosen) throws IOException {
        String win = chosen == Choice.A ? pair.responseA() : pair.responseB();
        String lose = chosen == Choice.A ? pair.responseB() : pair.responseA();
        g.writeStartObject();
        g.writeStringField("prompt", pair.context());
        if (format == ExportFormat.TRL) {
            g.writeStringField("chosen", win);
            g.writeStringField("rejected", lose);
        } else {
            writeConversation(g, "chosen", pair.context(), win);
            writeConversation(g, "rejected", pair.context(), lose);
        }
        g.writeStringField("id", Long.toString(pair.id()));
        g.writeEndObject();
        g.writeRaw('\n');
    }

    private static void writeConversation(JsonGenerator g, String field, String prompt, String answer) throws IOException {
        g.writeArrayFieldStart(field);
        g.writeStartObject();
        g.writeStringField("role", "user");
        g.writeStringField("content", prompt);
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("role", "assistant");
        g.writeStringField("content", answer);
        g.writeEndObject();
        g.writeEndArray();
    }

    static final class Counts {
        long pairs;
        long written;
        long ties;
        long unlabeled;
        long disagreed;
        long noAiLabel;

        void leftOut(LeftOut why) {
            switch (why) {
                case TIE -> ties++;
                case UNLABELED -> unlabeled++;
                case DISAGREED -> disagreed++;
                case NO_AI_LABEL -> noAiLabel++;
            }
        }
    }

    /** Applies a label source to one pair: the chosen side, or null (and the reason counted). */
    static final class Resolver {
        private final LabelSource source;
        private final Set<Long> humans = new HashSet<>();
        private final Set<Long> ais = new HashSet<>();
        private long single = -1;

        Resolver(LabelSource source, List<Labeler> labelers) {
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
            if (!(source instanceof LabelSource.OneLabeler) && humans.isEmpty()) {
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

        /** The chosen side of one pair, or why it is left out. */
        Decision choose(PairVerdicts pv) {
            return switch (source) {
                case LabelSource.OneLabeler o -> Decision.of(pv.verdicts().get(single));
                case LabelSource.HumanMajority h -> Decision.of(humanMajority(pv));
                case LabelSource.AdjudicatedElseMajority a ->
                        Decision.of(pv.adjudication() != null ? pv.adjudication() : humanMajority(pv));
                case LabelSource.Agreed a -> agreed(pv);
            };
        }

        private Choice humanMajority(PairVerdicts pv) {
            List<Choice> votes = new ArrayList<>();
            for (Map.Entry<Long, Choice> e : pv.verdicts().entrySet()) {
                if (humans.contains(e.getKey())) {
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
    }

    /** Why a pair is not in the export. */
    enum LeftOut { TIE, UNLABELED, DISAGREED, NO_AI_LABEL }

    /** Either a chosen side, or the reason there is none. */
    record Decision(Choice chosen, LeftOut leftOut) {
        static Decision of(Choice verdict) {
            if (verdict == null) {
                return new Decision(null, LeftOut.UNLABELED);
            }
            return verdict == Choice.TIE ? new Decision(null, LeftOut.TIE) : new Decision(verdict, null);
        }
    }
}

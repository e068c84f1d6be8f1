package org.rlaif.workbench.io.export;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;

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
        LabelSourceResolver resolver = new LabelSourceResolver(source, labelers);
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
                            LabelSourceResolver.Decision d = resolver.choose(pv);
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

        void leftOut(LabelSourceResolver.LeftOut why) {
            switch (why) {
                case TIE -> ties++;
                case UNLABELED -> unlabeled++;
                case DISAGREED -> disagreed++;
                case NO_AI_LABEL -> noAiLabel++;
            }
        }
    }

}

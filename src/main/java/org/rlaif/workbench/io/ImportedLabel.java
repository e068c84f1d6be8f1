package org.rlaif.workbench.io;

import java.util.Objects;
import org.rlaif.workbench.domain.Choice;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.OrderShown;

/**
 * A label as a file states it, before it is stored.
 *
 * @param labeler     the labeler (id 0); matched to the project's labelers by name
 * @param sampleIndex the sample this is, or null for "the next free sample of this labeler on this pair"
 * @param choice      the verdict, or null for a failed label (then {@code rawAnswer} says what came back)
 * @param origin      where in the file it came from (record id or line, labeler, …): together with the file digest
 *                    this identifies the label, so importing the same file twice adds it once
 */
public record ImportedLabel(Labeler labeler, Integer sampleIndex, Choice choice, Double probabilityA,
                            String rationale, OrderShown orderShown, String rawAnswer, String origin) {

    public ImportedLabel {
        Objects.requireNonNull(labeler, "labeler");
        Objects.requireNonNull(origin, "origin");
        if (choice == null && (rawAnswer == null || rawAnswer.isEmpty())) {
            throw new IllegalArgumentException("a failed label must keep the raw answer that could not be read");
        }
    }

    public static ImportedLabel verdict(Labeler labeler, Choice choice, String origin) {
        return new ImportedLabel(labeler, null, choice, null, null, null, null, origin);
    }

    public static ImportedLabel failed(Labeler labeler, String rawAnswer, String origin) {
        return new ImportedLabel(labeler, null, null, null, null, null, rawAnswer, origin);
    }

    public ImportedLabel withRationale(String text) {
        return new ImportedLabel(labeler, sampleIndex, choice, probabilityA, text, orderShown, rawAnswer, origin);
    }

    public ImportedLabel withProbabilityA(Double p) {
        return new ImportedLabel(labeler, sampleIndex, choice, p, rationale, orderShown, rawAnswer, origin);
    }

    public ImportedLabel withRawAnswer(String raw) {
        return new ImportedLabel(labeler, sampleIndex, choice, probabilityA, rationale, orderShown, raw, origin);
    }

    public ImportedLabel withSample(int index) {
        return new ImportedLabel(labeler, index, choice, probabilityA, rationale, orderShown, rawAnswer, origin);
    }
}

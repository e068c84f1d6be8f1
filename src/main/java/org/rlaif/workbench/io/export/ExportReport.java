package org.rlaif.workbench.io.export;

import java.nio.file.Path;

/**
 * What an export wrote and what it left out, and why.
 *
 * @param pairs     pairs looked at
 * @param written   preference records written (or CSV rows)
 * @param ties      left out: the source's verdict is a tie
 * @param unlabeled left out: the source has no verdict on the pair
 * @param disagreed left out ({@code agreed} sources only): an AI labeler disagrees with the humans
 * @param noAiLabel left out ({@code agreed} sources only): no AI labeler labeled the pair
 */
public record ExportReport(Path file, String format, String source, long pairs, long written, long ties,
                           long unlabeled, long disagreed, long noAiLabel) {
}

package org.rlaif.workbench.labeling;

import org.rlaif.workbench.domain.RunState;

/**
 * Where a labeling run stands, as shown live and reported at the end. Counts are slots (pair × sample × order).
 *
 * @param done            slots with a label in force: skipped, labeled and failed together
 * @param labeled         verdicts written by this run
 * @param failed          failed labels written by this run (an unparsable answer, a request that kept failing)
 * @param skipped         slots skipped because a label was already in force ({@code skipped_already_labeled})
 * @param combined        position-debiased labels written (both orders averaged)
 * @param softLabels      verdicts whose P(A) came from log-probabilities rather than the parsed answer
 * @param retries         requests sent again after a timeout, 429 or 5xx
 * @param requests        HTTP requests sent, retries included
 * @param ratePerSecond   labels (verdicts and failures) per second over the last few seconds
 * @param estimatedCostUsd cost of the tokens so far at the configured price, or null when no price is set
 * @param lastFailure     the reason of the latest failed label, or null
 */
public record LabelingProgress(long runId, RunState state, long total, long done, long labeled, long failed,
                               long skipped, long combined, long softLabels, long retries, long requests, int inFlight,
                               long tokensIn, long tokensOut, Double estimatedCostUsd, long elapsedMillis,
                               double ratePerSecond, String lastFailure) {

    public double fraction() {
        return total == 0 ? 1 : (double) done / total;
    }

    public double requestsPerSecond() {
        return elapsedMillis == 0 ? 0 : requests * 1000.0 / elapsedMillis;
    }
}

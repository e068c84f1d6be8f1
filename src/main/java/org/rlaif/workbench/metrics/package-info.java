/**
 * Alignment metrics: how AI labelers agree with humans and with each other. Pure functions over primitive arrays;
 * nothing here touches the database, JSON or the UI (an ArchUnit rule enforces it).
 *
 * <h2>Using it</h2>
 * <ol>
 *   <li>Get a {@link org.rlaif.workbench.metrics.LabelTable}: {@code store.read(new LabelTableLoader()::load)} for a
 *       project, or {@link org.rlaif.workbench.metrics.LabelTable#builder} for anything else.</li>
 *   <li>{@link org.rlaif.workbench.metrics.AlignmentReport#compute} with
 *       {@link org.rlaif.workbench.metrics.ReportOptions#defaults()} (human majority, ties half, 1,000 bootstrap
 *       resamples), or {@link org.rlaif.workbench.metrics.AlignmentReport#slices} per task, source, split or
 *       metadata value. It takes well under a second for a million pairs, but run it as a background job in the
 *       window all the same.</li>
 *   <li>Read the figures: per labeler ({@link org.rlaif.workbench.metrics.LabelerAlignment}: agreement with its
 *       interval, kappa and confusion matrix, self-consistency, length and position bias, calibration bins,
 *       answer counts, degenerate flag), per pair of labelers
 *       ({@link org.rlaif.workbench.metrics.PairwiseAlignment}), Krippendorff's alpha and Fleiss' kappa, the human
 *       ceiling, the scaling fit.</li>
 *   <li>Go from a figure to its pairs with the report's {@link org.rlaif.workbench.metrics.PairVerdicts}: the pairs
 *       behind a bar ({@code pairsBehind}), a confusion cell ({@code pairsInCell}), a heatmap cell
 *       ({@code pairsBetween}), a position flip ({@code pairsFlippedBySwap}), and the review queue
 *       ({@code disputed}).</li>
 * </ol>
 *
 * <p>The definitions (how several samples and both orders become one verdict, how ties count, what the human
 * majority is) are in {@code docs/decisions/0011-metric-definitions.md}; each report states the ones it used.
 * A figure that does not apply is null, never NaN; a statistic asked of input that cannot define it throws
 * {@link org.rlaif.workbench.metrics.UndefinedMetricException} with the reason.
 */
package org.rlaif.workbench.metrics;

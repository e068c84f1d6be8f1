package org.rlaif.workbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pure statistics on small inputs whose values are known from their papers or worked out by hand. */
class StatisticsByHandTest {
    private static final byte A = LabelCodes.A;
    private static final byte B = LabelCodes.B;
    private static final byte T = LabelCodes.TIE;
    private static final byte N = LabelCodes.NONE;

    @Test
    void cohensKappaOfTheTextbookTwoByTwoTable() {
        // 50 items: both yes 20, yes/no 5, no/yes 10, both no 15 -> p_o = 0.7, p_e = 0.5, kappa = 0.4
        ConfusionMatrix m = ConfusionMatrix.of(20, 5, 0, 10, 15, 0, 0, 0, 0);
        assertThat(m.cohenKappa(TiePolicy.HALF)).isCloseTo(0.4, within(1e-15));
        assertThat(m.cohenKappa(TiePolicy.EXCLUDE)).isCloseTo(0.4, within(1e-15));
        assertThat(m.agreement(TiePolicy.HALF)).isEqualTo(0.7);
    }

    @Test
    void tiesCountHalfOrAreLeftOut() {
        //            reference: A   B   TIE
        // labeler A             4   1   2
        // labeler B             0   3   0
        // labeler TIE           1   0   1
        ConfusionMatrix m = ConfusionMatrix.of(4, 1, 2, 0, 3, 0, 1, 0, 1);
        // half: full credit 4 + 3 + 1 (tie/tie), half credit 2 + 1, none 1 -> (8 + 1.5) / 12
        assertThat(m.outcomes(TiePolicy.HALF)).containsExactly(8, 3, 1);
        assertThat(m.agreement(TiePolicy.HALF)).isEqualTo(9.5 / 12);
        // exclude: only the A/B block is left: 4 + 3 agree of 8
        assertThat(m.outcomes(TiePolicy.EXCLUDE)).containsExactly(7, 0, 1);
        assertThat(m.agreement(TiePolicy.EXCLUDE)).isEqualTo(7.0 / 8);
        assertThat(m.used(TiePolicy.EXCLUDE)).isEqualTo(8);
    }

    @Test
    void oneAnswerOnBothSidesHasNoKappa() {
        ConfusionMatrix allA = ConfusionMatrix.of(new byte[] {A, A, A}, new byte[] {A, A, A});
        assertThat(allA.agreement(TiePolicy.HALF)).isEqualTo(1.0);
        assertThatThrownBy(() -> allA.cohenKappa(TiePolicy.HALF))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("chance agreement is 1");
        // one side constant, the other not: kappa is defined and 0 (as scikit-learn says)
        ConfusionMatrix oneSided = ConfusionMatrix.of(new byte[] {A, A, A, A}, new byte[] {A, B, A, B});
        assertThat(oneSided.cohenKappa(TiePolicy.HALF)).isEqualTo(0.0);
    }

    @Test
    void noPairsIsAnErrorNotNaN() {
        ConfusionMatrix empty = ConfusionMatrix.of(new byte[] {A, N}, new byte[] {N, B});
        assertThat(empty.total()).isZero();
        assertThatThrownBy(() -> empty.agreement(TiePolicy.HALF))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("no pair");
        assertThatThrownBy(() -> empty.cohenKappa(TiePolicy.HALF)).isInstanceOf(UndefinedMetricException.class);
        ConfusionMatrix onlyTies = ConfusionMatrix.of(new byte[] {T, A}, new byte[] {A, T});
        assertThatThrownBy(() -> onlyTies.agreement(TiePolicy.EXCLUDE))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("ties are excluded");
        assertThat(Agreement.of(onlyTies, TiePolicy.EXCLUDE, 100, 1).value()).isNull();
    }

    @Test
    void krippendorffsOwnExampleWithMissingValues() {
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 coders, 12 units,
        // values 1..5 (here 0..4), missing values; nominal alpha = 0.743
        int m = -1;
        int[][] data = {
                {0, 1, 2, 2, 1, 0, 3, 0, 1, m, m, m},
                {0, 1, 2, 2, 1, 1, 3, 0, 1, 4, m, 2},
                {m, 2, 2, 2, 1, 2, 3, 1, 1, 4, 0, m},
                {0, 1, 2, 2, 1, 3, 3, 0, 1, 4, 0, m}};
        assertThat(KrippendorffAlpha.nominal(data)).isCloseTo(0.743421052631579, within(1e-12));
    }

    @Test
    void krippendorffOverChoicesAndItsUndefinedCases() {
        // two coders, four units: perfect agreement on two values
        assertThat(KrippendorffAlpha.nominal(new byte[][] {{A, B, A, B}, {A, B, A, B}})).isEqualTo(1.0);
        // a unit with one value is not pairable; all values equal -> undefined
        assertThatThrownBy(() -> KrippendorffAlpha.nominal(new byte[][] {{A, A, N}, {A, A, B}}))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("same answer");
        assertThatThrownBy(() -> KrippendorffAlpha.nominal(new byte[][] {{A, N}, {N, B}}))
                .isInstanceOf(UndefinedMetricException.class).hasMessageContaining("two labelers");
        // hand-worked: units (A,A) (A,B) (B,B): o_AA = 2, o_AB = o_BA = 1, o_BB = 2; n_A = n_B = 3, n = 6
        // alpha = 1 - (n - 1) * (o_AB + o_BA) / (2 n_A n_B) = 1 - 5 * 2 / 18
        assertThat(KrippendorffAlpha.nominal(new byte[][] {{A, A, B}, {A, B, B}})).isCloseTo(1 - 10.0 / 18, within(1e-15));
    }

    @Test
    void fleissKappaOfTheWikipediaExample() {
        int[][] counts = {
                {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
                {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}};
        assertThat(FleissKappa.of(counts)).isCloseTo(0.20993070442195522, within(1e-12));
        assertThatThrownBy(() -> FleissKappa.of(new int[][] {{2, 0}, {1, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same number of raters");
        assertThatThrownBy(() -> FleissKappa.of(new int[][] {{3, 0}, {3, 0}}))
                .isInstanceOf(UndefinedMetricException.class);
        assertThatThrownBy(() -> FleissKappa.of(new int[0][])).isInstanceOf(UndefinedMetricException.class);
    }

    @Test
    void studentTQuantilesMatchTables() {
        // scipy.stats.t.ppf; nine digits are more than a slope interval is ever printed with
        assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.706204736432095, within(1e-8));
        assertThat(StudentT.quantile(0.975, 2)).isCloseTo(4.302652729911275, within(1e-8));
        assertThat(StudentT.quantile(0.975, 10)).isCloseTo(2.2281388519649385, within(1e-9));
        assertThat(StudentT.quantile(0.975, 30)).isCloseTo(2.0422724563012373, within(1e-9));
        assertThat(StudentT.quantile(0.025, 10)).isCloseTo(-2.2281388519649385, within(1e-9));
    }

    @Test
    void scalingSlopeOfPointsOnALine() {
        // agreement = 0.5 + 0.05 * log10(params) exactly: slope 0.05, no residual, a zero-width interval
        List<ScalingFit.Point> points = List.of(new ScalingFit.Point("s", 1e8, 0.9), new ScalingFit.Point("m", 1e9, 0.95),
                new ScalingFit.Point("l", 1e10, 1.0));
        ScalingFit fit = ScalingFit.fit(points);
        assertThat(fit.slope()).isCloseTo(0.05, within(1e-12));
        assertThat(fit.intercept()).isCloseTo(0.5, within(1e-10));
        assertThat(fit.r2()).isCloseTo(1.0, within(1e-12));
        assertThat(fit.slopeCi95().hi() - fit.slopeCi95().lo()).isCloseTo(0, within(1e-9));
        assertThat(ScalingFit.fit(points.subList(0, 2)).slopeCi95()).isNull();
        assertThatThrownBy(() -> ScalingFit.fit(points.subList(0, 1))).isInstanceOf(UndefinedMetricException.class);
        assertThatThrownBy(() -> ScalingFit.fit(List.of(new ScalingFit.Point("a", 1e9, 0.6),
                new ScalingFit.Point("b", 1e9, 0.7)))).isInstanceOf(UndefinedMetricException.class)
                .hasMessageContaining("same parameter count");
    }

    @Test
    void calibrationBinsAndEce() {
        // bin 0.8-0.9: p = 0.8 and 0.9 (bin index 8 and 9!) - use clear values instead
        double[] p = {0.85, 0.85, 0.85, 0.85, 0.15, 0.15, 1.0};
        byte[] aWon = {1, 1, 1, 0, 0, 0, 1};
        Calibration c = Calibration.of(p, aWon, 10);
        assertThat(c.n()).isEqualTo(7);
        assertThat(c.bins()).hasSize(10);
        assertThat(c.bins().get(8).count()).isEqualTo(4);
        assertThat(c.bins().get(8).observedFrequency()).isEqualTo(0.75);
        assertThat(c.bins().get(1).observedFrequency()).isEqualTo(0.0);
        assertThat(c.bins().get(9).count()).isEqualTo(1); // P(A) = 1 falls in the last bin
        assertThat(c.bins().get(0).meanPredicted()).isNull();
        // ECE = 4/7 * |0.75 - 0.85| + 2/7 * |0 - 0.15| + 1/7 * |1 - 1|
        assertThat(c.ece()).isCloseTo(4.0 / 7 * 0.1 + 2.0 / 7 * 0.15, within(1e-12));
        assertThatThrownBy(() -> Calibration.of(new double[0], new byte[0], 10)).isInstanceOf(UndefinedMetricException.class);
        assertThatThrownBy(() -> Calibration.of(new double[] {1.2}, new byte[] {1}, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bootstrapIsSeededAndCoversTheEstimate() {
        long[] outcomes = {700, 100, 200}; // agreement 0.75
        Interval a = Bootstrap.agreementInterval(outcomes, 1000, 7);
        Interval b = Bootstrap.agreementInterval(outcomes, 1000, 7);
        assertThat(a).isEqualTo(b);
        assertThat(a.contains(0.75)).isTrue();
        // the normal approximation: sd of the mean credit = sqrt(var / n)
        double var = (700 * 0.0625 + 100 * 0.0625 + 200 * 0.5625) / 1000.0;
        double half = 1.96 * Math.sqrt(var / 1000);
        assertThat(a.lo()).isCloseTo(0.75 - half, within(0.006));
        assertThat(a.hi()).isCloseTo(0.75 + half, within(0.006));
        assertThat(Bootstrap.agreementInterval(new long[] {50, 0, 0}, 200, 1)).isEqualTo(new Interval(1, 1));
        assertThatThrownBy(() -> Bootstrap.agreementInterval(new long[] {0, 0, 0}, 100, 1))
                .isInstanceOf(UndefinedMetricException.class);
    }

    @Test
    void binomialDrawsHaveTheRightMeanAndVariance() {
        SplittableRandom rng = new SplittableRandom(3);
        for (long n : new long[] {5, 40, 1_000_000}) {
            for (double p : new double[] {0.01, 0.3, 0.5, 0.93}) {
                int draws = 20_000;
                double sum = 0;
                double sq = 0;
                for (int i = 0; i < draws; i++) {
                    long x = BinomialSampler.sample(rng, n, p);
                    assertThat(x).isBetween(0L, n);
                    sum += x;
                    sq += (double) x * x;
                }
                double mean = sum / draws;
                double variance = sq / draws - mean * mean;
                double expectedVar = n * p * (1 - p);
                assertThat(mean).as("mean n=%d p=%s", n, p).isCloseTo(n * p, within(5 * Math.sqrt(expectedVar / draws) + 1e-9));
                assertThat(variance).as("variance n=%d p=%s", n, p).isCloseTo(expectedVar, within(0.06 * expectedVar + 1e-9));
            }
        }
        assertThat(BinomialSampler.logFactorial(300)).isCloseTo(1414.905849945068, within(1e-9));
        assertThat(BinomialSampler.logFactorial(1000)).isCloseTo(5912.128178488163, within(1e-9));
    }
}

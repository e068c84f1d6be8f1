package org.rlaif.workbench.ui.runs;

import java.util.Locale;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.training.HeldOutAgreement;
import org.rlaif.workbench.ui.common.Notice;

/** What the window says when a run it started ends, and when both runs of an RLAIF-vs-RLHF comparison have. */
final class RunNotices {
    private RunNotices() {
    }

    static Notice finished(TrainingLauncher.Finished f) {
        var o = f.result().outcome();
        String title = "Run #" + o.runId() + " " + o.state().name().toLowerCase(Locale.ROOT);
        StringBuilder text = new StringBuilder(o.message() == null ? "" : firstLine(o.message()));
        if (f.heldOut() != null && f.heldOut().pairs() > 0) {
            text.append("\nHeld-out agreement with humans: ").append(figure(f.heldOut()));
        }
        if (f.result().labeler() != null) {
            text.append("\nNew labeler: ").append(f.result().labeler().labeler().name());
        }
        if (o.state() == RunState.FINISHED || o.state() == RunState.STOPPED) {
            return Notice.success(title, text.toString());
        }
        return new Notice(Notice.Kind.ERROR, title, text.toString());
    }

    static Notice comparison(TrainingLauncher.Finished rlaif, TrainingLauncher.Finished rlhf) {
        return Notice.info("RLAIF vs RLHF reward models", "Held-out agreement with humans\nRLAIF (run #"
                + rlaif.result().outcome().runId() + "): " + figure(rlaif.heldOut()) + "\nRLHF (run #"
                + rlhf.result().outcome().runId() + "): " + figure(rlhf.heldOut()));
    }

    /** "57.6% [50.0, 65.1] over 172 pairs", or why there is no figure. */
    static String figure(HeldOutAgreement h) {
        if (h == null || h.pairs() == 0) {
            return "none (the run left no scored model)";
        }
        return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f] over %,d pairs", 100 * h.agreement(),
                100 * h.ci95().lo(), 100 * h.ci95().hi(), h.pairs());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}

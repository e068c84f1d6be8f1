package org.rlaif.workbench.training;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What DJL is told before it is first used. Offline: DJL reads {@code ai.djl.offline} (after the environment
 * variable {@code DJL_OFFLINE}) each time it would download natives or a model, or call home from a cloud machine
 * ({@code ai.djl.util.Utils.isOfflineMode}, {@code Ec2Utils.callHome}); JabRef's users found what a download at
 * start-up costs: an app that cannot start offline. Everything the scorer needs is in the jars.
 */
final class DjlSettings {
    /** Held, because java.util.logging keeps loggers weakly and a collected one forgets its level. */
    private static final Logger DJL_LOG = Logger.getLogger("ai.djl");

    private DjlSettings() {
    }

    static void apply() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        // without this, the ONNX Runtime engine loads the default engine (here the tokenizers' Rust engine) as a
        // fallback for array operations the scorer never asks for
        System.setProperty("ai.djl.onnx.disable_alternative", "true");
        // DJL says on every load, some of it as warnings, that optional parts it probes for (ONNX Runtime
        // extensions, CUDA) are absent: noise for a CPU scorer; what does go wrong reaches the caller as an exception
        DJL_LOG.setLevel(Level.SEVERE);
    }
}

package org.rlaif.workbench.ui.prefs;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/** The window's colour scheme: AtlantaFX Primer, light or dark. */
public enum Theme {
    LIGHT, DARK;

    /** The AtlantaFX user-agent stylesheet of this theme. */
    public String userAgentStylesheet() {
        return this == LIGHT ? new PrimerLight().getUserAgentStylesheet() : new PrimerDark().getUserAgentStylesheet();
    }

    public Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }
}

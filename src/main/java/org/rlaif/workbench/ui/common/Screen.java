package org.rlaif.workbench.ui.common;

/** The screens of the window, in navigation order. */
public enum Screen {
    START("Start", "Open, create and import projects", false),
    PAIRS("Pairs", "Browse and filter every pair", true),
    COMPARE("Compare", "One pair side by side, with every verdict", true),
    REVIEW("Review", "Label the disputed pairs, most confident disagreement first", true),
    DASHBOARD("Alignment", "Agreement with humans, scaling, bias and calibration", true),
    LABELERS("Labelers", "AI labelers and their runs", true),
    RUNS("Runs", "Training runs: reward models on AI and on human labels, charted live", true);

    private final String title;
    private final String description;
    private final boolean needsProject;

    Screen(String title, String description, boolean needsProject) {
        this.title = title;
        this.description = description;
        this.needsProject = needsProject;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** False only for the start screen, which is where a project gets opened. */
    public boolean needsProject() {
        return needsProject;
    }
}

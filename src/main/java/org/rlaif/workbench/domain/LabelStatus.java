package org.rlaif.workbench.domain;

/**
 * The state of one label row. A {@code FAILED} label records an attempt that produced no verdict (an unparsable
 * judge answer, a server that never answered): it has no choice, so it can never be mistaken for one.
 * A {@code RETRACTED} row supersedes an earlier label to undo it without deleting anything.
 */
public enum LabelStatus {
    OK, FAILED, RETRACTED
}

package org.rlaif.workbench.labeling.prompt;

/** A prompt template that cannot be used; the message names the template and the line. */
public final class TemplateException extends IllegalArgumentException {
    public TemplateException(String message) {
        super(message);
    }
}

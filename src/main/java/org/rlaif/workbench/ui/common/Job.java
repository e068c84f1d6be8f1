package org.rlaif.workbench.ui.common;

/** Work that must not run on the JavaFX thread: reading the project, importing, computing metrics, calling a server. */
@FunctionalInterface
public interface Job<V> {
    V run(JobContext context) throws Exception;
}

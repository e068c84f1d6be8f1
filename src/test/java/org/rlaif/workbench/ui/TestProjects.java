package org.rlaif.workbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.rlaif.workbench.io.SyntheticProject;
import org.rlaif.workbench.store.PairSummaries;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Generated projects for the window's tests, built once per size per test run (the schema may change between
 * runs) and copied, so each test has its own file.
 */
public final class TestProjects {
    private static Path folder;
    private TestProjects() {
    }

    /** A fresh copy in {@code dir} of a generated project of {@code pairs} pairs and {@code labelers} labelers. */
    public static Path copy(Path dir, int pairs, int labelers) throws Exception {
        synchronized (TestProjects.class) {
            if (folder == null) {
                folder = Files.createTempDirectory("rlaif-test-projects");
                folder.toFile().deleteOnExit();
            }
            Path cache = folder.resolve("synthetic-" + pairs + "x" + labelers + ".rlaif");
            if (!Files.exists(cache)) {
                Path tmp = cache.resolveSibling(cache.getFileName() + ".tmp");
                Files.deleteIfExists(tmp);
                try (ProjectStore s = ProjectStore.open(tmp)) {
                    new SyntheticProject(pairs, labelers, 7).writeTo(s, n -> { });
                    s.write(c -> new PairSummaries().catchUp(c));
                    s.write(c -> s.searchIndex().catchUp(c));
                }
                Files.move(tmp, cache, StandardCopyOption.ATOMIC_MOVE);
                cache.toFile().deleteOnExit();
            }
            Path copy = dir.resolve("project-" + System.nanoTime() + ".rlaif");
            Files.copy(cache, copy);
            return copy;
        }
    }
}

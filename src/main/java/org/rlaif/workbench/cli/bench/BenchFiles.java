package org.rlaif.workbench.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The work folders benchmarks leave behind, removed. */
public final class BenchFiles {
    private BenchFiles() {
    }

    /** Deletes {@code root} and everything under it. */
    public static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

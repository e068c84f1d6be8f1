package org.rlaif.workbench.ui.start;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.rlaif.workbench.io.SyntheticProject;
import org.rlaif.workbench.store.ProjectStore;

/**
 * Finds the sample projects that ship with the workbench ({@code sample-projects/*.rlaif}), from a repository
 * checkout as well as from beside an installed jar, and gives the user a working copy of one: the bundled file
 * stays as shipped (and may sit in a read-only folder), the copy is theirs to label.
 */
public final class SampleProjects {
    /** System property: a folder of sample projects that wins over the built-in places. */
    public static final String FOLDER_PROPERTY = "rlaif.samples";
    static final String FOLDER = "sample-projects";
    /** Which sample the first run opens when several ship: the first of these found, else the first by name. */
    private static final List<String> PREFERRED = List.of("pandalm", "alpaca", "hh-rlhf");

    private final List<Path> searchFolders;
    private final Path workingCopies;

    public SampleProjects(List<Path> searchFolders, Path workingCopies) {
        this.searchFolders = List.copyOf(searchFolders);
        this.workingCopies = workingCopies;
    }

    /** The usual places: the property, the jar's folder and its parent (target/ in a checkout), the working folder. */
    public static SampleProjects standard(Path workingCopies) {
        Set<Path> folders = new LinkedHashSet<>();
        String override = System.getProperty(FOLDER_PROPERTY);
        if (override != null && !override.isBlank()) {
            folders.add(Path.of(override));
        }
        codeLocation().ifPresent(code -> {
            Path dir = Files.isDirectory(code) ? code : code.getParent();
            for (Path p = dir; p != null && folders.size() < 6; p = p.getParent()) {
                folders.add(p.resolve(FOLDER));
                if (Files.exists(p.resolve("pom.xml")) || Files.exists(p.resolve(FOLDER))) {
                    break;
                }
            }
        });
        folders.add(Path.of("").toAbsolutePath().resolve(FOLDER));
        return new SampleProjects(new ArrayList<>(folders), workingCopies);
    }

    private static Optional<Path> codeLocation() {
        try {
            var source = SampleProjects.class.getProtectionDomain().getCodeSource();
            return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public List<Path> searchFolders() {
        return searchFolders;
    }

    /** The bundled sample projects, from the first folder that has any. */
    public List<Path> find() {
        for (Path folder : searchFolders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".rlaif"))
                        .filter(Files::isRegularFile).sorted(Comparator.comparing(Path::getFileName)).toList();
                if (!found.isEmpty()) {
                    return found;
                }
            } catch (IOException e) {
                // an unreadable folder is as good as none; the next place is tried
            }
        }
        return List.of();
    }

    /** The sample a first run opens, if any ships. */
    public Optional<Path> preferred() {
        List<Path> all = find();
        for (String name : PREFERRED) {
            for (Path p : all) {
                if (p.getFileName().toString().toLowerCase().contains(name)) {
                    return Optional.of(p);
                }
            }
        }
        return all.stream().findFirst();
    }

    /** A working copy of {@code sample} in the user's folder, made on first use; later calls return the same copy. */
    public Path workingCopy(Path sample) throws IOException {
        Files.createDirectories(workingCopies);
        Path copy = workingCopies.resolve(sample.getFileName());
        if (!Files.exists(copy)) {
            Path tmp = workingCopies.resolve(sample.getFileName() + ".copying");
            Files.copy(sample, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, copy, StandardCopyOption.ATOMIC_MOVE);
        }
        return copy;
    }

    /**
     * A small generated project for when no sample ships with this build (see {@link SyntheticProject}): 600
     * templated pairs, two annotators and three AI judges of growing size.
     */
    public Path demoProject() {
        Path demo = workingCopies.resolve("demo-generated.rlaif");
        if (Files.exists(demo)) {
            return demo;
        }
        try {
            Files.createDirectories(workingCopies);
            Path tmp = workingCopies.resolve("demo-generated.rlaif.building");
            Files.deleteIfExists(tmp);
            try (ProjectStore store = ProjectStore.open(tmp)) {
                new SyntheticProject(600, 5, 2024).writeTo(store, n -> { });
            }
            Files.move(tmp, demo, StandardCopyOption.ATOMIC_MOVE);
            return demo;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the demo project in " + workingCopies, e);
        }
    }
}

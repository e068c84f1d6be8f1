package org.rlaif.workbench.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Python trainers as the app ships them: {@code python/} on the class path (the build copies
 * {@code src/main/python} there). Python cannot import from inside a jar, so when the app runs from one, the folder is
 * copied out once to {@code <data folder>/trainers/<digest>/}; a new build has a new digest and gets its own copy,
 * so an older app open at the same time keeps its trainers. Run from the build's classes folder, it is used in place.
 */
public final class TrainerFiles {
    static final String ROOT = "python";
    private static final String MARKER = "/python/rlaif_trainers/__init__.py";

    private TrainerFiles() {
    }

    /** The folder to put on {@code PYTHONPATH}: it holds the {@code rlaif_trainers} package. */
    public static Path folder(Path dataFolder) {
        URL marker = TrainerFiles.class.getResource(MARKER);
        if (marker == null) {
            throw new IllegalStateException("the trainers (" + MARKER + ") are missing from this build");
        }
        try {
            URI uri = marker.toURI();
            if (uri.getScheme().equals("file")) {
                return Path.of(uri).getParent().getParent();
            }
            return extract(uri, dataFolder);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the trainers: " + marker, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the trainers into " + dataFolder, e);
        }
    }

    /** The requirements file the training environment is built from. */
    public static String requirements() {
        return resourceText("requirements.txt");
    }

    /** The trainers' test tools (pytest and what the tests use), on top of {@link #requirements}. */
    public static String testRequirements() {
        return resourceText("requirements-test.txt");
    }

    private static String resourceText(String name) {
        try (InputStream in = TrainerFiles.class.getResourceAsStream("/" + ROOT + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException("python/" + name + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path extract(URI inJar, Path dataFolder) throws IOException {
        String jarUri = inJar.toString().substring(0, inJar.toString().indexOf("!/"));
        try (FileSystem jar = FileSystems.newFileSystem(URI.create(jarUri), Map.of())) {
            Path source = jar.getPath("/" + ROOT);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("__pycache__"))
                        .sorted().toList();
            }
            Path target = dataFolder.resolve("trainers").resolve(digest(files));
            if (Files.isRegularFile(target.resolve("rlaif_trainers/__init__.py"))) {
                return target;
            }
            Path partial = Files.createDirectories(dataFolder.resolve("trainers"))
                    .resolve(target.getFileName() + ".part" + ProcessHandle.current().pid());
            for (Path f : files) {
                Path out = partial.resolve(source.relativize(f).toString());
                Files.createDirectories(out.getParent());
                Files.copy(f, out, StandardCopyOption.REPLACE_EXISTING);
            }
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException another) {
                // another app copied the same build at the same moment: its copy is as good as ours
                if (!Files.isDirectory(target)) {
                    throw another;
                }
            }
            return target;
        }
    }

    private static String digest(List<Path> files) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                sha.update(f.toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.rlaif.workbench.ui.common;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes one chart's image or data to a file as a job, and says how it went: the charts' PNG and CSV buttons. */
public final class ChartExport {
    private ChartExport() {
    }

    /** Writes {@code csv} to {@code file}. */
    public static void csv(Workspace workspace, String csv, Path file) {
        export(workspace, file, () -> Files.writeString(file, csv, StandardCharsets.UTF_8));
    }

    /** Writes a chart image (already taken off the scene graph, {@link ChartSnapshot}) as PNG. */
    public static void png(Workspace workspace, BufferedImage image, Path file) {
        export(workspace, file, () -> writePng(image, file));
    }

    /** Writes {@code image} as a PNG file; on the job's thread. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void export(Workspace workspace, Path file, Write write) {
        workspace.jobs().submit("Exporting " + file.getFileName(), ctx -> {
            write.run();
            return file;
        }, f -> workspace.notify(Notice.success("Exported", f.toString())),
                e -> workspace.notify(Notice.error("Cannot export " + file.getFileName(), e)));
    }
}

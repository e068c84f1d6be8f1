package org.rlaif.workbench.ui.start;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.rlaif.workbench.io.ImportException;

/**
 * Why an import stopped, for the import panel: the file, the line (0 = the file as a whole), what is wrong, and the
 * start of the offending line so the user sees it without opening an editor.
 */
public record ImportProblem(Path file, long line, String problem, String lineText) {
    private static final int SHOWN_CHARS = 300;

    public static ImportProblem of(ImportException e) {
        return new ImportProblem(e.file(), e.line(), e.problem(), e.line() > 0 ? lineOf(e.file(), e.line()) : "");
    }

    /** "data.jsonl, line 42" */
    public String place() {
        return file.getFileName() + (line > 0 ? ", line " + line : "");
    }

    /** The first characters of line {@code number} (1-based), without reading a long line whole. */
    static String lineOf(Path file, long number) {
        try (Reader in = open(file)) {
            long line = 1;
            StringBuilder text = new StringBuilder();
            int ch;
            while ((ch = in.read()) >= 0) {
                if (ch == '\n') {
                    if (line == number) {
                        break;
                    }
                    line++;
                } else if (line == number && text.length() < SHOWN_CHARS) {
                    text.append(Character.isISOControl(ch) && ch != '\t' ? '\uFFFD' : (char) ch);
                } else if (line == number && text.length() == SHOWN_CHARS) {
                    text.append('…');
                    break;
                }
            }
            return text.toString().strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static Reader open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    }
}

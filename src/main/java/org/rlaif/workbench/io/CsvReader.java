package org.rlaif.workbench.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV (or TSV, by its {@code .tsv} name or a tab-separated header) with a header row, read through a column mapping
 * ({@code --column role=column}; see {@link ColumnRole} for the roles and the column names recognised without one).
 * Quoted fields may span lines; every record is reported at the line it starts on. A line with invalid UTF-8 or a
 * NUL byte makes its record invalid; a syntax error (an unclosed quote) ends the file, since nothing after it can be
 * trusted to be in step. Columns that play no role go to the pair's metadata.
 */
public final class CsvReader implements FormatReader {
    private static final int PROGRESS_EVERY = 1024;
    private static final CsvFactory CSV = CsvFactory.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Json.MAX_RECORD_BYTES).build())
            .build();

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String description() {
        return "CSV/TSV with a header, with --column role=column (prompt, response_a, response_b, choice, chosen,"
                + " rejected, labeler, p_a, split, task, id)";
    }

    @Override
    public int sniff(FormatSample sample) {
        String first = sample.firstLine().replace("\uFEFF", "").strip();
        if (sample.isJson() || first.startsWith("{") || first.startsWith("[") || first.isEmpty()) {
            return 0;
        }
        String name = sample.fileName();
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".csv.gz") || name.endsWith(".tsv.gz")) {
            return 60;
        }
        try {
            List<String> header = parseHeader(first, separator(sample.file(), first));
            ColumnMapping.resolve(Map.of(), header, header::contains, sample.file(), 1);
            return 40;
        } catch (IOException | ImportException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(ImportContext ctx, RecordSink sink) throws ImportException {
        for (SourceFile file : ctx.files()) {
            readFile(file, ctx, sink);
        }
    }

    private void readFile(SourceFile file, ImportContext ctx, RecordSink sink) throws ImportException {
        Path path = file.path();
        ImportOptions o = ctx.options();
        char separator = separator(path, JsonRecords.firstLine(path));
        long rowStart = 1;
        try (JsonRecords.CountingInputStream counted = new JsonRecords.CountingInputStream(Files.newInputStream(path));
             CheckedTextReader text = new CheckedTextReader(JsonRecords.open(counted));
             CsvParser p = CSV.createParser(text)) {
            p.setSchema(CsvSchema.emptySchema().withColumnSeparator(separator));
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new ImportException(path, 1, "file is empty: no header and no records");
            }
            List<String> header = new ArrayList<>();
            if (!nextRow(p, header)) {
                throw new ImportException(path, 1, "file is empty: no header and no records");
            }
            var bad = text.problemIn(1, lastLineOf(p, text));
            if (bad != null) {
                throw new ImportException(path, bad.getKey(), "header: " + bad.getValue());
            }
            checkHeader(header, path);
            ColumnMapping mapping = ColumnMapping.resolve(o.columns(), header, header::contains, path, 1);
            MappedPairs pairs = new MappedPairs(mapping, o, ctx.shuffleSeed(),
                    o.sourceOr(MappedPairs.labelerForFile(path)), MappedPairs.labelerForFile(path));
            List<String> values = new ArrayList<>();
            long rows = 0;
            while (true) {
                JsonToken t = p.nextToken();
                if (t == null || t == JsonToken.END_ARRAY) {
                    break;
                }
                rowStart = p.currentLocation().getLineNr();
                values.clear();
                readValues(p, values);
                long rowEnd = lastLineOf(p, text);
                rows++;
                var problem = text.problemIn(rowStart, rowEnd);
                if (problem != null) {
                    sink.invalid(path, problem.getKey(), problem.getValue());
                } else if (values.size() != header.size()) {
                    sink.invalid(path, rowStart, "the row has " + values.size() + " values, the header "
                            + header.size() + " columns");
                } else {
                    try {
                        sink.accept(pairs.pair(new CsvRow(header, values), file, rowStart));
                    } catch (RecordException | IllegalArgumentException e) {
                        sink.invalid(path, rowStart, e.getMessage());
                    }
                }
                if (rows % PROGRESS_EVERY == 0) {
                    sink.progress(file, counted.count());
                }
            }
            if (rows == 0) {
                throw new ImportException(path, 2, "no records: the file has only a header");
            }
            sink.progress(file, counted.count());
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? rowStart : e.getLocation().getLineNr();
            sink.invalid(path, rowStart, "CSV syntax error in the record that starts here (found at line " + at
                    + "): " + e.getOriginalMessage() + "; nothing after this point was read");
        } catch (IOException e) {
            sink.invalid(path, rowStart, "cannot read the file past this point: " + JsonRecords.describe(e));
        }
    }

    /** The last line a row took: the line before the parser's position, unless the file ended on that row. */
    private static long lastLineOf(CsvParser p, CheckedTextReader text) {
        long after = p.currentLocation().getLineNr();
        return text.endedWithoutNewline() && after >= text.line() ? after : after - 1;
    }

    private static boolean nextRow(CsvParser p, List<String> into) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_ARRAY) {
            return false;
        }
        readValues(p, into);
        return true;
    }

    private static void readValues(CsvParser p, List<String> into) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            into.add(p.getText());
        }
    }

    private static void checkHeader(List<String> header, Path path) throws ImportException {
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (!seen.add(h)) {
                throw new ImportException(path, 1, "header: column '" + h + "' appears twice");
            }
        }
    }

    static char separator(Path file, String firstLine) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".tsv") || name.endsWith(".tsv.gz")) {
            return '\t';
        }
        return firstLine.indexOf('\t') >= 0 && firstLine.indexOf(',') < 0 ? '\t' : ',';
    }

    private static List<String> parseHeader(String line, char separator) throws IOException {
        try (CsvParser p = CSV.createParser(new StringReader(line))) {
            p.setSchema(CsvSchema.emptySchema().withColumnSeparator(separator));
            List<String> header = new ArrayList<>();
            p.nextToken();
            nextRow(p, header);
            return header;
        }
    }

    /** A CSV row by column name; the columns no role takes go to metadata. */
    private record CsvRow(List<String> header, List<String> values) implements MappedPairs.Row {
        @Override
        public String text(String column) {
            int i = header.indexOf(column);
            return i < 0 ? null : values.get(i);
        }

        @Override
        public String otherColumns(ColumnMapping mapping) {
            ObjectNode m = Json.mapper().createObjectNode();
            Set<String> used = mapping.used();
            for (int i = 0; i < header.size(); i++) {
                if (!used.contains(header.get(i)) && !values.get(i).isEmpty()) {
                    m.put(header.get(i), values.get(i));
                }
            }
            return m.toString();
        }
    }
}

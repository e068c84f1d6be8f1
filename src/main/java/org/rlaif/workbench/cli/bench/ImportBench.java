package org.rlaif.workbench.cli.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportReport;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Import throughput on a generated TRL file, next to the {@code sqlite3} shell importing the same rows from CSV
 * into a table of the same columns: the floor for "getting rows into SQLite".
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = {
        "Import throughput: a generated TRL file of N pairs into a new project, pairs/s,",
        "next to `sqlite3 .import` of the same rows from CSV (when sqlite3 is installed)."})
public final class ImportBench implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pairs", defaultValue = "200000", description = "pairs to generate (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--runs", defaultValue = "3", description = "timed runs of each side; the median is reported (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--dir", paramLabel = "DIR", description = "work folder (default: a temporary one, deleted afterwards)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = dir == null;
        Path work = temporary ? Files.createTempDirectory("rlaif-bench-import") : Files.createDirectories(dir);
        try {
            Path jsonl = work.resolve("pairs.jsonl");
            Path csv = work.resolve("pairs.csv");
            generate(jsonl, csv);
            out.printf(Locale.ROOT, "machine: %s%n", Machine.describe());
            out.printf(Locale.ROOT, "data: %,d pairs, TRL JSONL %.1f MB, CSV %.1f MB%n", pairs,
                    Files.size(jsonl) / 1e6, Files.size(csv) / 1e6);

            // Rounds interleave the three measurements, so that a busy spell of the machine slows all three of a
            // round alike; the ratio reported is the median of the rounds' ratios.
            List<Double> ours = new ArrayList<>();
            List<Double> reference = new ArrayList<>();
            List<Double> floor = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> overFloor = new ArrayList<>();
            boolean sqlite = sqliteInstalled();
            for (int i = 0; i < runs; i++) {
                Path project = work.resolve("run" + i + ".rlaif");
                double o = workbenchImport(jsonl, project);
                ours.add(o);
                if (!sqlite) {
                    out.printf(Locale.ROOT, "  round %d: workbench import %.2f s%n", i + 1, o);
                    deleteProject(project);
                    continue;
                }
                double r = sqliteImport(work, csv, i);
                double f = sqliteIntoProjectTables(work, project, i);
                reference.add(r);
                floor.add(f);
                ratios.add(o / r);
                overFloor.add(o / f);
                out.printf(Locale.ROOT, "  round %d: workbench import %.2f s, sqlite3 .import %.2f s (%.2fx),"
                        + " sqlite3 copying the stored rows into an empty project %.2f s%n", i + 1, o, r, o / r, f);
                deleteProject(project);
            }
            double oursMedian = median(ours);
            out.printf(Locale.ROOT, "workbench import: %.2f s median, %,.0f pairs/s (parse, hash, dedupe, pairs + labels, commit)%n",
                    oursMedian, pairs / oursMedian);
            if (!sqlite) {
                out.println("sqlite3: not installed (apt-get install sqlite3) — no reference figure");
            } else {
                double refMedian = median(reference);
                out.printf(Locale.ROOT, "sqlite3 .import: %.2f s median, %,.0f rows/s (CSV into a plain 3-column table)%n",
                        refMedian, pairs / refMedian);
                out.printf(Locale.ROOT, "ratio: workbench takes %.2fx the time of sqlite3 .import (median of %d rounds;"
                        + " goal: <= 2x)%n", median(ratios), ratios.size());
                out.printf(Locale.ROOT, "sqlite3 copying the rows this import stored (pairs and labels) into an empty"
                        + " project's own tables and indexes: %.2f s median, %.2fx the .import; the workbench"
                        + " takes %.2fx that floor%n", median(floor), median(floor) / refMedian, median(overFloor));
            }
            return 0;
        } finally {
            if (temporary) {
                deleteTree(work);
            }
        }
    }

    private void generate(Path jsonl, Path csv) throws IOException {
        SyntheticText text = new SyntheticText(42);
        CsvMapper csvMapper = new CsvMapper();
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(jsonl), 1 << 16);
             JsonGenerator g = Json.mapper().getFactory().createGenerator(os);
             Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             SequenceWriter c = csvMapper.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(w)) {
            g.setRootValueSeparator(null);
            c.write(new String[] {"prompt", "chosen", "rejected"});
            for (int i = 0; i < pairs; i++) {
                String prompt = "#" + i + " " + text.words(20, 80);
                String chosen = text.words(20, 150);
                String rejected = text.words(20, 150);
                g.writeStartObject();
                g.writeStringField("prompt", prompt);
                g.writeStringField("chosen", chosen);
                g.writeStringField("rejected", rejected);
                g.writeEndObject();
                g.writeRaw('\n');
                c.write(new String[] {prompt, chosen, rejected});
            }
        }
    }

    /** One import of the generated file into a new project, in seconds (closing, with its checkpoint, included). */
    private double workbenchImport(Path jsonl, Path project) throws Exception {
        long t0 = System.nanoTime();
        ImportReport r;
        try (ProjectStore store = ProjectStore.open(project)) {
            r = new ImportService().importFiles(store, List.of(jsonl), "trl",
                    ImportOptions.defaults().withShuffleSeed(1L), ImportProgress.NONE);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (r.pairsAdded() != pairs) {
            throw new IllegalStateException("imported " + r.pairsAdded() + " pairs, expected " + pairs);
        }
        return s;
    }

    private static boolean sqliteInstalled() {
        try {
            Process p = new ProcessBuilder("sqlite3", "-version").redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            return p.waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The sqlite3 shell importing the same rows from CSV into a plain 3-column table, in seconds. */
    private double sqliteImport(Path work, Path csv, int round) throws IOException, InterruptedException {
        Path db = work.resolve("sqlite3-" + round + ".db");
        Process create = new ProcessBuilder("sqlite3", db.toString(),
                "CREATE TABLE pairs (prompt TEXT NOT NULL, chosen TEXT NOT NULL, rejected TEXT NOT NULL)")
                .redirectErrorStream(true).start();
        create.getInputStream().transferTo(OutputStream.nullOutputStream());
        create.waitFor();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sqlite3", db.toString(), ".mode csv",
                ".import --skip 1 " + csv + " pairs").redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("sqlite3 .import failed: " + log);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        Files.deleteIfExists(db);
        return s;
    }

    /**
     * The same rows the workbench stored, copied by the sqlite3 shell into an empty project (the same tables, indexes
     * and page size, and the rollback journal an import uses when it has the file alone): the floor SQLite itself
     * sets for this data, without parsing, hashing or JDBC. The {@code WHERE} keeps SQLite from its transfer shortcut
     * (copying finished records and index entries between identical tables), so every row is encoded and every index
     * entry inserted, as an import must.
     */
    private double sqliteIntoProjectTables(Path work, Path imported, int round) throws IOException, InterruptedException {
        Path empty = work.resolve("empty-" + round + ".rlaif");
        ProjectStore.open(empty).close();
        // written as the import writes a project it has alone: with a rollback journal (Database.bulkWrite)
        String sql = "PRAGMA foreign_keys = ON; PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;"
                + " ATTACH '" + imported.toString().replace("'", "''") + "' AS src;"
                + " BEGIN; INSERT INTO labeler SELECT * FROM src.labeler; INSERT INTO comparison SELECT * FROM src.comparison WHERE id > 0;"
                + " INSERT INTO label SELECT * FROM src.label WHERE id > 0; COMMIT;";
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("sqlite3", empty.toString(), sql).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("sqlite3 could not copy the rows: " + log.substring(0, Math.min(500, log.length())));
        }
        double s = (System.nanoTime() - t0) / 1e9;
        deleteProject(empty);
        return s;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void deleteProject(Path project) throws IOException {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(Path.of(project + suffix));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

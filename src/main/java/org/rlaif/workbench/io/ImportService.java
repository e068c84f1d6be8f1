package org.rlaif.workbench.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.StoreException;

/**
 * Imports files into a project: all of an import commits in one transaction, or none of it does.
 *
 * <p>A reader streams records into a sink that writes them straight into the open transaction; pairs are
 * matched by content key, labelers by name, and labels by origin, so importing the same file again adds nothing.
 */
public final class ImportService {
    /** Project setting: the seed that decides which of chosen/rejected is shown as A. */
    public static final String SHUFFLE_SEED_KEY = "import.shuffle_seed";
    private static final Set<String> DATA_EXTENSIONS = Set.of("json", "jsonl", "gz", "csv", "tsv");

    private final FormatRegistry formats;

    public ImportService(FormatRegistry formats) {
        this.formats = formats;
    }

    public ImportService() {
        this(FormatRegistry.standard());
    }

    public FormatRegistry formats() {
        return formats;
    }

    /**
     * Imports {@code paths} (files, or folders whose data files are taken in name order) in the given format, or
     * {@code auto} to detect each file's format from its first records. Everything is one transaction: when any
     * file fails, nothing of any of them is stored.
     */
    public ImportReport importFiles(ProjectStore store, List<Path> paths, String format, ImportOptions options,
                                    ImportProgress progress) throws ImportException {
        long started = System.nanoTime();
        List<Path> files = expand(paths);
        List<Batch> batches = plan(files, format);
        List<SourceFile> sources = new ArrayList<>();
        for (Batch b : batches) {
            sources.addAll(b.sources);
        }
        try {
            return store.bulkWrite(c -> {
                long seed = settleSeed(store, c, options, files.get(0));
                StoringSink sink = new StoringSink(store, c, sources, options, progress);
                try {
                    for (Batch b : batches) {
                        new RecordPipeline().run(b.reader, new ImportContext(b.sources, options, seed), sink);
                        sink.flush();
                    }
                } catch (ImportException e) {
                    throw new Carrier(e);
                } finally {
                    sink.closeStatements();
                }
                for (Batch b : batches) {
                    for (SourceFile s : b.sources) {
                        // a second import of an unchanged file adds nothing, not even a line in the import log
                        if (sink.addedFrom(s) || !store.importFiles().seen(c, s.sha256(), b.reader.name())) {
                            store.importFiles().record(c, s.path().toString(), s.sha256(), b.reader.name(),
                                    sink.recordsFrom(s), sink.invalidFrom(s), "{\"shuffle_seed\":" + seed + "}");
                        }
                    }
                }
                String formatNames = String.join(", ", batches.stream().map(b -> b.reader.name()).distinct().toList());
                return new ImportReport(formatNames, sources, sink.pairsRead, sink.pairsAdded, sink.labelsAdded,
                        sink.labelsExisting, sink.failedLabels, List.copyOf(sink.labelerNames), sink.invalid, seed,
                        (System.nanoTime() - started) / 1_000_000);
            });
        } catch (Carrier carrier) {
            throw carrier.failure;
        } catch (StoreException e) {
            throw new ImportException(files.get(0), 0, "could not store the import: " + e.getMessage(), e);
        }
    }

    /** One reader and the files it reads. */
    private record Batch(FormatReader reader, List<SourceFile> sources) {
    }

    /**
     * Which reader reads which file. With {@code auto} every file is detected on its own, and files of one format
     * go to their reader together (PandaLM joins its three files; AlpacaEval seeds share a labeler).
     */
    private List<Batch> plan(List<Path> files, String format) throws ImportException {
        Map<FormatReader, List<SourceFile>> byReader = new java.util.LinkedHashMap<>();
        FormatReader fixed = "auto".equals(format) ? null : formats.require(format);
        for (Path f : files) {
            SourceFile source = digest(f);
            if (source.size() == 0) {
                throw new ImportException(f, 1, "file is empty: no records");
            }
            FormatReader reader = fixed != null ? fixed : formats.detect(f);
            byReader.computeIfAbsent(reader, r -> new ArrayList<>()).add(source);
        }
        List<Batch> out = new ArrayList<>();
        byReader.forEach((reader, list) -> out.add(new Batch(reader, list)));
        return out;
    }

    private static long settleSeed(ProjectStore store, Connection c, ImportOptions options, Path first)
            throws SQLException {
        var recorded = store.meta().get(c, SHUFFLE_SEED_KEY);
        if (options.shuffleSeed() != null) {
            if (recorded.isEmpty()) {
                store.meta().put(c, SHUFFLE_SEED_KEY, Long.toString(options.shuffleSeed()));
            } else if (Long.parseLong(recorded.get()) != options.shuffleSeed()) {
                // another seed would place the same chosen/rejected pairs the other way round: duplicates
                throw new Carrier(new ImportException(first, 0, "this project places chosen/rejected at A or B with"
                        + " seed " + recorded.get() + "; --seed " + options.shuffleSeed() + " would import the same"
                        + " pairs a second time in other positions (leave --seed out, or import into a new project)"));
            }
            return options.shuffleSeed();
        }
        if (recorded.isPresent()) {
            return Long.parseLong(recorded.get());
        }
        long fresh = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        store.meta().put(c, SHUFFLE_SEED_KEY, Long.toString(fresh));
        return fresh;
    }

    static List<Path> expand(List<Path> paths) throws ImportException {
        if (paths.isEmpty()) {
            throw new ImportException(Path.of("."), 0, "no files to import");
        }
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new ImportException(p, 0, "no such file");
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> children = Files.list(p)) {
                    children.filter(Files::isRegularFile)
                            .filter(f -> DATA_EXTENSIONS.contains(extension(f)))
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted()
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new ImportException(p, 0, "cannot list folder: " + e.getMessage(), e);
                }
            } else if (!Files.isReadable(p)) {
                throw new ImportException(p, 0, "file is not readable");
            } else {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new ImportException(paths.get(0), 0, "no data files (.json, .jsonl, .gz, .csv, .tsv) in folder");
        }
        return out;
    }

    private static String extension(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase();
    }

    static SourceFile digest(Path file) throws ImportException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            long size = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                size += n;
            }
            return new SourceFile(file, HexFormat.of().formatHex(sha.digest()), size);
        } catch (IOException e) {
            throw new ImportException(file, 0, "cannot read file: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Carries a checked import failure out through the store's transaction, which then rolls back. */
    private static final class Carrier extends RuntimeException {
        private final ImportException failure;

        Carrier(ImportException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    /**
     * Writes records into the open transaction, reusing prepared statements and caching lookups. Records that are
     * new to the project (the usual case) are stored {@value #ROWS} per INSERT statement: with one statement per row
     * the driver's own cost per statement was as large as SQLite's work. Anything else (a pair seen before, a label
     * already stored, the last few records) takes the row-by-row path, which handles every case.
     */
    private static final class StoringSink implements RecordSink {
        private static final int ROWS = 64;

        private final ProjectStore store;
        private final Connection c;
        private final ImportOptions options;
        private final ImportProgress progress;
        private final long totalBytes;
        private final Map<Path, Long> bytesBefore = new HashMap<>();
        private final Map<String, Labeler> labelers = new HashMap<>();
        private final Map<String, Long> pairIds = new HashMap<>();
        private final Set<Long> pairsCreatedHere = new java.util.HashSet<>();
        private final Map<String, Integer> nextSample = new HashMap<>();
        private final Map<Path, long[]> perFile = new HashMap<>(); // {records, invalid, rows added}
        private final Map<String, Path> byShortDigest = new HashMap<>();
        private final PreparedStatement insertPair;
        private final PreparedStatement findPair;
        private final PreparedStatement insertLabel;
        private final PreparedStatement maxSample;
        final Set<String> labelerNames = new LinkedHashSet<>();
        final List<InvalidRecord> invalid = new ArrayList<>();
        long pairsRead;
        long pairsAdded;
        long labelsAdded;
        long labelsExisting;
        long failedLabels;
        private long nextPairId;
        /** Records waiting to be stored ROWS at a time (see {@link #flush}). */
        private final List<ImportedPair> pending = new ArrayList<>(ROWS);
        private PreparedStatement pairRows;
        private PreparedStatement labelRows;

        StoringSink(ProjectStore store, Connection c, List<SourceFile> sources, ImportOptions options,
                    ImportProgress progress) throws SQLException {
            this.store = store;
            this.c = c;
            this.options = options;
            this.progress = progress;
            long sum = 0;
            for (SourceFile s : sources) {
                bytesBefore.put(s.path(), sum);
                sum += s.size();
                perFile.put(s.path(), new long[3]);
                byShortDigest.put(s.shortDigest(), s.path());
            }
            this.totalBytes = sum;
            this.insertPair = store.comparisons().prepareBulkInsert(c);
            this.nextPairId = store.comparisons().maxId(c); // we hold the write lock: nobody else adds pairs
            this.findPair = c.prepareStatement("SELECT id FROM comparison WHERE pair_key = ?");
            this.insertLabel = store.labels().prepareImport(c);
            this.maxSample = c.prepareStatement(
                    "SELECT coalesce(max(sample_index) + 1, 0) FROM label WHERE comparison_id = ? AND labeler_id = ?");
        }

        @Override
        public void accept(ImportedPair record) throws ImportException {
            pending.add(record);
            if (pending.size() == ROWS) {
                flush();
            }
        }

        /** Stores the records waiting: in one statement per table when they are all new, else one by one. */
        void flush() throws ImportException {
            if (pending.isEmpty()) {
                return;
            }
            List<ImportedPair> batch = List.copyOf(pending);
            pending.clear();
            try {
                if (batch.size() == ROWS && storeAllNew(batch)) {
                    return;
                }
            } catch (SQLException | StoreException e) {
                ImportedPair first = batch.get(0);
                throw new ImportException(first.file(), first.line(), "cannot store records: " + e.getMessage(), e);
            }
            for (ImportedPair record : batch) {
                storeOne(record);
            }
        }

        /**
         * The fast path: when none of the batch's pairs is known yet, inserts them in one statement and then their
         * labels in statements of {@value #ROWS}. Returns false, having stored nothing, when a pair turns out to be
         * stored already (the statement fails on the unique key and SQLite undoes it).
         */
        private boolean storeAllNew(List<ImportedPair> batch) throws SQLException {
            Set<String> keys = new java.util.HashSet<>();
            for (ImportedPair r : batch) {
                String key = r.pair().pairKey();
                if (pairIds.containsKey(key) || !keys.add(key)) {
                    return false;
                }
            }
            if (pairRows == null) {
                pairRows = store.comparisons().prepareRowsInsert(c, ROWS);
                labelRows = store.labels().prepareRowsInsert(c, ROWS);
            }
            long first = nextPairId + 1;
            for (int i = 0; i < ROWS; i++) {
                store.comparisons().bindRow(pairRows, i, batch.get(i).pair(), first + i);
            }
            try {
                pairRows.executeUpdate();
            } catch (SQLException alreadyStored) {
                return false;
            }
            nextPairId = first + ROWS - 1;
            List<NewLabel> labels = new ArrayList<>();
            for (int i = 0; i < ROWS; i++) {
                ImportedPair r = batch.get(i);
                long id = first + i;
                pairIds.put(r.pair().pairKey(), id);
                pairsCreatedHere.add(id);
                pairsAdded++;
                pairsRead++;
                long[] counts = perFile.computeIfAbsent(r.file(), k -> new long[3]);
                counts[0]++;
                counts[2]++;
                for (ImportedLabel l : r.labels()) {
                    // the pairs are new, so are their labels: reserve each sample now for the next label to see it
                    NewLabel prepared = prepare(id, l, r);
                    reserveSample(prepared);
                    labels.add(prepared);
                }
            }
            int full = labels.size() - labels.size() % ROWS;
            for (int from = 0; from < full; from += ROWS) {
                storeLabelRows(labels.subList(from, from + ROWS));
            }
            for (NewLabel l : labels.subList(full, labels.size())) {
                storeLabel(l);
            }
            return true;
        }

        private void storeLabelRows(List<NewLabel> rows) throws SQLException {
            for (int i = 0; i < ROWS; i++) {
                store.labels().bindRow(labelRows, i, rows.get(i).label, rows.get(i).imported.origin());
            }
            try {
                labelRows.executeUpdate();
            } catch (SQLException someAlreadyStored) {
                for (NewLabel l : rows) {
                    storeLabel(l);
                }
                return;
            }
            for (NewLabel l : rows) {
                counted(l);
            }
        }

        private void storeOne(ImportedPair record) throws ImportException {
            try {
                long pairId = pairId(record);
                pairsRead++;
                perFile.computeIfAbsent(record.file(), k -> new long[3])[0]++;
                for (ImportedLabel l : record.labels()) {
                    storeLabel(pairId, l, record);
                }
            } catch (SQLException | StoreException e) {
                throw new ImportException(record.file(), record.line(), "cannot store record: " + e.getMessage(), e);
            }
        }

        private long pairId(ImportedPair record) throws SQLException {
            String key = record.pair().pairKey();
            Long cached = pairIds.get(key);
            if (cached != null) {
                return cached;
            }
            long id = nextPairId + 1;
            store.comparisons().bindInsert(insertPair, record.pair(), id);
            if (insertPair.executeUpdate() == 1) {
                nextPairId = id;
                pairsAdded++;
                pairsCreatedHere.add(id);
                perFile.computeIfAbsent(record.file(), k -> new long[3])[2]++;
            } else {
                findPair.setString(1, key); // already in the project (an earlier import)
                try (ResultSet rs = findPair.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            pairIds.put(key, id);
            return id;
        }

        /** A label ready to store: its sample index is settled, its origin and record kept for the counts. */
        private record NewLabel(Label label, ImportedLabel imported, ImportedPair record) {
        }

        private void storeLabel(long pairId, ImportedLabel l, ImportedPair record) throws SQLException {
            storeLabel(prepare(pairId, l, record));
        }

        /** Settles the label's sample index (the next free one of its labeler on the pair, unless the file says). */
        private NewLabel prepare(long pairId, ImportedLabel l, ImportedPair record) throws SQLException {
            Labeler labeler = labeler(l.labeler());
            int sample = l.sampleIndex() != null ? l.sampleIndex() : nextSampleOf(pairId, labeler.id());
            Label label = l.choice() == null
                    ? new Label(0, pairId, labeler.id(), sample, LabelStatus.FAILED, null, l.probabilityA(),
                            l.rationale(), l.orderShown(), java.time.Instant.now(), null, null, l.rawAnswer())
                    : new Label(0, pairId, labeler.id(), sample, LabelStatus.OK, l.choice(), l.probabilityA(),
                            l.rationale(), l.orderShown(), java.time.Instant.now(), null, null, l.rawAnswer());
            return new NewLabel(label, l, record);
        }

        /** Marks the label's sample index as used, so the next label of its labeler on the pair takes the next one. */
        private void reserveSample(NewLabel l) {
            long pairId = l.label.comparisonId();
            String slot = pairId + ":" + l.label.labelerId();
            // an explicit sample index on a pair the project had before is seen by the next max() query
            if (l.imported.sampleIndex() == null || nextSample.containsKey(slot) || pairsCreatedHere.contains(pairId)) {
                nextSample.merge(slot, l.label.sampleIndex() + 1, Math::max);
            }
        }

        /** Stores one label unless its origin is stored already; only a stored label uses up its sample index. */
        private void storeLabel(NewLabel l) throws SQLException {
            if (store.labels().appendImported(insertLabel, l.label, l.imported.origin())) {
                reserveSample(l);
                counted(l);
            } else {
                labelsExisting++;
            }
        }

        private void counted(NewLabel l) {
            labelsAdded++;
            // a label's origin starts with the digest of the file that holds it (for PandaLM, a judge file)
            Path from = byShortDigest.getOrDefault(l.imported.origin().split(":", 2)[0], l.record.file());
            perFile.computeIfAbsent(from, k -> new long[3])[2]++;
            if (l.imported.choice() == null) {
                failedLabels++;
            }
        }

        private int nextSampleOf(long pairId, long labelerId) throws SQLException {
            String key = pairId + ":" + labelerId;
            Integer known = nextSample.get(key);
            if (known != null) {
                return known;
            }
            if (pairsCreatedHere.contains(pairId)) {
                return 0; // a pair created by this import has no earlier labels
            }
            maxSample.setLong(1, pairId);
            maxSample.setLong(2, labelerId);
            try (ResultSet rs = maxSample.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }

        private Labeler labeler(Labeler wanted) throws SQLException {
            Labeler known = labelers.get(wanted.name());
            if (known == null) {
                known = store.labelers().findOrCreate(c, wanted);
                labelers.put(wanted.name(), known);
                labelerNames.add(known.name());
            }
            return known;
        }

        @Override
        public void invalid(Path file, long line, String problem) throws ImportException {
            if (!options.skipInvalid()) {
                throw new ImportException(file, line, problem);
            }
            invalid.add(new InvalidRecord(file, line, problem));
            perFile.computeIfAbsent(file, k -> new long[3])[1]++;
        }

        @Override
        public void progress(SourceFile file, long bytesRead) throws ImportException {
            if (progress.isCancelled() || Thread.currentThread().isInterrupted()) {
                throw new ImportCancelledException(file.path());
            }
            progress.bytes(bytesBefore.getOrDefault(file.path(), 0L) + bytesRead, totalBytes);
        }

        long recordsFrom(SourceFile s) {
            return perFile.getOrDefault(s.path(), new long[3])[0];
        }

        long invalidFrom(SourceFile s) {
            return perFile.getOrDefault(s.path(), new long[3])[1];
        }

        /** True when this import stored a pair or a label that came from {@code s}. */
        boolean addedFrom(SourceFile s) {
            return perFile.getOrDefault(s.path(), new long[3])[2] > 0;
        }

        void closeStatements() throws SQLException {
            if (pairRows != null) {
                pairRows.close();
                labelRows.close();
            }
            insertPair.close();
            findPair.close();
            insertLabel.close();
            maxSample.close();
        }
    }
}

-- A derived, one-row-per-pair summary of the labels in force, so the window can filter and count a million pairs
-- by agreement, dispute, confidence and labeler with one scan of a narrow table instead of reading every label.
--
-- Nothing here is source data: PairSummaries rebuilds the row of every pair whose labels, adjudications or
-- existence changed since its last pass. It finds them by id watermarks (labels, adjudications and pairs are
-- append-only, so every new row has a higher id than the last one seen), which keeps every writer, the importers
-- and the labeling engine included, a plain insert with no trigger cost. No foreign key either: the row is always
-- rebuilt from tables that have them.
CREATE TABLE pair_summary (
    comparison_id INTEGER PRIMARY KEY,
    -- copied from comparison (they never change), so no filter has to read the wide comparison rows
    task          TEXT    NOT NULL,
    split         TEXT    NOT NULL,
    source        TEXT    NOT NULL,
    -- labelers with a verdict in force, and how many of them say A, B or tie
    labelers      INTEGER NOT NULL DEFAULT 0,
    votes_a       INTEGER NOT NULL DEFAULT 0,
    votes_b       INTEGER NOT NULL DEFAULT 0,
    votes_tie     INTEGER NOT NULL DEFAULT 0,
    -- unlabeled: no verdict; single: one labeler; agree: all verdicts equal; disputed: they differ
    status        TEXT    NOT NULL DEFAULT 'unlabeled'
                          CHECK (status IN ('unlabeled', 'single', 'agree', 'disputed')),
    -- mean over labelers of |2 P(A) - 1|: 1 when every labeler is certain, 0 when every one is on the fence
    confidence    REAL,
    -- the review queue's rank, as metrics.DisputedPair defines it: on pairs where some labelers say A and others B,
    -- the weaker side's strength (a side's strength is the sum of its labelers' |2 P(A) - 1|), then both sides'
    -- strength together; null on every other pair
    dispute       REAL,
    dispute_weight REAL,
    adjudicated   INTEGER NOT NULL DEFAULT 0,
    -- every labeler's verdict, ',<labeler id>:<A|B|T>:<P(A), 3 decimals>:<samples>,' in labeler id order; a
    -- labeler filter is then a substring test in the same scan (',7:' = labeler 7 has a verdict, ',7:A' = it chose A)
    verdicts      TEXT    NOT NULL DEFAULT ','
);
-- The review queue and the "most confident disagreement first" order read A-versus-B pairs only.
CREATE INDEX pair_summary_by_dispute ON pair_summary (dispute DESC, dispute_weight DESC, comparison_id)
    WHERE dispute IS NOT NULL;

-- Pairs per combination of the summary's few-valued columns, kept exact by the same catch-up, so the usual filters
-- (status, task, split, source, adjudicated) and the status line count in microseconds instead of a full scan.
CREATE TABLE pair_count (
    task        TEXT    NOT NULL,
    split       TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    adjudicated INTEGER NOT NULL,
    pairs       INTEGER NOT NULL,
    PRIMARY KEY (task, split, source, status, adjudicated)
) WITHOUT ROWID;

-- Pairs per labeler verdict and per combination of the summary's few-valued columns, kept exact by PairSummaries
-- next to pair_count, so a filter on one labeler's verdict ("judge-7b chose A", "has no verdict from the annotator")
-- counts from this table at once instead of scanning every pair's verdict list (a quarter of a second at a million
-- pairs, which the pairs screen paid on every such filter). Derived like pair_summary: rebuilt from it, never edited.
CREATE TABLE pair_verdict_count (
    labeler_id  INTEGER NOT NULL,
    verdict     TEXT    NOT NULL CHECK (verdict IN ('A', 'B', 'T')),
    task        TEXT    NOT NULL,
    split       TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    adjudicated INTEGER NOT NULL,
    pairs       INTEGER NOT NULL,
    PRIMARY KEY (labeler_id, verdict, task, split, source, status, adjudicated)
) WITHOUT ROWID;

-- A new project has nothing to count; one summarised before this table existed has it filled by the next catch-up
-- (PairSummaries, in one pass over pair_summary), which the missing key tells it to do.
INSERT INTO project_meta (key, value)
SELECT 'summary.verdict_counts', 'built' WHERE NOT EXISTS (SELECT 1 FROM pair_summary);

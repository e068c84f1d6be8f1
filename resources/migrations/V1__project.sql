-- Version 1 of the project file. Nothing here is updated or deleted in place except run state and labeler
-- settings: corrections are new rows that name the row they supersede.

CREATE TABLE project_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per file read by an import; the digest makes a second import of the same file a no-op.
CREATE TABLE import_file (
    id          INTEGER PRIMARY KEY,
    path        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    imported_at INTEGER NOT NULL,
    records     INTEGER NOT NULL,
    skipped     INTEGER NOT NULL,
    -- options that shaped what was stored (e.g. the position-shuffle seed), as a JSON object
    options     TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX import_file_by_digest ON import_file (sha256);

CREATE TABLE comparison (
    id          INTEGER PRIMARY KEY,
    pair_key    TEXT    NOT NULL UNIQUE,
    task        TEXT    NOT NULL CHECK (task IN ('summarization', 'helpfulness', 'harmlessness', 'other')),
    context     TEXT    NOT NULL,
    response_a  TEXT    NOT NULL,
    response_b  TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    source_id   TEXT,
    split       TEXT    NOT NULL CHECK (split IN ('train', 'test')),
    metadata    TEXT    NOT NULL DEFAULT '{}',
    -- Lengths in characters (code points), kept so length-bias metrics never read the texts.
    len_a       INTEGER NOT NULL,
    len_b       INTEGER NOT NULL
);
CREATE INDEX comparison_by_source ON comparison (source, split);
CREATE INDEX comparison_by_task ON comparison (task, split);

CREATE TABLE labeler (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    kind       TEXT    NOT NULL CHECK (kind IN ('HUMAN', 'AI', 'REWARD_MODEL', 'POLICY_JUDGE')),
    model_id   TEXT,
    params     REAL CHECK (params IS NULL OR params > 0),
    technique  TEXT,
    endpoint   TEXT,
    config     TEXT    NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL
);

CREATE TABLE label (
    id            INTEGER PRIMARY KEY,
    comparison_id INTEGER NOT NULL REFERENCES comparison (id),
    labeler_id    INTEGER NOT NULL REFERENCES labeler (id),
    sample_index  INTEGER NOT NULL DEFAULT 0 CHECK (sample_index >= 0),
    order_shown   TEXT CHECK (order_shown IN ('AB', 'BA')),
    status        TEXT    NOT NULL CHECK (status IN ('OK', 'FAILED', 'RETRACTED')),
    choice        TEXT CHECK (choice IN ('A', 'B', 'TIE')),
    p_a           REAL CHECK (p_a IS NULL OR (p_a >= 0 AND p_a <= 1)),
    rationale     TEXT,
    prompt        TEXT,
    raw_answer    TEXT,
    created_at    INTEGER NOT NULL,
    supersedes    INTEGER REFERENCES label (id),
    -- Where an imported label came from (file digest, record, labeler); re-importing adds nothing.
    origin        TEXT,
    CHECK ((status = 'OK') = (choice IS NOT NULL))
);
CREATE INDEX label_by_comparison ON label (comparison_id, labeler_id);
CREATE INDEX label_by_labeler ON label (labeler_id, comparison_id);
-- A row is superseded at most once, so every slot's history is a single chain; the index also makes "is this row
-- current?" one probe. Partial: most rows supersede nothing, and NULLs need no index entry.
CREATE UNIQUE INDEX label_supersedes ON label (supersedes) WHERE supersedes IS NOT NULL;
CREATE UNIQUE INDEX label_origin ON label (origin) WHERE origin IS NOT NULL;

-- The labels in force: rows no later row supersedes. RETRACTED rows are in force too (they mean "no label").
CREATE VIEW current_label AS
SELECT l.*
FROM label l
WHERE NOT EXISTS (SELECT 1 FROM label s WHERE s.supersedes = l.id);

CREATE TABLE adjudication (
    id            INTEGER PRIMARY KEY,
    comparison_id INTEGER NOT NULL REFERENCES comparison (id),
    choice        TEXT CHECK (choice IN ('A', 'B', 'TIE')),
    decided_by    TEXT    NOT NULL,
    note          TEXT,
    created_at    INTEGER NOT NULL,
    supersedes    INTEGER REFERENCES adjudication (id),
    CHECK (choice IS NOT NULL OR supersedes IS NOT NULL)
);
CREATE INDEX adjudication_by_comparison ON adjudication (comparison_id);
CREATE UNIQUE INDEX adjudication_supersedes ON adjudication (supersedes) WHERE supersedes IS NOT NULL;

CREATE VIEW current_adjudication AS
SELECT a.*
FROM adjudication a
WHERE NOT EXISTS (SELECT 1 FROM adjudication s WHERE s.supersedes = a.id)
  AND a.choice IS NOT NULL;

CREATE TABLE run (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    spec       TEXT    NOT NULL DEFAULT '{}',
    state      TEXT    NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'PAUSED', 'FINISHED', 'FAILED', 'CANCELLED')),
    pid        INTEGER,
    started_at INTEGER,
    ended_at   INTEGER,
    message    TEXT,
    done       INTEGER NOT NULL DEFAULT 0,
    total      INTEGER
);

CREATE TABLE run_log (
    run_id INTEGER NOT NULL REFERENCES run (id),
    seq    INTEGER NOT NULL,
    at     INTEGER NOT NULL,
    line   TEXT    NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

CREATE TABLE metric_point (
    run_id INTEGER NOT NULL REFERENCES run (id),
    name   TEXT    NOT NULL,
    step   INTEGER NOT NULL,
    value  REAL    NOT NULL,
    at     INTEGER NOT NULL
);
CREATE INDEX metric_point_by_run ON metric_point (run_id, name, step);

-- Full-text search over pairs. An external-content FTS5 index: the texts live once, in comparison. It is filled
-- in bulk after each import (see SearchIndex) rather than by a trigger per row, which keeps imports fast;
-- fts_indexed_upto in project_meta says how far it has got.
CREATE VIRTUAL TABLE comparison_fts USING fts5(
    context, response_a, response_b,
    content = 'comparison', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

-- foreign_keys: off
-- Version 4: training runs. The run table is rebuilt (SQLite cannot change a CHECK in place) to know the states a
-- trainer ends in: STOPPED (asked to stop, saved what it had), DIVERGED (a NaN or infinite loss) and INTERRUPTED
-- (the process that watched it is gone). Migrations rebuilds with foreign keys off and checks them before committing,
-- as SQLite's "other kinds of table schema changes" procedure says; run_log and metric_point keep pointing at run.

CREATE TABLE run_v4 (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    spec       TEXT    NOT NULL DEFAULT '{}',
    state      TEXT    NOT NULL CHECK (state IN ('PENDING', 'RUNNING', 'PAUSED', 'FINISHED', 'STOPPED', 'FAILED',
                                                 'DIVERGED', 'CANCELLED', 'INTERRUPTED')),
    pid        INTEGER,
    started_at INTEGER,
    ended_at   INTEGER,
    message    TEXT,
    done       INTEGER NOT NULL DEFAULT 0,
    total      INTEGER,
    -- the process that watches the run (the window or a command), as 'pid@start-millis': when it is gone and the run
    -- is not over, nobody will ever finish it, so the next open marks it INTERRUPTED
    watcher    TEXT
);
INSERT INTO run_v4 (id, kind, name, spec, state, pid, started_at, ended_at, message, done, total)
SELECT id, kind, name, spec, state, pid, started_at, ended_at, message, done, total FROM run;
DROP TABLE run;
ALTER TABLE run_v4 RENAME TO run;
CREATE INDEX run_by_kind ON run (kind, id);

-- What a policy run wrote while it trained (prompt, completion, reward): the samples table of the Runs screen.
CREATE TABLE run_sample (
    run_id     INTEGER NOT NULL REFERENCES run (id),
    seq        INTEGER NOT NULL,
    step       INTEGER NOT NULL,
    prompt     TEXT    NOT NULL,
    completion TEXT    NOT NULL,
    reward     REAL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

-- Files and folders a run produced (a reward model, its ONNX export, checkpoints, outputs), by path.
CREATE TABLE run_artifact (
    run_id INTEGER NOT NULL REFERENCES run (id),
    seq    INTEGER NOT NULL,
    kind   TEXT    NOT NULL,
    path   TEXT    NOT NULL,
    step   INTEGER,
    at     INTEGER NOT NULL,
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;

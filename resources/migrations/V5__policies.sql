-- Version 5: policies and what they write (issue 10). A policy is a model that answers prompts: trained here (SFT,
-- RL, best-of-n), a teacher asked over an OpenAI-compatible API, or one whose outputs were imported. Outputs are
-- append-only like labels; head-to-head evaluation pairs are ordinary comparisons (so the existing labeling and the
-- review queue judge them) that remember which two outputs they hold.

CREATE TABLE policy (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE,
    kind       TEXT    NOT NULL CHECK (kind IN ('SFT', 'RL', 'BEST_OF_N', 'BASE', 'TEACHER', 'IMPORTED')),
    -- the run that trained or wrote it, when it was made here
    run_id     INTEGER REFERENCES run (id),
    -- the policy's model folder, when there is one
    model_path TEXT,
    -- what it was made from: base policy, reward source (rlaif / rlhf / direct-rlaif / none), algorithm, teacher model
    config     TEXT    NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL
);

-- The prompts policies answer: the contexts of the project's pairs, once each (by content), and imported ones.
CREATE TABLE prompt (
    id         INTEGER PRIMARY KEY,
    prompt_key TEXT    NOT NULL UNIQUE,
    text       TEXT    NOT NULL,
    task       TEXT    NOT NULL CHECK (task IN ('summarization', 'helpfulness', 'harmlessness', 'other')),
    split      TEXT    NOT NULL CHECK (split IN ('train', 'test')),
    source     TEXT    NOT NULL
);

-- What a policy wrote for a prompt. sample_index tells several samples apart (best-of-n candidates, seeds).
CREATE TABLE policy_output (
    id           INTEGER PRIMARY KEY,
    policy_id    INTEGER NOT NULL REFERENCES policy (id),
    prompt_id    INTEGER NOT NULL REFERENCES prompt (id),
    sample_index INTEGER NOT NULL DEFAULT 0 CHECK (sample_index >= 0),
    response     TEXT    NOT NULL,
    -- the reward it was given where it was written (best-of-n's pick, an RL sample), else null
    reward       REAL,
    run_id       INTEGER REFERENCES run (id),
    -- where an imported output came from (file digest and record); importing again adds nothing
    origin       TEXT,
    created_at   INTEGER NOT NULL,
    UNIQUE (policy_id, prompt_id, sample_index)
);
CREATE INDEX policy_output_by_prompt ON policy_output (prompt_id, policy_id);
CREATE UNIQUE INDEX policy_output_origin ON policy_output (origin) WHERE origin IS NOT NULL;

-- A head-to-head evaluation pair: the comparison whose A and B are two policies' outputs on one prompt. Which policy
-- is A was drawn with the seed and is recorded here, so verdicts map back to policies.
CREATE TABLE eval_pair (
    comparison_id INTEGER PRIMARY KEY REFERENCES comparison (id),
    output_a      INTEGER NOT NULL REFERENCES policy_output (id),
    output_b      INTEGER NOT NULL REFERENCES policy_output (id),
    seed          INTEGER NOT NULL,
    CHECK (output_a <> output_b)
);
CREATE INDEX eval_pair_by_outputs ON eval_pair (output_a, output_b);

-- Qualitative tags annotators put on outputs ("hallucinated detail", "not fluent", "harmful", …). Append-only: taking
-- a tag off adds a row with removed = 1; the newest row per (output, tag, tagged_by) is in force.
CREATE TABLE output_tag (
    id         INTEGER PRIMARY KEY,
    output_id  INTEGER NOT NULL REFERENCES policy_output (id),
    tag        TEXT    NOT NULL,
    tagged_by  TEXT    NOT NULL,
    removed    INTEGER NOT NULL DEFAULT 0 CHECK (removed IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX output_tag_by_output ON output_tag (output_id, tag, tagged_by, id);

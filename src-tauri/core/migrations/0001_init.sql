-- Prongsai schema v1: organization, fiscal years, the report, and the log of
-- every applied change. Dates are ISO-8601 (Gregorian) text; years are BE.
-- Text is stored with Arabic digits (Thai digits are a display choice).

CREATE TABLE organization (
    id          INTEGER PRIMARY KEY,
    name_th     TEXT NOT NULL CHECK (length(name_th) > 0),
    name_en     TEXT NOT NULL DEFAULT '',
    ministry    TEXT NOT NULL DEFAULT '',
    doc_prefix  TEXT NOT NULL DEFAULT '',
    digits      TEXT NOT NULL DEFAULT 'thai' CHECK (digits IN ('thai', 'arabic'))
);

CREATE TABLE division (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    name            TEXT NOT NULL CHECK (length(name) > 0),
    UNIQUE (organization_id, name)
);

CREATE TABLE fiscal_year (
    id              INTEGER PRIMARY KEY,
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    year_be         INTEGER NOT NULL UNIQUE CHECK (year_be BETWEEN 2400 AND 2800),
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'published')),
    title           TEXT NOT NULL DEFAULT '',   -- lines joined by '\n'
    heading         TEXT NOT NULL DEFAULT '',   -- lines joined by '\n'
    part1_heading   TEXT NOT NULL DEFAULT '',
    part2_heading   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE measure (
    id        INTEGER PRIMARY KEY,
    year_id   INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    title     TEXT NOT NULL CHECK (length(title) > 0),
    remarks   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX measure_year ON measure(year_id, position);

CREATE TABLE activity (
    id          INTEGER PRIMARY KEY,
    measure_id  INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    level       INTEGER NOT NULL DEFAULT 0 CHECK (level IN (0, 1)),
    text        TEXT NOT NULL CHECK (length(text) > 0)
);
CREATE INDEX activity_measure ON activity(measure_id, position);

CREATE TABLE result (
    id          INTEGER PRIMARY KEY,
    measure_id  INTEGER NOT NULL REFERENCES measure(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    level       INTEGER NOT NULL DEFAULT 0 CHECK (level IN (0, 1)),
    text        TEXT NOT NULL CHECK (length(text) > 0)
);
CREATE INDEX result_measure ON result(measure_id, position);

CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    result_id     INTEGER NOT NULL REFERENCES result(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('memo', 'url', 'image')),
    memo_number   TEXT,
    memo_date     TEXT,
    memo_urgency  TEXT CHECK (memo_urgency IN ('normal', 'urgent', 'very_urgent', 'most_urgent')),
    url           TEXT,
    image_name    TEXT,
    image_mime    TEXT,
    image_data    BLOB,
    CHECK (kind <> 'memo'  OR (memo_number IS NOT NULL AND memo_date IS NOT NULL AND memo_urgency IS NOT NULL)),
    CHECK (kind <> 'url'   OR url IS NOT NULL),
    CHECK (kind <> 'image' OR (image_name IS NOT NULL AND image_mime IS NOT NULL AND image_data IS NOT NULL))
);
CREATE INDEX evidence_result ON evidence(result_id, position);

CREATE TABLE outcome (
    id        INTEGER PRIMARY KEY,
    year_id   INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL CHECK (length(text) > 0)
);
CREATE INDEX outcome_year ON outcome(year_id, position);

-- Every change applied through Store::apply, in order. Append-only: the
-- history, undo/redo and the audit trail are built on it.
CREATE TABLE change_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,              -- RFC 3339, UTC
    actor      TEXT NOT NULL DEFAULT '',
    change     TEXT NOT NULL,              -- the Change, as JSON
    before     TEXT                        -- the values it replaced, as JSON
);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

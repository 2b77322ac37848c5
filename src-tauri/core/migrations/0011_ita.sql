-- Schema v11: the NACC's ITA assessment years, apart from the fiscal years
-- whose data they assess. A round (ITA 2569) has its own item catalogue,
-- each item asking for the round's own fiscal year or the one before; an
-- item tracker; the analysis of last year's result (O25); and the domains
-- of the organization's own website, which the answers' URLs must be on.
-- Additive only.

ALTER TABLE organization ADD COLUMN web_domains TEXT NOT NULL DEFAULT '';

-- An assessment round, named by its Buddhist Era year (ITA 2569).
CREATE TABLE ita_year (
    id             INTEGER PRIMARY KEY,
    year_be        INTEGER NOT NULL UNIQUE CHECK (year_be BETWEEN 2400 AND 2800),
    -- Where the catalogue's text came from.
    source         TEXT NOT NULL DEFAULT '',
    -- The round the items' `was` codes name (the crosswalk), 0: none.
    previous_year  INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE ita_item (
    id         INTEGER PRIMARY KEY,
    year_id    INTEGER NOT NULL REFERENCES ita_year(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    code       TEXT NOT NULL CHECK (length(code) > 0),
    title      TEXT NOT NULL CHECK (length(title) > 0),
    contents   TEXT NOT NULL DEFAULT '',
    period     TEXT NOT NULL CHECK (period IN ('current', 'previous')),
    -- The previous round's codes this item continues, space-separated.
    was        TEXT NOT NULL DEFAULT '',
    confirmed  INTEGER NOT NULL DEFAULT 1 CHECK (confirmed IN (0, 1)),
    UNIQUE (year_id, code)
);

-- The tracker: who prepares an item, by when, how far, where it is
-- published and the explanation given in ITAS. Kept by code, so a
-- catalogue corrected later keeps it.
CREATE TABLE ita_track (
    year_id        INTEGER NOT NULL REFERENCES ita_year(id) ON DELETE CASCADE,
    code           TEXT NOT NULL,
    division       TEXT NOT NULL DEFAULT '',
    due            TEXT,
    status         TEXT NOT NULL DEFAULT 'not_started'
                   CHECK (status IN ('not_started', 'in_progress', 'published')),
    url            TEXT NOT NULL DEFAULT '',
    explanation    TEXT NOT NULL DEFAULT '',
    -- The fiscal year (BE) of the evidence published, 0: not said.
    evidence_year  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year_id, code)
);

-- The result an agency received for a round: a score per indicator.
CREATE TABLE ita_score_set (
    year_be  INTEGER PRIMARY KEY CHECK (year_be BETWEEN 2400 AND 2800),
    source   TEXT NOT NULL DEFAULT '',
    -- Made up for the sample, never an agency's result.
    sample   INTEGER NOT NULL DEFAULT 0 CHECK (sample IN (0, 1))
);

CREATE TABLE ita_score (
    year_be     INTEGER NOT NULL REFERENCES ita_score_set(year_be) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    instrument  TEXT NOT NULL CHECK (instrument IN ('iit', 'eit', 'oit')),
    indicator   TEXT NOT NULL CHECK (length(indicator) > 0),
    name        TEXT NOT NULL DEFAULT '',
    score       TEXT NOT NULL,
    previous    TEXT,
    PRIMARY KEY (year_be, indicator)
);

-- O25: what the analysis found for an indicator, in a round.
CREATE TABLE ita_finding (
    year_id    INTEGER NOT NULL REFERENCES ita_year(id) ON DELETE CASCADE,
    indicator  TEXT NOT NULL,
    issue      TEXT NOT NULL,
    PRIMARY KEY (year_id, indicator)
);

-- O25: the measures set from the analysis, and the indicators each answers.
CREATE TABLE ita_measure (
    id          INTEGER PRIMARY KEY,
    year_id     INTEGER NOT NULL REFERENCES ita_year(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL CHECK (length(title) > 0),
    owner       TEXT NOT NULL DEFAULT '',
    timeline    TEXT NOT NULL DEFAULT '',
    -- Indicator codes, space-separated.
    indicators  TEXT NOT NULL DEFAULT ''
);

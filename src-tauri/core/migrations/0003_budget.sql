-- Schema v3: the year's budget. Amounts are exact decimals stored as text
-- ("1234.50"): SQLite REAL would be binary floating point.

CREATE TABLE budget_line (
    id            INTEGER PRIMARY KEY,
    year_id       INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    division      TEXT NOT NULL CHECK (length(division) > 0),
    category      TEXT NOT NULL CHECK (category IN ('personnel', 'operating', 'investment', 'subsidy', 'other')),
    item          TEXT NOT NULL DEFAULT ''
                  CHECK (item IN ('', 'compensation', 'expenses', 'materials', 'utilities')),
    plan          TEXT NOT NULL DEFAULT '',   -- แผนงาน/ผลผลิต/โครงการ
    source        TEXT NOT NULL DEFAULT '',   -- funding source
    allocated     TEXT NOT NULL,
    transfer_in   TEXT NOT NULL DEFAULT '0',
    transfer_out  TEXT NOT NULL DEFAULT '0',
    UNIQUE (year_id, division, category, item, plan, source)
);
CREATE INDEX budget_line_year ON budget_line(year_id, position);

-- Fiscal month 1 = October … 12 = September.
CREATE TABLE budget_month (
    line_id    INTEGER NOT NULL REFERENCES budget_line(id) ON DELETE CASCADE,
    month      INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    planned    TEXT NOT NULL DEFAULT '0',
    disbursed  TEXT NOT NULL DEFAULT '0',
    committed  TEXT NOT NULL DEFAULT '0',
    PRIMARY KEY (line_id, month)
);

-- Cabinet disbursement targets (cumulative % by the end of each quarter).
CREATE TABLE disbursement_target (
    year_id  INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
    scope    TEXT NOT NULL CHECK (scope IN ('overall', 'investment')),
    quarter  INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    percent  TEXT NOT NULL,
    PRIMARY KEY (year_id, scope, quarter)
);

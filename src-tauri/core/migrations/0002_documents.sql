-- Schema v2: what the PDFs need. Signatures on a year's report, the
-- organization's emblem and report defaults, and stored memos
-- (บันทึกข้อความ / หนังสือเวียน). Additive only.

ALTER TABLE fiscal_year ADD COLUMN reporter_name TEXT NOT NULL DEFAULT '';
ALTER TABLE fiscal_year ADD COLUMN reporter_position TEXT NOT NULL DEFAULT '';
ALTER TABLE fiscal_year ADD COLUMN approver_name TEXT NOT NULL DEFAULT '';
ALTER TABLE fiscal_year ADD COLUMN approver_position TEXT NOT NULL DEFAULT '';
ALTER TABLE fiscal_year ADD COLUMN approved_on TEXT;

ALTER TABLE organization ADD COLUMN orientation TEXT NOT NULL DEFAULT 'landscape'
    CHECK (orientation IN ('landscape', 'portrait'));
ALTER TABLE organization ADD COLUMN emblem_mime TEXT;
ALTER TABLE organization ADD COLUMN emblem_data BLOB;

CREATE TABLE memo (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    number           TEXT NOT NULL CHECK (length(number) > 0),   -- e.g. พณ 0701.08/ว24
    date             TEXT NOT NULL,                               -- ISO
    urgency          TEXT NOT NULL DEFAULT 'normal'
                     CHECK (urgency IN ('normal', 'urgent', 'very_urgent', 'most_urgent')),
    division         TEXT NOT NULL DEFAULT '',                    -- ส่วนราชการ
    subject          TEXT NOT NULL CHECK (length(subject) > 0),  -- เรื่อง
    recipient        TEXT NOT NULL DEFAULT '',                    -- เรียน
    body             TEXT NOT NULL DEFAULT '',                    -- paragraphs separated by '\n'
    signer_name      TEXT NOT NULL DEFAULT '',
    signer_position  TEXT NOT NULL DEFAULT '',
    UNIQUE (organization_id, number, date)
);

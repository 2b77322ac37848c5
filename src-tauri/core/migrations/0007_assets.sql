-- Schema v7: the asset register (ทะเบียนครุภัณฑ์), loans of durable supplies
-- (ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างฯ พ.ศ. 2560 ข้อ 207–211) and the
-- annual inspection (ข้อ 213). Money is decimal text, dates ISO. Additive only.

CREATE TABLE asset_category (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
    useful_life       INTEGER NOT NULL CHECK (useful_life > 0)    -- years
);

CREATE TABLE asset (
    id            INTEGER PRIMARY KEY,
    number        TEXT NOT NULL UNIQUE CHECK (length(number) > 0),   -- เลขครุภัณฑ์ 7440-001-0001/66
    name          TEXT NOT NULL CHECK (length(name) > 0),
    category      TEXT NOT NULL REFERENCES asset_category(name),
    brand         TEXT NOT NULL DEFAULT '',
    model         TEXT NOT NULL DEFAULT '',
    serial        TEXT NOT NULL DEFAULT '',
    acquired_on   TEXT NOT NULL,                                     -- ISO
    method        TEXT NOT NULL DEFAULT '',                          -- วิธีการได้มา
    price         TEXT NOT NULL,                                     -- decimal
    budget_year   INTEGER CHECK (budget_year IS NULL OR budget_year BETWEEN 2400 AND 2800),
    funding       TEXT NOT NULL DEFAULT '',
    location      TEXT NOT NULL DEFAULT '',
    division      TEXT NOT NULL DEFAULT '',                          -- custodian
    status        TEXT NOT NULL DEFAULT 'usable'
                  CHECK (status IN ('usable', 'damaged', 'deteriorated', 'lost', 'disposed')),
    useful_life   INTEGER NOT NULL CHECK (useful_life > 0),
    photo_mime    TEXT,
    photo         BLOB,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX asset_status ON asset(status);

CREATE TABLE asset_status_event (
    id        INTEGER PRIMARY KEY,
    asset_id  INTEGER NOT NULL REFERENCES asset(id) ON DELETE CASCADE,
    on_date   TEXT NOT NULL,
    status    TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX asset_status_event_asset ON asset_status_event(asset_id, id);

CREATE TABLE loan (
    id                INTEGER PRIMARY KEY,
    asset_id          INTEGER NOT NULL REFERENCES asset(id),
    state             TEXT NOT NULL CHECK (state IN ('requested', 'approved', 'refused', 'handed_over', 'returned')),
    borrower          TEXT NOT NULL CHECK (length(borrower) > 0),
    position          TEXT NOT NULL DEFAULT '',
    division          TEXT NOT NULL DEFAULT '',
    purpose           TEXT NOT NULL CHECK (length(purpose) > 0),
    outside           INTEGER NOT NULL CHECK (outside IN (0, 1)),     -- used outside the office
    borrow_on         TEXT NOT NULL,
    due_on            TEXT NOT NULL CHECK (due_on >= borrow_on),
    requested_on      TEXT NOT NULL,
    decided_by        TEXT NOT NULL DEFAULT '',
    decided_as        TEXT NOT NULL DEFAULT '' CHECK (decided_as IN ('', 'head', 'delegate')),
    decided_on        TEXT,
    refusal           TEXT NOT NULL DEFAULT '',
    handed_over_on    TEXT,
    handed_over_by    TEXT NOT NULL DEFAULT '',
    returned_on       TEXT,
    return_condition  TEXT CHECK (return_condition IS NULL OR return_condition IN ('good', 'damaged', 'lost')),
    received_by       TEXT NOT NULL DEFAULT '',
    settlement        TEXT CHECK (settlement IS NULL OR settlement IN ('repaired', 'replaced', 'paid')),
    settlement_note   TEXT NOT NULL DEFAULT '',
    settled_on        TEXT
);
-- One asset is never lent twice at once, whatever writes the row.
CREATE UNIQUE INDEX loan_one_at_a_time ON loan(asset_id) WHERE state IN ('approved', 'handed_over');
CREATE INDEX loan_state ON loan(state, due_on);

CREATE TABLE inspection (
    id              INTEGER PRIMARY KEY,
    year_be         INTEGER NOT NULL UNIQUE CHECK (year_be BETWEEN 2400 AND 2800),
    started_on      TEXT NOT NULL,
    supply_officer  TEXT NOT NULL DEFAULT '',        -- เจ้าหน้าที่พัสดุ: may not sit on the committee
    committee       TEXT NOT NULL,                   -- JSON [{name, position}]
    confirmed_on    TEXT
);

CREATE TABLE inspection_result (
    inspection_id  INTEGER NOT NULL REFERENCES inspection(id) ON DELETE CASCADE,
    asset_id       INTEGER NOT NULL REFERENCES asset(id),
    result         TEXT NOT NULL CHECK (result IN ('found', 'not_found', 'damaged', 'obsolete')),
    note           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (inspection_id, asset_id)
);

-- Categories of durable articles and their useful lives (years), after the
-- Comptroller General's depreciation guidance; an agency edits its own.
INSERT INTO asset_category (name, useful_life) VALUES
    ('ครุภัณฑ์สำนักงาน', 10),
    ('ครุภัณฑ์คอมพิวเตอร์', 3),
    ('ครุภัณฑ์ยานพาหนะและขนส่ง', 5),
    ('ครุภัณฑ์ไฟฟ้าและวิทยุ', 5),
    ('ครุภัณฑ์โฆษณาและเผยแพร่', 5),
    ('ครุภัณฑ์งานบ้านงานครัว', 5),
    ('ครุภัณฑ์วิทยาศาสตร์และการแพทย์', 5),
    ('ครุภัณฑ์ก่อสร้าง', 5),
    ('ครุภัณฑ์สำรวจ', 5),
    ('ครุภัณฑ์อื่น', 5);

-- Schema v6: what the report editor keeps. OIT items per year and the tags
-- on years and measures, the year's status trail (who approved, where it
-- was published, why it was reopened), the organization's complaint
-- channels, and undo/redo in the change log itself. Additive only.

ALTER TABLE fiscal_year ADD COLUMN oit_code TEXT NOT NULL DEFAULT '';
ALTER TABLE fiscal_year ADD COLUMN status_by TEXT NOT NULL DEFAULT '';
ALTER TABLE fiscal_year ADD COLUMN status_at TEXT NOT NULL DEFAULT '';
ALTER TABLE fiscal_year ADD COLUMN published_url TEXT NOT NULL DEFAULT '';
ALTER TABLE fiscal_year ADD COLUMN reopen_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE measure ADD COLUMN oit_code TEXT NOT NULL DEFAULT '';

-- The NACC's list changes every year (2566: O42 measures, O43 results).
CREATE TABLE oit_item (
    id        INTEGER PRIMARY KEY,
    year_id   INTEGER NOT NULL REFERENCES fiscal_year(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    code      TEXT NOT NULL CHECK (length(code) > 0),
    title     TEXT NOT NULL DEFAULT '',
    UNIQUE (year_id, code)
);

-- ช่องทางร้องเรียน
CREATE TABLE complaint_channel (
    id               INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    kind             TEXT NOT NULL CHECK (kind IN ('phone', 'email', 'web', 'letter', 'in_person')),
    value            TEXT NOT NULL CHECK (length(value) > 0),
    unit             TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT ''
);

-- Undo and redo are entries too: `kind` says which, `reverts` names the
-- entry they reverse (the undone change, or the undo being redone). Both
-- are covered by the entry's hash.
ALTER TABLE change_log ADD COLUMN kind TEXT NOT NULL DEFAULT 'do' CHECK (kind IN ('do', 'undo', 'redo'));
ALTER TABLE change_log ADD COLUMN reverts INTEGER REFERENCES change_log(id);

DROP TRIGGER change_log_no_update;
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
WHEN OLD.hash IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
  OR NEW.change IS NOT OLD.change OR NEW.before IS NOT OLD.before
  OR NEW.kind IS NOT OLD.kind OR NEW.reverts IS NOT OLD.reverts
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

-- Schema v5: the change log becomes a hash chain. Each entry carries the
-- hash of the one before and its own (SHA-256 over the entry and that
-- hash), so a rewritten or removed entry is detected by `verify`.
-- Entries written before v5 are sealed by the app on open, oldest first;
-- after that an entry can never change again.

ALTER TABLE change_log ADD COLUMN prev_hash TEXT;
ALTER TABLE change_log ADD COLUMN hash TEXT;

DROP TRIGGER change_log_no_update;
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
WHEN OLD.hash IS NOT NULL
  OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
  OR NEW.change IS NOT OLD.change OR NEW.before IS NOT OLD.before
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

-- Schema v12: what a large asset import costs no longer grows with it.
--
-- An asset import's rows are kept beside its history entry,
-- compressed, instead of in the entry's JSON. The entry names them by row
-- count and SHA-256 (so the hash chain covers them); `verify` reads them
-- back, checks the hash and replays them. Additive only: entries written
-- before keep their rows inline.

CREATE TABLE change_rows (
    change_id  INTEGER PRIMARY KEY REFERENCES change_log(id),
    -- zstd of the rows' JSON array, as serde writes it
    data       BLOB NOT NULL
);
CREATE TRIGGER change_rows_no_update BEFORE UPDATE ON change_rows
BEGIN SELECT RAISE(ABORT, 'change_rows is append-only'); END;
CREATE TRIGGER change_rows_no_delete BEFORE DELETE ON change_rows
BEGIN SELECT RAISE(ABORT, 'change_rows is append-only'); END;

-- The text each asset is found by (number, name, category, location,
-- division, brand, model, serial, lower-cased), one line "id<TAB>text" per
-- asset, in zstd-compressed blocks written by the import that added them:
-- a search reads these instead of every asset. Assets imported before v12
-- have no block and are searched in `asset`.
CREATE TABLE asset_text (
    first_id  INTEGER PRIMARY KEY,
    last_id   INTEGER NOT NULL,
    data      BLOB NOT NULL
);
-- Written only by the import that adds its assets, like the history.
CREATE TRIGGER asset_text_no_update BEFORE UPDATE ON asset_text
BEGIN SELECT RAISE(ABORT, 'asset_text is append-only'); END;
CREATE TRIGGER asset_text_no_delete BEFORE DELETE ON asset_text
BEGIN SELECT RAISE(ABORT, 'asset_text is append-only'); END;

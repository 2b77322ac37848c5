-- Schema v8: a year's table column headings (one per line; empty: the
-- standard four), and whether the year is the embedded sample, which the
-- app labels ตัวอย่าง and offers to remove. Additive only.

ALTER TABLE fiscal_year ADD COLUMN columns TEXT NOT NULL DEFAULT '';
ALTER TABLE fiscal_year ADD COLUMN sample INTEGER NOT NULL DEFAULT 0;

-- Schema v13: reading the chain's head no longer reads the entry.
--
-- `hash` comes after `change` in a row, and a report's JSON can be
-- megabytes: SQLite reached an entry's hash by walking every page of its
-- JSON, which every open, every write and every export did for the newest
-- entry (2 MiB of page cache after a 1,000-measure year was imported).
-- This index holds the ids and hashes alone; the head queries read it.
-- Additive only.

CREATE INDEX change_log_head ON change_log (id, hash);

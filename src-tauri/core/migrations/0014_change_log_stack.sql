-- Schema v14: the undo and redo stacks no longer read the entries' JSON.
--
-- `history::stacks` runs after every save in the app (the Undo and Redo
-- buttons) and before every undo and redo. It needs, for each entry, the
-- kind, what it reverts, whether it has an inverse and the start of its
-- change; SQLite read every entry's whole `change` and `before` to take
-- their first bytes (47 ms with ten 1,000-measure years imported, 18 MB
-- of JSON). This index holds those values, computed once as each entry is
-- written; the query names it and reads nothing else. Additive only.

CREATE INDEX change_log_stack ON change_log (
    id,
    kind,
    reverts,
    COALESCE(substr(before, 1, 8) = '{"undo":', 0),
    substr(change, 1, 48)
);

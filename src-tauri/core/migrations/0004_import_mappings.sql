-- Schema v4: column mappings of import files, remembered per layout (the
-- file's header row), so that a user maps another program's export once.
CREATE TABLE import_mapping (
    layout   TEXT PRIMARY KEY,   -- the header cells, trimmed, joined by U+001F
    mapping  TEXT NOT NULL       -- JSON object: header -> field
);

-- Schema v10: the TH Sarabun font file documents are set in, chosen on this
-- machine ('' = the Sarabun compiled into Prongsai). Additive only.

ALTER TABLE organization ADD COLUMN font_file TEXT NOT NULL DEFAULT '';

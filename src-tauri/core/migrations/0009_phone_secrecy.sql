-- Schema v9: the organization's phone (printed after ส่วนราชการ on a memo)
-- and a memo's secrecy (ชั้นความลับ: ลับ / ลับมาก / ลับที่สุด). Additive only.

ALTER TABLE organization ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE memo ADD COLUMN secrecy TEXT NOT NULL DEFAULT 'normal';

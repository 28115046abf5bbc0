-- Issue 12 (BM.02's contact phone): a work phone (số điện thoại cơ quan) for the commune's People's Committee, its
-- units and its staff, so that the supplement request (BM.02, TT 03/2025/TT-VPCP Phụ lục I: "liên hệ với …, số điện
-- thoại …") prints a real number: the officer's own, else their unit's or the one-stop desk's, else the commune's.
-- Nullable: none is known until the administrator enters it. Stored as the applicant's phone is (dossiers/core/
-- applicant.ts, normalisePhone): the national number, digits only, 0 then 9–10 digits, the first not 0 (a mobile is
-- 10 digits, a landline such as 0208 3xxx xxx in Thái Nguyên 11). The application validates and normalises with the
-- same rule; the CHECK only keeps anything else out of the column. A work phone, never a private number: it is
-- printed on the forms handed to citizens.
ALTER TABLE communes ADD COLUMN phone text CONSTRAINT communes_phone_format CHECK (phone ~ '^0[1-9][0-9]{8,9}$');
ALTER TABLE units ADD COLUMN phone text CONSTRAINT units_phone_format CHECK (phone ~ '^0[1-9][0-9]{8,9}$');
ALTER TABLE staff ADD COLUMN phone text CONSTRAINT staff_phone_format CHECK (phone ~ '^0[1-9][0-9]{8,9}$');

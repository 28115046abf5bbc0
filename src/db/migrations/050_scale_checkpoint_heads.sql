-- Issue 16, scale (docs/benchmarks-province.md).
--
-- integrity_heads: the head (number of entries, last hash) that the signed checkpoints last vouched for, per dossier,
-- so that the hourly checkpoint (src/integrity/incremental.ts) checks only the entries appended since the previous
-- one: the first new entry must link to this hash. A working copy of what the signed files say, not the authority:
-- whoever can write the database can change it, which is why `xaso verify` compares every chain with EVERY head the
-- signed files hold (src/integrity/verify.ts), never with this table. It is the installation's, like the checkpoint
-- files: read and written only by the checkpoint, which covers every commune's dossiers at once; it holds no commune
-- data (an id, a count, a hash), so it has no commune_id and its key is named chain_id (the dossier's id, the chain's),
-- outside the row-security rule for tenant tables (test/security/row-security.db.test.ts).
CREATE TABLE IF NOT EXISTS integrity_heads (
  chain_id   uuid PRIMARY KEY,              -- dossiers.id of the chain
  count      integer NOT NULL CHECK (count >= 0),
  hash       text,
  checkpoint text NOT NULL,                 -- the file name of the signed checkpoint that recorded it
  signed_at  timestamptz NOT NULL
);
GRANT SELECT, INSERT, UPDATE ON integrity_heads TO xaso_app;

-- ratings.commune_id: a commune's ratings of a period read as one index range (ratingSummary(), the public page and
-- the province's rows; satisfactionByOfficer(), the commune dashboard; the province's figures grouped by commune).
-- Before, each read took the WHOLE PROVINCE's ratings of the period (ratings_created_at, migration 047) and joined
-- them to the commune's dossiers: at 10M dossiers about 570,000 index entries for a year, per commune and request.
-- Filled from the dossier by a trigger on insert (every path, tests' fixtures included), and here for the rows there.
ALTER TABLE ratings ADD COLUMN IF NOT EXISTS commune_id text;
UPDATE ratings r SET commune_id = d.commune_id FROM dossiers d WHERE d.id = r.dossier_id AND r.commune_id IS NULL;
CREATE OR REPLACE FUNCTION ratings_commune() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.commune_id := (SELECT d.commune_id FROM dossiers d WHERE d.id = NEW.dossier_id);
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS ratings_commune ON ratings;
CREATE TRIGGER ratings_commune BEFORE INSERT ON ratings FOR EACH ROW WHEN (NEW.commune_id IS NULL) EXECUTE FUNCTION ratings_commune();
CREATE INDEX IF NOT EXISTS ratings_commune_created ON ratings (commune_id, created_at) INCLUDE (overall, dossier_id);

-- The procedures with a dossier using e-identity or population data (766 4.5a) of a period, for every commune of the
-- province at once (province/figures-store.ts proceduresCountedByCommune): the rollup's 'count' entries labelled
-- 'eid', a small slice of it. Measured at 300,000 dossiers, the province's year: 217 ms by the primary key's range.
CREATE INDEX IF NOT EXISTS indicator_rollup_eid ON indicator_rollup (commune_id, month, procedure_code) WHERE kind = 'count' AND label = 'eid';

-- Issue 16 (scale): the monthly rollup summed over unit, procedure and channel, by commune. The province's figures
-- (src/province/figures-store.ts rollupSums) only need commune, field, kind, label, complained (and received_month
-- for 'final', the month for the span): at 1M dossiers a year of the fine rollup (016) is ~776k rows for the province,
-- this table a fraction of it (docs/benchmarks-province.md, "The coarse rollup").
--
-- Kept EXACTLY equal to `SELECT commune_id, month, kind, field_code, received_month, label, complained, sum(n)
-- FROM indicator_rollup GROUP BY 1, 2, 3, 4, 5, 6, 7` (same keys, rows with n = 0 included) by the only writer of
-- indicator_rollup, src/indicators/rollup-store.ts: its upsert writes both tables in ONE statement (a data-modifying
-- CTE), and a build deletes both before upserting (test/indicators/rollup-commune.db.test.ts).
CREATE TABLE indicator_rollup_commune (
  commune_id     text NOT NULL REFERENCES communes (id),
  month          text NOT NULL,
  kind           text NOT NULL,
  field_code     text NOT NULL,
  received_month text NOT NULL,
  label          text NOT NULL,
  complained     boolean NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (commune_id, month, kind, field_code, received_month, label, complained)
);

INSERT INTO indicator_rollup_commune (commune_id, month, kind, field_code, received_month, label, complained, n)
SELECT commune_id, month, kind, field_code, received_month, label, complained, sum(n)::int
  FROM indicator_rollup
 GROUP BY commune_id, month, kind, field_code, received_month, label, complained;

GRANT SELECT, INSERT, UPDATE, DELETE ON indicator_rollup_commune TO xaso_app;

-- Row security as indicator_rollup's (migration 048 §1): a row belongs to one commune.
ALTER TABLE indicator_rollup_commune ENABLE ROW LEVEL SECURITY;
CREATE POLICY commune_scope ON indicator_rollup_commune
  USING (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true))
  WITH CHECK (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true));

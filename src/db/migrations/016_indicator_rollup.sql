-- Indicators (issue 5 § Speed): a monthly rollup of the indicator facts of FINISHED dossiers, kept in the
-- transaction of every facts refresh (src/indicators/facts.ts, rollup-store.ts), so that a year's 766 index, period
-- report and public page add up a few thousand rows instead of judging every dossier of the year. Dossiers not
-- finished yet are not stored here: the views read them live from indicator_facts (they are few, they end).
-- An entry (src/indicators/core/rollup.ts `entriesOf`): kind 'count' (a countsOf() count, by month of receipt),
-- 'final' (2.1 status by month finished), 'open' (2.1 status at the end of a month the dossier was still open),
-- 'returned' (by month returned). n may be 0 after updates (kept: the key space is small).
CREATE TABLE indicator_rollup (
  commune_id     text NOT NULL REFERENCES communes (id),
  month          text NOT NULL CHECK (month ~ '^[0-9]{4}-[0-9]{2}$'),   -- Vietnam month, YYYY-MM
  kind           text NOT NULL CHECK (kind IN ('count', 'final', 'open', 'returned')),
  unit_code      text NOT NULL,                                           -- '' when no unit
  field_code     text NOT NULL,
  procedure_code text NOT NULL,
  received_month text NOT NULL CHECK (received_month ~ '^[0-9]{4}-[0-9]{2}$'),
  channel        text NOT NULL,
  label          text NOT NULL,                                           -- the count, or the 2.1 status
  complained     boolean NOT NULL,
  n              integer NOT NULL,
  PRIMARY KEY (commune_id, month, kind, unit_code, field_code, procedure_code, received_month, channel, label, complained)
);

-- The communes whose rollup has been built from their facts (the first view builds it, rollup-store.ts
-- `ensureRollup`); until then a facts refresh leaves the rollup alone.
CREATE TABLE indicator_rollup_built (
  commune_id text PRIMARY KEY REFERENCES communes (id),
  built_at   timestamptz NOT NULL DEFAULT now()
);

-- The open dossiers a view reads live.
CREATE INDEX indicator_facts_commune_unfinished ON indicator_facts (commune_id) WHERE finished_at IS NULL;

GRANT SELECT, INSERT, UPDATE, DELETE ON indicator_rollup TO xaso_app;
GRANT SELECT, INSERT, DELETE ON indicator_rollup_built TO xaso_app;

-- Indicators (issue 5): one row of facts per dossier, recomputed in the transaction of every change to the dossier
-- (src/indicators/facts.ts), so that the Decision 766 counts and the period report add up these rows instead of
-- re-deriving each dossier from its files, payments and ratings at every page view.
CREATE TABLE indicator_facts (
  dossier_id      uuid PRIMARY KEY REFERENCES dossiers (id),
  commune_id      text NOT NULL REFERENCES communes (id),
  unit_code       text,                      -- the unit that handles (or last handled) the dossier
  field_code      text NOT NULL,
  procedure_code  text NOT NULL,
  channel         text NOT NULL,
  received_at     timestamptz,               -- null: never received (refused at receipt, still submitted)
  finished_at     timestamptz,
  returned_at     timestamptz,
  original_due_at timestamptz,
  paused_at       timestamptz,
  supplement_count integer NOT NULL DEFAULT 0,
  late_by_supplement_rule boolean NOT NULL DEFAULT false,
  counts          text[] NOT NULL,           -- countsOf() of src/indicators/core/contributions.ts
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX indicator_facts_commune_received ON indicator_facts (commune_id, received_at);
CREATE INDEX indicator_facts_commune_open ON indicator_facts (commune_id, finished_at);

GRANT SELECT, INSERT, UPDATE ON indicator_facts TO xaso_app;

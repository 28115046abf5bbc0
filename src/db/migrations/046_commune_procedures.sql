-- Issue 16, the province level: which procedures of the shared catalogue a commune does NOT offer at its own desk
-- (its citizens are pointed to another commune's desk or the province's). An absent row means offered: a new
-- procedure in the catalogue is offered by every commune until a commune says otherwise. Set by `xaso commune add`
-- and the province's commune page (src/province/onboard.ts).
CREATE TABLE commune_procedure_choices (
  commune_id     text NOT NULL REFERENCES communes(id),
  procedure_code text NOT NULL CHECK (procedure_code ~ '^[0-9A-Z.]{3,42}$'),
  offered        boolean NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (commune_id, procedure_code)
);
-- The portal's list asks "which codes does this commune not offer": a partial index of the few rows that say so.
CREATE INDEX commune_procedure_choices_not_offered ON commune_procedure_choices (commune_id) WHERE NOT offered;

GRANT SELECT, INSERT, UPDATE, DELETE ON commune_procedure_choices TO xaso_app;

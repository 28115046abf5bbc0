-- PAR self-assessment (Chỉ số cải cách hành chính cấp xã; domain.md §5): the province-issued index tree as
-- effective-dated data (template → area → criterion → sub-criterion), each commune's yearly assessment with the
-- owner units' self-scores (entered, or auto-filled from system data with the source figures), evidence, the
-- reviewing body's appraisal, an append-only log that is also the dialogue, and the final score.

CREATE TABLE par_templates (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code           text NOT NULL,
  name           text NOT NULL,
  province       text NOT NULL,
  issued_by      text NOT NULL,
  legal_basis    text NOT NULL,
  effective_year integer NOT NULL,                        -- first assessment year it applies to
  uncertain      boolean NOT NULL DEFAULT false,          -- values not confirmed in the province's decision
  note           text,
  data           jsonb NOT NULL,                          -- the imported file, as given (export, audit)
  loaded_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, effective_year)
);
CREATE INDEX par_templates_province ON par_templates (province, effective_year);

CREATE TABLE par_nodes (
  template_id     bigint NOT NULL REFERENCES par_templates (id),
  code            text NOT NULL,                          -- '3', '3.2', '3.2.1'
  parent_code     text,
  level           text NOT NULL CHECK (level IN ('area', 'criterion', 'sub')),
  name            text NOT NULL,
  max_points      double precision NOT NULL CHECK (max_points > 0),
  rule            jsonb,                                  -- sub-criteria: core/template.ts ScoringRule
  auto            jsonb,                                  -- sub-criteria filled from system data: AutoSource
  evidence        text[] NOT NULL DEFAULT '{}',           -- the documents expected (tài liệu kiểm chứng)
  owner_unit_code text,                                   -- the unit that self-scores it
  due             text,                                   -- MM-DD in the assessment year
  uncertain       boolean NOT NULL DEFAULT false,
  note            text,
  sort            integer NOT NULL,
  PRIMARY KEY (template_id, code)
);

CREATE TABLE par_assessments (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commune_id   text NOT NULL REFERENCES communes (id),
  year         integer NOT NULL,
  template_id  bigint NOT NULL REFERENCES par_templates (id),
  status       text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'final')),
  created_at   timestamptz NOT NULL,
  submitted_at timestamptz,
  finalized_at timestamptz,
  UNIQUE (commune_id, year)
);

-- One row per sub-criterion of an assessment; unit_id is the owner unit in this commune (its staff edit it).
CREATE TABLE par_items (
  assessment_id   uuid NOT NULL REFERENCES par_assessments (id),
  node_code       text NOT NULL,
  commune_id      text NOT NULL REFERENCES communes (id),
  unit_id         bigint REFERENCES units (id),
  self_points     double precision CHECK (self_points >= 0),
  self_note       text,
  override_reason text,                                   -- required when an auto-filled value is replaced
  auto_points     double precision CHECK (auto_points >= 0),
  auto_figures    jsonb,                                  -- {numerator, denominator, rate, source, period}
  auto_at         timestamptz,
  review_points   double precision CHECK (review_points >= 0),
  review_note     text,
  updated_at      timestamptz,
  PRIMARY KEY (assessment_id, node_code)
);
CREATE INDEX par_items_unit ON par_items (commune_id, unit_id, assessment_id);

-- Evidence documents: an uploaded file (content in files) or a reference note (số, ký hiệu, đường dẫn). Append-only.
CREATE TABLE par_evidence (
  id            bigserial PRIMARY KEY,
  assessment_id uuid NOT NULL REFERENCES par_assessments (id),
  node_code     text NOT NULL,
  commune_id    text NOT NULL REFERENCES communes (id),
  sha256        text REFERENCES files (sha256),
  file_name     text,
  note          text,
  added_by      bigint REFERENCES staff (id),
  added_at      timestamptz NOT NULL,
  CHECK (sha256 IS NOT NULL OR note IS NOT NULL)
);
CREATE INDEX par_evidence_item ON par_evidence (commune_id, assessment_id, node_code);

-- Append-only log of every step; the entries of one sub-criterion after submission are its dialogue
-- (appraisal, the commune's response, the reviewer's revision).
CREATE TABLE par_log (
  id            bigserial PRIMARY KEY,
  assessment_id uuid NOT NULL REFERENCES par_assessments (id),
  node_code     text,                                     -- null: the whole assessment
  commune_id    text NOT NULL REFERENCES communes (id),
  type          text NOT NULL CHECK (type IN ('created', 'autofilled', 'self_scored', 'overridden', 'evidence', 'submitted', 'appraised', 'response', 'revised', 'finalized')),
  side          text NOT NULL CHECK (side IN ('commune', 'reviewer', 'system')),
  actor_id      bigint REFERENCES staff (id),
  points        double precision,
  text          text,
  at            timestamptz NOT NULL
);
CREATE INDEX par_log_item ON par_log (commune_id, assessment_id, node_code, id);

GRANT SELECT, INSERT, UPDATE ON par_templates TO xaso_app;
GRANT USAGE ON SEQUENCE par_templates_id_seq TO xaso_app;
GRANT SELECT, INSERT, DELETE ON par_nodes TO xaso_app;
GRANT SELECT, INSERT, UPDATE ON par_assessments TO xaso_app;
GRANT SELECT, INSERT, UPDATE ON par_items TO xaso_app;
GRANT SELECT, INSERT ON par_evidence TO xaso_app;
GRANT USAGE ON SEQUENCE par_evidence_id_seq TO xaso_app;
GRANT SELECT, INSERT ON par_log TO xaso_app;
GRANT USAGE ON SEQUENCE par_log_id_seq TO xaso_app;

-- Foundation: organisation, staff, catalogue, calendar, dossiers with their append-only action log.
-- Runs on PostgreSQL 15 through 18.

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- unaccent() is only STABLE; an IMMUTABLE wrapper with an explicit dictionary can back an index.
-- It also folds đ/Đ, which unaccent's default rules map already (kept explicit for older dictionaries).
CREATE OR REPLACE FUNCTION vi_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(public.unaccent('public.unaccent'::regdictionary, lower(t)), 'đ', 'd') $$;

-- The application's role: the server connects as the owner and runs SET ROLE xaso_app, so every query
-- runs with these narrower rights (no UPDATE/DELETE on the action log, no DDL).
DO $$ BEGIN
  CREATE ROLE xaso_app NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  EXECUTE format('GRANT xaso_app TO %I', current_user);
EXCEPTION WHEN duplicate_object OR invalid_grant_operation THEN NULL;
END $$;

-- ── Organisation ────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE communes (
  id                  text PRIMARY KEY,                 -- slug, e.g. 'xuan-duong'
  name                text NOT NULL,                    -- 'Xã Xuân Dương'
  province            text NOT NULL,
  agency_code         text NOT NULL UNIQUE,             -- mã định danh điện tử (QĐ 20/2020/QĐ-TTg)
  agency_code_is_demo boolean NOT NULL DEFAULT false,   -- demo values are never real identifiers
  office_hours        jsonb NOT NULL DEFAULT '[{"start":"07:00","end":"11:30"},{"start":"13:30","end":"17:00"}]',
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id  text NOT NULL REFERENCES communes(id),
  code        text NOT NULL,                            -- 'VP', 'VHXH', 'KT', 'TTPVHCC', 'CA', 'QS'
  name        text NOT NULL,
  agency_code text,                                     -- own e-identifier when it receives dossiers
  receives_dossiers boolean NOT NULL DEFAULT false,
  UNIQUE (commune_id, code)
);

CREATE TABLE staff (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id    text NOT NULL REFERENCES communes(id),
  unit_id       bigint REFERENCES units(id),
  username      text NOT NULL UNIQUE,
  full_name     text NOT NULL,
  title         text NOT NULL DEFAULT '',
  roles         text[] NOT NULL CHECK (cardinality(roles) > 0),
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_commune_unit ON staff (commune_id, unit_id);

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,                        -- sha256 of the cookie value; the value itself is never stored
  staff_id     bigint NOT NULL REFERENCES staff(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_staff ON sessions (staff_id);

CREATE TABLE api_keys (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id  text NOT NULL REFERENCES communes(id),
  unit_id     bigint REFERENCES units(id),
  name        text NOT NULL,
  key_hash    text NOT NULL UNIQUE,
  roles       text[] NOT NULL CHECK (cardinality(roles) > 0),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- ── Procedure catalogue (versioned, effective-dated; domain.md §2.10) ──────────────────────────────
CREATE TABLE procedures (
  code            text NOT NULL,                        -- mã TTHC
  version         integer NOT NULL CHECK (version > 0),
  effective_from  date NOT NULL,
  effective_to    date CHECK (effective_to IS NULL OR effective_to > effective_from),
  name            text NOT NULL,
  field_code      text NOT NULL,
  field_name      text NOT NULL,
  handling_unit_code text NOT NULL,
  data            jsonb NOT NULL,                       -- the whole ProcedureVersionInput
  search_text     text GENERATED ALWAYS AS (vi_fold(name || ' ' || field_name || ' ' || code)) STORED,
  PRIMARY KEY (code, version)
);
CREATE INDEX procedures_search_trgm ON procedures USING gin (search_text gin_trgm_ops);
CREATE INDEX procedures_effective ON procedures (code, effective_from);

-- ── Calendar (domain.md §7.1): exceptional days per scope; weekends are implicit ────────────────────
CREATE TABLE calendar_days (
  scope     text NOT NULL CHECK (scope IN ('national', 'province', 'commune')),
  scope_id  text NOT NULL DEFAULT '',                   -- '' national, province name, or commune id
  date      date NOT NULL,
  type      text NOT NULL CHECK (type IN ('WORKDAY', 'WEEKEND', 'HOLIDAY', 'COMPENSATORY_OFF', 'SWAPPED_WORKDAY')),
  name      text NOT NULL,
  source    text NOT NULL,
  updated_by bigint REFERENCES staff(id),
  PRIMARY KEY (scope, scope_id, date)
);

-- ── Dossiers ───────────────────────────────────────────────────────────────────────────────────────
CREATE TABLE dossiers (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  commune_id         text NOT NULL REFERENCES communes(id),
  code               text UNIQUE,                       -- issued at receipt (domain.md §2.4)
  procedure_code     text NOT NULL,
  procedure_version  integer NOT NULL,
  channel            text NOT NULL CHECK (channel IN ('direct', 'online', 'postal')),
  state              smallint NOT NULL CHECK (state BETWEEN 1 AND 10),
  applicant_name     text NOT NULL,
  applicant          jsonb NOT NULL,                    -- contact details (no ID number)
  applicant_id_number text,                             -- sensitive: never logged, only for receipts and lookup
  support_unit_id    bigint REFERENCES units(id),       -- where the citizen was helped
  receiving_unit_id  bigint REFERENCES units(id),       -- gives the code prefix
  competent_authority text NOT NULL,                    -- who decides
  current_unit_id    bigint REFERENCES units(id),
  assignee_id        bigint REFERENCES staff(id),
  step_index         integer,                           -- current internal process step (quy trình nội bộ)
  step_due_at        timestamptz,                       -- its budgeted end, for the control sheet
  submitted_at       timestamptz,
  received_at        timestamptz,
  due_at             timestamptz,
  original_due_at    timestamptz,
  finished_at        timestamptz,
  returned_at        timestamptz,
  authenticated_with_eid boolean NOT NULL DEFAULT false, -- TaiKhoanDuocXacThucVoiVNeID
  projection         jsonb NOT NULL,                    -- the pure core's projection (src/dossiers/core)
  event_count        integer NOT NULL DEFAULT 0,
  last_hash          text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (procedure_code, procedure_version) REFERENCES procedures(code, version)
);
CREATE INDEX dossiers_inbox ON dossiers (commune_id, state, due_at, id);
CREATE INDEX dossiers_commune_due ON dossiers (commune_id, due_at, id);
CREATE INDEX dossiers_unit_inbox ON dossiers (current_unit_id, state, due_at, id);
CREATE INDEX dossiers_assignee ON dossiers (assignee_id, state, due_at) WHERE assignee_id IS NOT NULL;

-- Every unit a dossier has been routed to: a specialist sees the dossiers of their unit (indexed scoping).
CREATE TABLE dossier_units (
  dossier_id uuid NOT NULL REFERENCES dossiers(id),
  unit_id    bigint NOT NULL REFERENCES units(id),
  PRIMARY KEY (unit_id, dossier_id)
);

-- Gap-free daily sequence per receiving unit (domain.md §2.4). The row lock taken by the upsert
-- serialises concurrent intake; a rolled-back intake rolls its number back too.
CREATE TABLE dossier_code_counters (
  receiving_unit_id bigint NOT NULL REFERENCES units(id),
  day               date NOT NULL,
  last_seq          integer NOT NULL,
  PRIMARY KEY (receiving_unit_id, day)
);

CREATE TABLE files (
  sha256       text PRIMARY KEY,
  content_type text NOT NULL,
  size         integer NOT NULL,
  content      bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dossier_files (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id     uuid NOT NULL REFERENCES dossiers(id),
  component_code text NOT NULL,
  file_name      text NOT NULL,
  sha256         text NOT NULL REFERENCES files(sha256),
  digitised      boolean NOT NULL DEFAULT false,        -- DuocSoHoa: scanned at the counter
  reused         boolean NOT NULL DEFAULT false,        -- DuocTaiSuDung
  from_store     boolean NOT NULL DEFAULT false,        -- DuocLayTuKhoDMQG
  uploaded_by    bigint REFERENCES staff(id),
  uploaded_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_files_dossier ON dossier_files (dossier_id);

-- The append-only action log. Status is a projection of it (dossiers.projection, same transaction).
CREATE TABLE dossier_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id   uuid NOT NULL REFERENCES dossiers(id),
  seq          integer NOT NULL CHECK (seq > 0),
  action       text NOT NULL,
  from_state   smallint,
  to_state     smallint NOT NULL,
  actor_id     text NOT NULL,                           -- staff id, 'citizen:…' or 'system'
  actor_role   text NOT NULL,
  actor_unit   text,                                    -- unit code the actor acted from
  at           timestamptz NOT NULL,
  payload      jsonb NOT NULL,                          -- validated command payload (reason, items, …)
  changes      jsonb NOT NULL,                          -- projection fields the event set
  handover     jsonb,                                   -- {fromUnit, toUnit, stepCode, stepDueAt, result}: the control sheet
  prev_hash    text,
  hash         text NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dossier_id, seq),
  CHECK ((seq = 1) = (prev_hash IS NULL))
);
CREATE INDEX dossier_events_actor ON dossier_events (actor_id, at);

CREATE FUNCTION dossier_events_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER dossier_events_no_update BEFORE UPDATE OR DELETE ON dossier_events
  FOR EACH ROW EXECUTE FUNCTION dossier_events_immutable();
CREATE TRIGGER dossier_events_no_truncate BEFORE TRUNCATE ON dossier_events
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_events_immutable();

-- Idempotency: the first response to (principal, key) is stored in the same transaction as the change.
CREATE TABLE idempotency_keys (
  principal     text NOT NULL,
  key           text NOT NULL,
  request_hash  text NOT NULL,
  status        integer NOT NULL,
  response      jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);

-- Who looked at personal data (ID numbers, files), for the data-protection audit (NĐ 356/2025).
CREATE TABLE access_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at         timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  action     text NOT NULL,
  dossier_id uuid,
  detail     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX access_log_dossier ON access_log (dossier_id, at);

-- ── Rights of the application role ─────────────────────────────────────────────────────────────────
GRANT USAGE ON SCHEMA public TO xaso_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON communes, units, staff, sessions, api_keys, procedures, calendar_days,
  dossiers, dossier_units, dossier_code_counters, files, dossier_files, idempotency_keys TO xaso_app;
GRANT SELECT, INSERT ON dossier_events, access_log TO xaso_app;
GRANT SELECT ON schema_migrations TO xaso_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO xaso_app;

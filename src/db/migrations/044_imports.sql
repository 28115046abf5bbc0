-- Import of a commune's history from the system it used before (`xaso import dossiers`, src/imports/).
-- import_runs: one run per (commune, file content); its position is the number of data rows already handled and
-- committed, so an interrupted run continues after them. imported_dossiers: the key of idempotency (commune + the
-- original MaHoSo) and the mark "imported" of each dossier. import_rejects: the rows refused, with every reason
-- (written to <file>.loi.csv at the end), committed with the batch they belong to.

CREATE TABLE import_runs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id   text NOT NULL REFERENCES communes(id),
  file_sha256  text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_name    text NOT NULL,
  format       text NOT NULL CHECK (format IN ('csv', 'json')),
  status       text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
  total_rows   bigint NOT NULL CHECK (total_rows >= 0),
  position     bigint NOT NULL DEFAULT 0 CHECK (position >= 0),
  imported     bigint NOT NULL DEFAULT 0,
  skipped      bigint NOT NULL DEFAULT 0,   -- already imported (by this run before a crash, or an earlier file)
  rejected     bigint NOT NULL DEFAULT 0,
  started_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  UNIQUE (commune_id, file_sha256)
);

CREATE TABLE imported_dossiers (
  commune_id   text NOT NULL REFERENCES communes(id),
  source_code  text NOT NULL,                           -- MaHoSo in the earlier system
  dossier_id   uuid NOT NULL UNIQUE REFERENCES dossiers(id),
  run_id       bigint NOT NULL REFERENCES import_runs(id),
  row_no       bigint NOT NULL,
  PRIMARY KEY (commune_id, source_code)
);

CREATE TABLE import_rejects (
  run_id       bigint NOT NULL REFERENCES import_runs(id),
  row_no       bigint NOT NULL,
  source_code  text NOT NULL,
  reasons      text[] NOT NULL CHECK (cardinality(reasons) > 0),
  PRIMARY KEY (run_id, row_no)
);

GRANT SELECT, INSERT, UPDATE ON import_runs TO xaso_app;
GRANT SELECT, INSERT ON imported_dossiers TO xaso_app;
GRANT SELECT, INSERT ON import_rejects TO xaso_app;

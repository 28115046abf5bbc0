-- Issue 14, digitisation at intake: the queue of storage copies to make. One job per scan of a dossier component:
-- the worker (src/digitisation/worker.ts) turns the source file (an image or PDF in `files`, kept as it is: the
-- master) into the storage copy, PDF/A-2 with a Vietnamese OCR text layer (OCRmyPDF), stored in `files` too
-- (`result_sha256`), named by the digitisation guide's rule (`file_name`, CODE_YYYYMMDD_DESC_Vn). The OCR text is
-- personal data like the image it was read from: it is stored encrypted in `files` (`ocr_sha256`), never here.
--
-- A job is enqueued in the transaction that stores the upload (src/digitisation/enqueue.ts); the same source for the
-- same component of the same dossier is one job (UNIQUE), a new source is the next version. The worker claims due
-- jobs with FOR UPDATE SKIP LOCKED and a lease (`next_attempt_at` of a running job = when its lease ends): a job
-- whose worker died is taken again once the lease is over, so the queue survives restarts.
CREATE TABLE digitisation_jobs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id       uuid NOT NULL REFERENCES dossiers(id),
  commune_id       text NOT NULL REFERENCES communes(id),
  component_code   text NOT NULL,
  version          integer NOT NULL CHECK (version > 0),
  source_sha256    text NOT NULL REFERENCES files(sha256),
  source_type      text NOT NULL CHECK (source_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  file_name        text NOT NULL,
  colour_need      text NOT NULL CHECK (colour_need IN ('seal', 'photo', 'none')),
  expected_pages   integer CHECK (expected_pages > 0),
  source_pages     integer NOT NULL CHECK (source_pages >= 0),
  facts            jsonb NOT NULL,                -- measured: pages, dpi, colour (src/digitisation/core/facts.ts)
  findings         jsonb NOT NULL DEFAULT '[]',   -- what the officer is told (src/digitisation/core/quality.ts)
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,          -- queued: due time; running: end of the lease
  timeout_seconds  integer NOT NULL CHECK (timeout_seconds > 0),
  last_error       text,                          -- Vietnamese, for the officer
  error_detail     text,                          -- the OCR program's last words, for the operator
  result_sha256    text REFERENCES files(sha256),
  ocr_sha256       text REFERENCES files(sha256),
  ocr_letters      integer,
  result_pages     integer,
  enqueued_by      bigint REFERENCES staff(id),
  created_at       timestamptz NOT NULL,
  started_at       timestamptz,
  finished_at      timestamptz,
  UNIQUE (dossier_id, component_code, source_sha256),
  UNIQUE (dossier_id, component_code, version),
  CHECK (status <> 'done' OR (result_sha256 IS NOT NULL AND ocr_sha256 IS NOT NULL))
);
CREATE INDEX digitisation_jobs_due ON digitisation_jobs (next_attempt_at, id) WHERE status IN ('queued', 'running');
CREATE INDEX digitisation_jobs_commune ON digitisation_jobs (commune_id, status, id);

GRANT SELECT, INSERT, UPDATE ON digitisation_jobs TO xaso_app;

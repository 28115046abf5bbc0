-- Issue 14, "keep the OCR text for search": a blind index of each scan's OCR text. The text itself stays encrypted in
-- `files` (migration 036); here only the set of its words as keyed hashes (src/digitisation/core/terms.ts: folded
-- without diacritics, lower case, words of 2 letters or digits or more, HMAC-SHA256 with a key derived from the
-- server's secret key kept OUTSIDE the database, first 8 bytes as a bigint). A reader of the database alone cannot
-- test a guess. One row per done job; written in the transaction that marks the job done (src/digitisation/worker.ts),
-- or by the worker's backfill for jobs done before this migration and for rows made with a former key (`key_id`, the
-- key's fingerprint, differs). A search hashes the typed words with the same key and asks the GIN index for rows
-- holding them (src/digitisation/search-store.ts).
CREATE TABLE ocr_terms (
  job_id      bigint PRIMARY KEY REFERENCES digitisation_jobs(id),
  dossier_id  uuid NOT NULL REFERENCES dossiers(id),
  commune_id  text NOT NULL REFERENCES communes(id),
  key_id      text NOT NULL,
  terms       bigint[] NOT NULL,
  made_at     timestamptz NOT NULL
);
CREATE INDEX ocr_terms_terms ON ocr_terms USING gin (terms);

GRANT SELECT, INSERT, UPDATE ON ocr_terms TO xaso_app;

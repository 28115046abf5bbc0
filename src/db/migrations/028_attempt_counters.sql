-- Attempt limits decided and recorded in one statement (issue 13, finding 1): one counter row per subject (sha256
-- of "<kind>:<value>": a dossier code, a username, a client address, a commune), with the end of its fixed window.
-- An attempt is an UPSERT that increments the row under its row lock and returns the new count, so that at most
-- `max` attempts are ever evaluated per window whatever the concurrency (src/shared/attempts-store.ts). Replaces
-- the check-then-record use of failed_attempts (003), which nothing reads any more.
CREATE TABLE attempt_counters (
  subject         text PRIMARY KEY,
  window_ends_at  timestamptz NOT NULL,
  count           integer NOT NULL CHECK (count >= 0)
);
CREATE INDEX attempt_counters_window ON attempt_counters (window_ends_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON attempt_counters TO xaso_app;

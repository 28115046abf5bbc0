-- Failed attempts at guessed secrets (status lookups now; staff logins later), for lockouts that hold across
-- server processes. Subjects are hashed: no dossier code or username is stored in clear.
CREATE TABLE failed_attempts (
  subject  text NOT NULL,           -- sha256 of "<kind>:<value>"
  at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX failed_attempts_subject ON failed_attempts (subject, at);

GRANT SELECT, INSERT, DELETE ON failed_attempts TO xaso_app;

-- Staff authentication hardening (issue 4): an optional TOTP second factor (RFC 6238), the short-lived state
-- between a correct password and the code, and an append-only log of logins. Lockouts reuse failed_attempts (003).

-- One TOTP secret per staff member: enrolled (confirmed_at NULL) until a first code confirms it.
CREATE TABLE staff_totp (
  staff_id      bigint PRIMARY KEY REFERENCES staff(id),
  secret_enc    bytea NOT NULL,          -- AES-256-GCM (iv ‖ tag ‖ ciphertext) under the server secret "totp-key"
  confirmed_at  timestamptz,
  last_step     bigint,                  -- last accepted 30-second step: a code is accepted once (replay)
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Password checked, TOTP code awaited: not a session, it opens nothing but the code step.
CREATE TABLE login_pending (
  token_hash  text PRIMARY KEY,          -- sha256 of the token; the token itself is never stored
  staff_id    bigint NOT NULL REFERENCES staff(id),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX login_pending_staff ON login_pending (staff_id);

-- Who logged in, failed, was locked out or logged out. No passwords, no codes; the username typed is kept only
-- as a keyed hash, the client address truncated (/24, /48).
CREATE TABLE login_events (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at             timestamptz NOT NULL,
  outcome        text NOT NULL CHECK (outcome IN ('success', 'failure', 'locked', 'rate_limited', 'totp_required',
                   'totp_failure', 'logout', 'totp_enabled', 'totp_reset')),
  staff_id       bigint REFERENCES staff(id),
  commune_id     text REFERENCES communes(id),
  username_hash  text,
  client         text,
  user_agent     text
);
CREATE INDEX login_events_commune ON login_events (commune_id, id DESC);
CREATE INDEX login_events_staff ON login_events (staff_id, id DESC);

GRANT SELECT, INSERT, UPDATE, DELETE ON staff_totp, login_pending TO xaso_app;
GRANT SELECT, INSERT ON login_events TO xaso_app;

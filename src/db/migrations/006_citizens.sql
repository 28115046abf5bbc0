-- Citizens who log in with e-identity (VNeID-style OpenID Connect, src/identity/citizens/oidc.ts), their portal sessions,
-- logins in progress (state, nonce, PKCE verifier), the online drafts they started, and the ID checks done at
-- the desk for counter dossiers. ID numbers are personal data: never logged, only matched.
CREATE TABLE citizens (
  id               bigserial PRIMARY KEY,
  issuer           text NOT NULL,
  subject          text NOT NULL,                      -- the ID token's "sub"
  id_number        text NOT NULL,                      -- số định danh cá nhân (12 digits), from the ID token
  full_name        text NOT NULL,
  birth_date       date,
  assurance_level  smallint,                           -- mức độ định danh điện tử (1 or 2), NĐ 69/2024
  first_login_at   timestamptz NOT NULL DEFAULT now(),
  last_login_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer, subject)
);
CREATE INDEX citizens_id_number ON citizens (id_number);

-- The portal session cookie `xaso_cid`; only its sha256 is kept (like staff sessions).
CREATE TABLE citizen_sessions (
  token_hash  text PRIMARY KEY,
  citizen_id  bigint NOT NULL REFERENCES citizens(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL
);
CREATE INDEX citizen_sessions_citizen ON citizen_sessions (citizen_id);

-- A login sent to the issuer and not back yet, bound to the browser by the cookie `xaso_oidc` (sha256 here).
-- Used once: the callback deletes it, so a replayed callback finds nothing.
CREATE TABLE citizen_logins (
  browser_hash   text PRIMARY KEY,
  state          text NOT NULL,
  nonce          text NOT NULL,
  code_verifier  text NOT NULL,
  return_to      text NOT NULL,
  expires_at     timestamptz NOT NULL
);

-- Online drafts started by a logged-in citizen ("Hồ sơ của tôi" lists them, and the dossiers they became).
CREATE TABLE citizen_drafts (
  draft_id    uuid PRIMARY KEY REFERENCES drafts(id) ON DELETE CASCADE,
  citizen_id  bigint NOT NULL REFERENCES citizens(id)
);
CREATE INDEX citizen_drafts_citizen ON citizen_drafts (citizen_id);

-- Counter dossiers: the receiving officer checked the applicant's identity paper at the desk.
CREATE TABLE desk_id_checks (
  dossier_id  uuid PRIMARY KEY REFERENCES dossiers(id),
  checked_by  bigint NOT NULL REFERENCES staff(id),
  checked_at  timestamptz NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON citizens, citizen_sessions, citizen_logins, citizen_drafts TO xaso_app;
GRANT SELECT, INSERT ON desk_id_checks TO xaso_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO xaso_app;

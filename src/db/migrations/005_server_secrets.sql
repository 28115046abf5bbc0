-- Keys the server signs with (e.g. the portal's "second factor proven" cookie), made once per database so that
-- every server process of a province, and a restarted one, accept what another signed.
CREATE TABLE server_secrets (
  name        text PRIMARY KEY,
  value       bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT ON server_secrets TO xaso_app;

-- Issue 15, inbound: dossiers filed on the national public-service portal (DVCQG) and forwarded to the commune
-- (POST /api/v1/lien-thong/dvcqg/ho-so, src/inbound/). One row per dossier received, keyed by the portal's own
-- dossier code (MaHoSo) in the commune it was filed for: the unique key makes a replay, or two copies of the same
-- request arriving at once, one dossier (the second INSERT … ON CONFLICT DO NOTHING waits for the first to commit
-- and then finds its row). `request_sha256` is the sha256 of the request's canonical JSON (src/inbound/core/hoso.ts
-- requestHash): the same code with another body is a conflict, not a replay. `dossier_id` is set in the transaction
-- that claims the row, after the dossier is created (the claim comes first so that concurrent copies queue on it);
-- it is never committed empty. The dossier itself carries the portal's code as its external code (MaHoSoKhac,
-- dossiers.external_code), which is how the outbound sync finds it (inboundPortalCode, src/inbound/store.ts).
CREATE TABLE inbound_dossiers (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  commune_id      text NOT NULL REFERENCES communes(id),
  portal_code     text NOT NULL CHECK (length(portal_code) BETWEEN 1 AND 60),
  request_sha256  text NOT NULL CHECK (request_sha256 ~ '^[0-9a-f]{64}$'),
  dossier_id      uuid REFERENCES dossiers(id),
  received_at     timestamptz NOT NULL,
  UNIQUE (commune_id, portal_code)
);
CREATE UNIQUE INDEX inbound_dossiers_dossier ON inbound_dossiers (dossier_id) WHERE dossier_id IS NOT NULL;

GRANT SELECT, INSERT, UPDATE ON inbound_dossiers TO xaso_app;

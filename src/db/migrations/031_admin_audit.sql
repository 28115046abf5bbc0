-- Issue 13 (finding 8): an append-only trail of administrative changes (staff and their roles, passwords, second
-- factors, accounts disabled, units, work phones, office hours, API keys, catalogue versions, calendar days), written
-- in the same transaction as the change it records (a change that rolls back leaves no entry, an entry never lacks
-- its change). Who acted is kept as they were at the time (actor_name), not joined at read time. Secrets never enter
-- it: a password or key is recorded as "changed", never its value or hash (audit/core/audit.ts).
-- scope says whose data changed: 'commune' (scope_id = the commune), 'province' (scope_id = the province's name:
-- the province's calendar days) or 'shared' (scope_id = '': the catalogue and the national calendar, which every
-- commune of the server uses). A reader sees the entries of their commune, of its province, and the shared ones.
CREATE TABLE admin_audit (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at                timestamptz NOT NULL DEFAULT now(),
  scope             text NOT NULL CHECK (scope IN ('commune', 'province', 'shared')),
  scope_id          text NOT NULL,
  actor_kind        text NOT NULL CHECK (actor_kind IN ('staff', 'api_key')),
  actor_id          bigint NOT NULL,
  actor_name        text NOT NULL,
  actor_commune_id  text NOT NULL REFERENCES communes(id),
  action            text NOT NULL,
  object_type       text NOT NULL,
  object_id         text NOT NULL,
  object_label      text NOT NULL DEFAULT '',
  before            jsonb,
  after             jsonb,
  CHECK ((scope = 'shared') = (scope_id = ''))
);
CREATE INDEX admin_audit_scope ON admin_audit (scope, scope_id, id DESC);

CREATE TRIGGER admin_audit_no_update BEFORE UPDATE OR DELETE ON admin_audit
  FOR EACH ROW EXECUTE FUNCTION append_only(); -- migration 030
CREATE TRIGGER admin_audit_no_truncate BEFORE TRUNCATE ON admin_audit
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();

GRANT SELECT, INSERT ON admin_audit TO xaso_app;
GRANT USAGE ON SEQUENCE admin_audit_id_seq TO xaso_app;

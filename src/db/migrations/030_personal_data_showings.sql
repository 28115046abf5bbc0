-- Issue 13, findings 4 and 11: who was shown an ID number stays known, and stored responses do not keep them forever.

-- access_log is append-only: the application role may only read and add (001 granted no more; said again here), and
-- a trigger refuses UPDATE, DELETE and TRUNCATE for every role, the owner included (NĐ 356/2025: the record of who
-- processed personal data). Like dossier_events' trigger, it can only be dropped by the owner, which is logged by
-- PostgreSQL as DDL.
REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM xaso_app;
-- One refusal for every append-only table of the later migrations (031 admin_audit too), naming the table.
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER access_log_no_update BEFORE UPDATE OR DELETE ON access_log
  FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();

-- The transaction that wrote each entry: an idempotent request reads back the showings its transaction logged and
-- stores them with its response, so that a replay of the response logs them again (http/idempotency.ts). Older rows
-- keep NULL (no rewrite of the table).
ALTER TABLE access_log ADD COLUMN xact xid8;
ALTER TABLE access_log ALTER COLUMN xact SET DEFAULT pg_current_xact_id();
CREATE INDEX access_log_xact ON access_log (xact) WHERE xact IS NOT NULL;

-- What a stored response showed (the access_log entries of its transaction: actor, action, dossier_id, detail), and
-- the index the purge of expired responses (24 h) walks.
ALTER TABLE idempotency_keys ADD COLUMN shown jsonb NOT NULL DEFAULT '[]';
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

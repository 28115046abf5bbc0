-- Issue 16: the last two tables migration 048 left without row security (its header names them).
--
-- 1. idempotency_keys: the stored responses hold what a response showed (an applicant's name and ID number). A key
--    belongs to the commune the request worked for: `commune_id` is taken from the connection's scope when the key is
--    claimed (its DEFAULT: src/db/scope.ts sets `xaso.commune` per checkout), NULL for the callers that run in '*'
--    (the citizen portal, public submissions, workers). No application code names it: the claim's statement is the
--    same, and a staff member's replay finds its key because the scope is the same commune's.
ALTER TABLE idempotency_keys
  ADD COLUMN commune_id text -- no foreign key: every intake would lock its commune's row (a key lives 24 hours)
    DEFAULT nullif(nullif(current_setting('xaso.commune', true), '*'), '');
-- The keys stored before (24 hours' worth, http/idempotency.ts): the commune of their principal.
UPDATE idempotency_keys k SET commune_id = s.commune_id FROM staff s WHERE k.principal = 'staff:' || s.id;
UPDATE idempotency_keys k SET commune_id = a.commune_id FROM api_keys a WHERE k.principal = 'api_key:' || a.id;
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY commune_scope ON idempotency_keys
  USING (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true))
  WITH CHECK (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true));

-- 2. admin_audit: a commune's reader sees its commune's entries, its province's and the shared ones
--    (src/audit/store.ts adminAuditEntries, the same rule) and the entries its own people wrote; an entry is written
--    only by the commune its actor belongs to (or '*': the CLI, the province roles).
ALTER TABLE admin_audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY commune_scope ON admin_audit FOR SELECT
  USING (current_setting('xaso.commune', true) = '*'
         OR actor_commune_id = current_setting('xaso.commune', true)
         OR (scope = 'commune' AND scope_id = current_setting('xaso.commune', true))
         OR (scope = 'province' AND scope_id = (SELECT c.province FROM communes c WHERE c.id = current_setting('xaso.commune', true)))
         OR scope = 'shared');
CREATE POLICY commune_write ON admin_audit FOR INSERT
  WITH CHECK (current_setting('xaso.commune', true) = '*' OR actor_commune_id = current_setting('xaso.commune', true));

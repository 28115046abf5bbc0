-- Issue 16: commune isolation enforced by the database itself (row-level security), under the application's own
-- scoping (`scoped()` in src/dossiers/store.ts, the route guards). The running server acts as `xaso_app`, which owns no
-- table, so plain ENABLE ROW LEVEL SECURITY applies to it; migrations, backups and restores run as the owner and are
-- not affected (no FORCE).
--
-- The scope is the session setting `xaso.commune` (src/db/scope.ts sets it on each connection the pool hands out,
-- only when it differs from what the connection already has):
--   a commune id  staff and API keys of one commune: that commune's rows only;
--   '*'           callers that legitimately span communes (background workers, the citizen portal and public pages
--                 whose queries are scoped by owner or publication, the province roles, the CLI);
--   unset or ''   nothing at all: a connection that never said who it works for sees no tenant row and writes none.
-- `current_setting('xaso.commune', true)` is STABLE: evaluated once per statement, and a user's own
-- `commune_id = $1` stays an index condition (texteq is leakproof), the policy a filter on the rows it finds
-- (test/security/row-security.db.test.ts checks the plans).
--
-- Left without row security on purpose, because every commune shares them or they are not keyed by commune:
--   communes (the province's list of communes: names, agency codes), procedures (the shared catalogue),
--   calendar_days (national, province and commune days; public), par_templates and par_nodes (the province's PAR
--   template), files (content-addressed blobs, reached only through dossier_files / draft_files / store_items),
--   schema_migrations, server_secrets, attempt_counters, failed_attempts, ops_events (platform tables),
--   idempotency_keys (keyed by principal), sessions, login_pending, staff_totp (keyed by staff id, read before the
--   caller is known), citizens and their sessions, logins, drafts, store_items, store_shares, store_share_opens
--   (keyed by the citizen), admin_audit (its own actor_commune_id/scope rule, src/audit/store.ts).
-- Children of commune-owned parents without personal data (petition_events, petition_reactions, reform_areas,
-- reform_goals, reform_targets, reform_task_events, …, kpi_steps, unit_report_events, payment_entries,
-- signed_document_status) are reached only through their parent in the application; giving them the "parent
-- visible" policy below is left for later (docs/architecture.md, row-level security).

-- 1. Tables with commune_id: a row belongs to one commune.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'api_keys', 'commune_procedure_choices', 'digitisation_jobs', 'drafts', 'import_runs', 'imported_dossiers',
    'inbound_dossiers', 'indicator_rollup', 'indicator_rollup_built', 'kpi_assessments', 'kpi_centre_comments',
    'kpi_secondments', 'kpi_unit_ratings', 'login_events', 'ocr_terms', 'par_assessments', 'par_evidence', 'par_items',
    'par_log', 'payment_orders', 'petitions', 'privacy_requests', 'reform_plans', 'reform_tasks', 'registry_lookups',
    'report_calls', 'signed_documents', 'staff', 'store_lookups', 'support_points', 'sync_reconciliations',
    'unit_reports', 'units']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY commune_scope ON %I
      USING (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true))
      WITH CHECK (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true))$p$, t);
  END LOOP;
END $$;

-- 1b. The organisation's directory: a commune's units, support points and staff are read by every commune, written
--     only by their own. Their names and agency e-identifiers are public (printed on every slip, receipt and signed
--     result), and location-independent receipt needs them across communes: the receiving desk transfers a dossier
--     to the competent commune's desk (dossiers/transfer-store.ts competentCommune), and each side's pages name the
--     other side's units and officers (papersOf: who sent and received the paper). Known limit: a staff row's
--     password hash (argon2id) stays readable across communes by a query that forgets its commune
--     (docs/architecture.md, row-level security: left open).
CREATE POLICY directory_read ON units FOR SELECT USING (true);
CREATE POLICY directory_read ON support_points FOR SELECT USING (true);
CREATE POLICY directory_read ON staff FOR SELECT USING (true);

-- 2. commune_id NULL is a row every commune shares: the default KPI rule set (015), the test certificate authority (017).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['kpi_rule_sets', 'signing_credentials']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY commune_scope ON %I
      USING (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true) OR commune_id IS NULL)
      WITH CHECK (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true) OR commune_id IS NULL)$p$, t);
  END LOOP;
END $$;

-- 3. Rows that follow a dossier and carry the holding commune (the facts, the notices, the national portal's sync):
--    also the receiving commune's, which acts on a dossier it transferred (its paper steps and the return at its
--    centre, §16f: communeSideCheck) and so writes these rows under the competent commune's id.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['indicator_facts', 'notifications', 'dossier_sync', 'sync_messages']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY commune_scope ON %I
      USING (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true)
             OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id))
      WITH CHECK (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true)
             OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id))$p$, t);
  END LOOP;
END $$;

-- 4. Dossiers: the commune holding it, and the commune whose centre received it (location-independent receipt, 045).
--    The receiving commune writes the row after the transfer (its paper steps and the return append to the log, whose
--    head is here); what it may not do is move a dossier it no longer holds, nor change who received it (trigger).
ALTER TABLE dossiers ENABLE ROW LEVEL SECURITY;
CREATE POLICY commune_scope ON dossiers
  USING (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true)
         OR receiving_commune_id = current_setting('xaso.commune', true))
  WITH CHECK (current_setting('xaso.commune', true) = '*' OR commune_id = current_setting('xaso.commune', true)
         OR receiving_commune_id = current_setting('xaso.commune', true));

CREATE FUNCTION dossiers_holder_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s text := current_setting('xaso.commune', true);
BEGIN
  IF NEW.receiving_commune_id IS DISTINCT FROM OLD.receiving_commune_id THEN
    RAISE EXCEPTION 'dossiers.receiving_commune_id never changes' USING ERRCODE = '42501';
  END IF;
  -- Only the commune holding a dossier hands it on (transfer_to_competent); '*' and the owner are not limited.
  IF coalesce(s, '') NOT IN ('', '*') AND NEW.commune_id IS DISTINCT FROM OLD.commune_id AND OLD.commune_id <> s THEN
    RAISE EXCEPTION 'only the commune holding dossier % may transfer it', OLD.id USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER dossiers_holder_guard BEFORE UPDATE OF commune_id, receiving_commune_id ON dossiers
  FOR EACH ROW EXECUTE FUNCTION dossiers_holder_guard();

-- 5. Tables keyed only by dossier: visible when the dossier is (the subquery is itself filtered by the dossiers
--    policy; '*' first, so system-wide work pays nothing). A write needs the dossier in scope too, or not there yet: a
--    new dossier's first entry, its unit and its answers are inserted by the same statement as the dossier
--    (data-modifying CTEs, src/dossiers/store.ts writeLogged), which cannot see it; the foreign key then requires it
--    at the statement's end, and its own insert is checked by the dossiers policy. dossier_in_scope() reads past the
--    policy (SECURITY DEFINER), so that "not there" means not there, not "another commune's".
--    access_log rows about no dossier (the citizen's data store) are not tenant rows.
CREATE FUNCTION dossier_in_scope(dossier uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT coalesce(current_setting('xaso.commune', true), '') <> ''
     AND NOT EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier
                     AND current_setting('xaso.commune', true) NOT IN (d.commune_id, d.receiving_commune_id))
$$;
REVOKE ALL ON FUNCTION dossier_in_scope(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dossier_in_scope(uuid) TO xaso_app;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'desk_id_checks', 'desk_id_waivers', 'dossier_answers', 'dossier_events', 'dossier_files',
    'dossier_received_papers', 'dossier_registry_uses', 'dossier_units', 'eid_filings', 'ratings']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY dossier_scope ON %I
      USING (current_setting('xaso.commune', true) = '*' OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id))
      WITH CHECK (current_setting('xaso.commune', true) = '*' OR dossier_in_scope(dossier_id))$p$, t);
  END LOOP;
END $$;
ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
CREATE POLICY dossier_scope ON access_log
  USING (current_setting('xaso.commune', true) = '*' OR dossier_id IS NULL OR EXISTS (SELECT 1 FROM dossiers d WHERE d.id = dossier_id))
  WITH CHECK (current_setting('xaso.commune', true) = '*' OR dossier_id IS NULL OR dossier_in_scope(dossier_id));

-- 6. The paper between two communes concerns both (045).
ALTER TABLE dossier_paper_transfers ENABLE ROW LEVEL SECURITY;
CREATE POLICY commune_scope ON dossier_paper_transfers
  USING (current_setting('xaso.commune', true) = '*' OR from_commune_id = current_setting('xaso.commune', true)
         OR to_commune_id = current_setting('xaso.commune', true))
  WITH CHECK (current_setting('xaso.commune', true) = '*' OR from_commune_id = current_setting('xaso.commune', true)
         OR to_commune_id = current_setting('xaso.commune', true));

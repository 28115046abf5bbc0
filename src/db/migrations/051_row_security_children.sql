-- Issue 16, second part of commune isolation in SQL (migration 048 did the tables with a commune or dossier column):
--   1. the children of commune-owned parents (a foreign key to a table with row security, followed down the chains,
--      found from the catalogue: test/security/row-security.db.test.ts keeps the list complete), and the tables that
--      belong to one commune through a directory row (a unit, a staff member);
--   2. the staff's secrets: the password hash is no longer readable by xaso_app at all (column privileges), only
--      through staff_password_hash() for an account of the caller's own scope; the TOTP secrets (staff_totp) are the
--      account's commune's only.
-- `scope` below is current_setting('xaso.commune', true): a commune id, '*' (system-wide work) or unset/'' (nothing),
-- as in 048.
--
-- Left without row security on purpose, although a foreign key leads to a table with it (the house test lists them
-- with the same reasons):
--   calendar_days (updated_by → staff): national, province and commune days, public; a commune's deadlines are
--     computed by the other commune too (location-independent receipt, §16f);
--   sessions, login_pending (staff_id → staff): keyed by the sha256 of a random cookie token, read by the request's
--     authentication before its caller is known (scope KEEP, src/db/scope.ts); a hash opens nothing;
--   store_items, store_shares, store_share_opens (source_dossier_id → dossiers, signed_code → signed_documents): the
--     citizen's data store, keyed by the citizen; its items come from every commune and an officer of any commune
--     looks into it with a logged reason (store_lookups, TT 117/2026/TT-BCA).
-- No child below is inserted by the same statement as its parent (no data-modifying CTE outside dossiers/store.ts
-- writeLogged, which 048 covers: `grep -rn "\.with('" src`, `grep -rn "AS (INSERT\|AS (\s*INSERT" src`), so a plain
-- "parent visible" check is right for writes too: the parent, written by an earlier statement, is visible, and a
-- parent of another commune is not. A new CTE writing a parent and its child under a commune scope would be refused
-- (42501): give that parent a SECURITY DEFINER check like 048's dossier_in_scope().

-- 1. The child is visible, and written, when its parent is (the subquery is filtered by the parent's own policy;
--    '*' first, so system-wide work pays nothing). The parent's key is its primary or unique key: one index probe.
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT * FROM (VALUES
    -- child                      its column       parent                 parent's key
    ('petition_events',           'petition_id',   'petitions',           'id'),
    ('petition_reactions',        'petition_id',   'petitions',           'id'),
    ('privacy_request_events',    'request_id',    'privacy_requests',    'id'),
    ('reform_areas',              'plan_id',       'reform_plans',        'id'),
    ('reform_goals',              'plan_id',       'reform_plans',        'id'),
    ('reform_targets',            'plan_id',       'reform_plans',        'id'),
    ('reform_target_updates',     'target_id',     'reform_targets',      'id'),   -- → reform_targets → reform_plans
    ('reform_task_events',        'task_id',       'reform_tasks',        'id'),
    ('reform_task_files',         'task_id',       'reform_tasks',        'id'),
    ('reform_reminders',          'task_id',       'reform_tasks',        'id'),
    ('kpi_steps',                 'assessment_id', 'kpi_assessments',     'id'),
    ('kpi_centre_comment_steps',  'comment_id',    'kpi_centre_comments', 'id'),
    ('unit_report_events',        'report_id',     'unit_reports',        'id'),
    ('unit_report_files',         'report_id',     'unit_reports',        'id'),
    ('payment_entries',           'order_ref',     'payment_orders',      'ref'),
    -- The gateway's notices name an order without a foreign key (a notice naming no known order is kept too, as
    -- rejected): such a notice is the system's only ('*').
    ('payment_notifications',     'order_ref',     'payment_orders',      'ref'),
    ('signed_document_status',    'code',          'signed_documents',    'code'),
    ('import_rejects',            'run_id',        'import_runs',         'id'),
    ('citizen_drafts',            'draft_id',      'drafts',              'id'),
    ('draft_files',               'draft_id',      'drafts',              'id')
  ) AS t(child, col, parent, pkey)
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', r.child);
    EXECUTE format($p$CREATE POLICY parent_scope ON %1$I
      USING (current_setting('xaso.commune', true) = '*' OR EXISTS (SELECT 1 FROM %3$I p WHERE p.%4$I = %1$I.%2$I))
      WITH CHECK (current_setting('xaso.commune', true) = '*' OR EXISTS (SELECT 1 FROM %3$I p WHERE p.%4$I = %1$I.%2$I))$p$,
      r.child, r.col, r.parent, r.pkey);
  END LOOP;
END $$;

-- 1b. Rows of one commune through a row of the directory (units, staff: read by every commune, 048 §1b), so the
--     parent's commune is compared, not its visibility: a unit's daily dossier-code counters (the receiving unit is
--     the receiving commune's, whose desk draws the code: dossiers/store.ts, http/idempotency-store.ts), and a staff
--     member's TOTP factor (its sealed secret; read at the login, which runs '*', and on the member's own account
--     page and the commune administrator's reset, which run in the member's commune).
ALTER TABLE dossier_code_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY commune_scope ON dossier_code_counters
  USING (current_setting('xaso.commune', true) = '*'
         OR EXISTS (SELECT 1 FROM units u WHERE u.id = receiving_unit_id AND u.commune_id = current_setting('xaso.commune', true)))
  WITH CHECK (current_setting('xaso.commune', true) = '*'
         OR EXISTS (SELECT 1 FROM units u WHERE u.id = receiving_unit_id AND u.commune_id = current_setting('xaso.commune', true)));

ALTER TABLE staff_totp ENABLE ROW LEVEL SECURITY;
CREATE POLICY commune_scope ON staff_totp
  USING (current_setting('xaso.commune', true) = '*'
         OR EXISTS (SELECT 1 FROM staff s WHERE s.id = staff_id AND s.commune_id = current_setting('xaso.commune', true)))
  WITH CHECK (current_setting('xaso.commune', true) = '*'
         OR EXISTS (SELECT 1 FROM staff s WHERE s.id = staff_id AND s.commune_id = current_setting('xaso.commune', true)));

-- 2. The password hash (argon2id) is read by no query of the application: SELECT on staff is granted column by column,
--    without password_hash (a new column of staff needs its own GRANT SELECT (column): the house test checks that
--    every other column is readable). Writing it stays (INSERT, UPDATE: a new account, the administrator's reset).
--    `SELECT *` on staff is refused (42501) for xaso_app: name the columns.
REVOKE SELECT ON staff FROM xaso_app;
GRANT SELECT (id, commune_id, unit_id, username, full_name, title, roles, active, created_at, phone) ON staff TO xaso_app;

-- The hash of one account, for the login's check (src/identity/staff/auth.ts checkPassword): only in the scope '*'
-- (the login runs so, src/identity/staff/login-flow.ts) or the account's own commune's; NULL otherwise.
CREATE FUNCTION staff_password_hash(account bigint) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT s.password_hash FROM public.staff s
   WHERE s.id = account
     AND (current_setting('xaso.commune', true) = '*' OR s.commune_id = current_setting('xaso.commune', true))
$$;

-- Replaces a hash unless it changed meanwhile (the rehash at login after a policy change), same scope rule; whether
-- it was replaced. (The comparison needs the column, which xaso_app cannot read.)
CREATE FUNCTION staff_replace_password_hash(account bigint, previous text, fresh text) RETURNS boolean
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  WITH u AS (
    UPDATE public.staff s SET password_hash = fresh
     WHERE s.id = account AND s.password_hash = previous
       AND (current_setting('xaso.commune', true) = '*' OR s.commune_id = current_setting('xaso.commune', true))
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM u)
$$;

REVOKE ALL ON FUNCTION staff_password_hash(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION staff_replace_password_hash(bigint, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION staff_password_hash(bigint) TO xaso_app;
GRANT EXECUTE ON FUNCTION staff_replace_password_hash(bigint, text, text) TO xaso_app;

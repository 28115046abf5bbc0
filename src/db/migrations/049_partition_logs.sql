-- Issue 16: what grows without bound is partitioned by month, and old months can be detached for the archive.
--
-- dossier_events is partitioned by `dossier_month`: the month (Vietnam time) of the dossier's FIRST log entry, the
-- same for every entry of a dossier, written by the code that appends the entries (dossiers/service.ts persist(),
-- imports/store.ts, the benchmark generators) and kept on the dossier row (dossiers.dossier_month). Why this key and
-- not each entry's own `at`:
--   * UNIQUE (dossier_id, seq, dossier_month) is as strong as the old UNIQUE (dossier_id, seq): the foreign
--     key (dossier_id, dossier_month) → dossiers (id, dossier_month) makes the month a function of the dossier, so two
--     entries with one dossier and one seq are in one partition and the index refuses the second;
--   * a dossier's history is in one partition (the history read names the month: one index probe, not one per month);
--   * a month's partition is a closed cohort of dossiers: once they are all finished it is detached whole, chains
--     included, for the archive (`xaso archive detach`, src/archive/).
-- The primary key becomes (id, dossier_month): entries are still found by id (the incremental checkpoint reads them
-- in id order), one index probe per partition.
-- access_log is partitioned by its `at` (Vietnam months), primary key (id, at).
--
-- Each table is converted generically: renamed, re-created partitioned with the same columns, defaults, checks and
-- identity (LIKE), its monthly partitions from the oldest month of its data (and at least 12 months back) to 3 months
-- ahead plus a DEFAULT partition (an insert never fails for lack of a partition), the rows copied, the identity set
-- above the old maximum id, then every index the queries use, foreign key, trigger, row-level-security flag and policy
-- (migration 048, if it exists when this runs) and grant the old table had is re-created on the new parent, read from
-- the catalogue (pg_index, pg_constraint, pg_trigger, pg_policies, relacl), and the old table dropped.
-- Months ahead are created by xaso_ensure_partitions() (server start and every 6 hours, src/archive/maintenance.ts).

CREATE SCHEMA IF NOT EXISTS xaso_archive; -- detached partitions, out of the live tables and of `xaso backup`

-- The month of an instant in Vietnam (UTC+7 all year, no daylight saving since 1975): the months of the partitions.
CREATE FUNCTION xaso_month(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT date_trunc('month', t AT TIME ZONE 'Asia/Ho_Chi_Minh')::date $$;

-- Every partition detached for the archive (`xaso archive detach`): never created again by the maintenance, and the
-- dossiers of an archived dossier_events month are verified by their heads only (their entries are in the archive).
CREATE TABLE archived_partitions (
  name        text PRIMARY KEY,                      -- the table, now xaso_archive.<name>
  parent      text NOT NULL CHECK (parent IN ('dossier_events', 'access_log')),
  month       date NOT NULL CHECK (month = date_trunc('month', month)::date),
  rows        bigint NOT NULL,
  dossiers    integer,                               -- dossier_events: the cohort's dossiers
  detached_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (parent, month)
);
GRANT SELECT ON archived_partitions TO xaso_app;

-- The statement-level triggers of a partitioned table (the TRUNCATE refusals) are not cloned to its partitions as
-- row triggers are: each partition gets its own copy.
CREATE FUNCTION xaso_partition_triggers(parent text, part text) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT t.tgname, pg_get_triggerdef(t.oid) AS def FROM pg_trigger t
            WHERE t.tgrelid = format('public.%I', parent)::regclass AND NOT t.tgisinternal AND (t.tgtype & 1) = 0 LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_trigger x WHERE x.tgrelid = format('public.%I', part)::regclass AND x.tgname = r.tgname) THEN
      EXECUTE regexp_replace(r.def, ' ON (public\.)?' || parent || ' ', format(' ON public.%I ', part));
    END IF;
  END LOOP;
END $$;

-- Creates the partition of `parent` for the month of `month` if it is missing and was never archived; its name, or
-- NULL when there was nothing to do. Fails (check_violation) when the DEFAULT partition holds rows of that month:
-- rows are never moved out of DEFAULT silently (docs: `xaso archive list` shows them).
CREATE FUNCTION xaso_partition_for_month(parent text, month date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m    date := date_trunc('month', month)::date;
  part text := parent || '_p' || to_char(m, 'YYYYMM');
  lo   text;
  hi   text;
BEGIN
  IF parent NOT IN ('dossier_events', 'access_log') THEN
    RAISE EXCEPTION 'xaso_partition_for_month: % is not partitioned by month', parent;
  END IF;
  IF to_regclass(format('public.%I', part)) IS NOT NULL
     OR EXISTS (SELECT 1 FROM archived_partitions a WHERE a.parent = xaso_partition_for_month.parent AND a.month = m) THEN
    RETURN NULL;
  END IF;
  IF parent = 'dossier_events' THEN
    lo := quote_literal(m);
    hi := quote_literal((m + interval '1 month')::date);
  ELSE
    lo := quote_literal(to_char(m, 'YYYY-MM-DD') || ' 00:00:00+07');
    hi := quote_literal(to_char((m + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+07');
  END IF;
  EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%s) TO (%s)', part, parent, lo, hi);
  PERFORM xaso_partition_triggers(parent, part);
  RETURN part;
END $$;
REVOKE ALL ON FUNCTION xaso_partition_for_month(text, date) FROM PUBLIC;

-- The maintenance: the partitions of the current month and `months_ahead` after it (and `months_back` before it) for
-- both tables; the names created. A month whose rows already sit in DEFAULT, or whose lock is not obtained within 5 s
-- (creating a partition locks the parent briefly), is skipped with a WARNING and tried again at the next run.
CREATE FUNCTION xaso_ensure_partitions(months_ahead integer DEFAULT 3, months_back integer DEFAULT 0) RETURNS SETOF text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  cur  date := xaso_month(now());
  p    text;
  m    date;
  made text;
BEGIN
  IF months_ahead NOT BETWEEN 0 AND 24 OR months_back NOT BETWEEN 0 AND 120 THEN
    RAISE EXCEPTION 'xaso_ensure_partitions: months_ahead 0..24, months_back 0..120';
  END IF;
  PERFORM set_config('lock_timeout', '5s', true);
  FOREACH p IN ARRAY ARRAY['dossier_events', 'access_log'] LOOP
    FOR i IN -months_back .. months_ahead LOOP
      m := (cur + make_interval(months => i))::date;
      BEGIN
        made := xaso_partition_for_month(p, m);
        IF made IS NOT NULL THEN RETURN NEXT made; END IF;
      EXCEPTION
        WHEN check_violation THEN
          RAISE WARNING 'xaso_ensure_partitions: % %: not created, the DEFAULT partition holds rows of that month', p, to_char(m, 'YYYY-MM');
        WHEN lock_not_available THEN
          RAISE WARNING 'xaso_ensure_partitions: % %: lock not obtained, tried again at the next run', p, to_char(m, 'YYYY-MM');
      END;
    END LOOP;
  END LOOP;
END $$;
REVOKE ALL ON FUNCTION xaso_ensure_partitions(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION xaso_ensure_partitions(integer, integer) TO xaso_app;

-- ── The conversion ──────────────────────────────────────────────────────────────────────────────────────────────
-- FORCE ROW LEVEL SECURITY (048) would hide rows from this migration's own reads and writes: lifted here, put back
-- at the end on the same tables.
CREATE TEMP TABLE xaso_049_forced ON COMMIT DROP AS
  SELECT relname::text AS name FROM pg_class
   WHERE relnamespace = 'public'::regnamespace AND relname IN ('dossiers', 'dossier_events', 'access_log') AND relforcerowsecurity;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT name FROM xaso_049_forced LOOP EXECUTE format('ALTER TABLE public.%I NO FORCE ROW LEVEL SECURITY', r.name); END LOOP;
END $$;

-- The dossier's month: that of its first log entry (a dossier without one, which the code never writes: its
-- submission or creation). Never changed afterwards (the foreign key below refuses it while entries exist).
ALTER TABLE dossiers ADD COLUMN dossier_month date;
UPDATE dossiers d SET dossier_month = xaso_month(e.at) FROM dossier_events e WHERE e.dossier_id = d.id AND e.seq = 1;
UPDATE dossiers SET dossier_month = xaso_month(coalesce(submitted_at, created_at)) WHERE dossier_month IS NULL;
ALTER TABLE dossiers ALTER COLUMN dossier_month SET DEFAULT xaso_month(now()),
                     ALTER COLUMN dossier_month SET NOT NULL,
                     ADD CONSTRAINT dossiers_month_id UNIQUE (dossier_month, id); -- the events' foreign key; a cohort's dossiers (archive)

-- Step 1 of a table's conversion: the old table renamed (with its identity sequence), the partitioned one created
-- like it with `extra` columns, partitioned by `key`, its monthly partitions from `first` to 3 months ahead and DEFAULT.
CREATE FUNCTION pg_temp.xaso_049_begin(tbl text, extra text, key text, first date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old text := tbl || '_049';
  seq text;
  m   date;
BEGIN
  EXECUTE format('ALTER TABLE public.%I RENAME TO %I', tbl, old);
  seq := pg_get_serial_sequence(format('public.%I', old), 'id');
  IF seq IS NOT NULL THEN EXECUTE format('ALTER SEQUENCE %s RENAME TO %I', seq, old || '_id_seq'); END IF;
  EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY '
    'INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMMENTS %s) PARTITION BY RANGE (%I)', tbl, old, extra, key);
  -- The old table's triggers (append-only refusals), before any partition so that each partition copies them.
  PERFORM pg_temp.xaso_049_triggers(old, tbl);
  m := least(date_trunc('month', first)::date, (xaso_month(now()) - interval '12 months')::date);
  WHILE m <= xaso_month(now()) + interval '3 months' LOOP
    PERFORM xaso_partition_for_month(tbl, m);
    m := (m + interval '1 month')::date;
  END LOOP;
  EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I DEFAULT', tbl || '_default', tbl);
  PERFORM xaso_partition_triggers(tbl, tbl || '_default');
END $$;

CREATE FUNCTION pg_temp.xaso_049_triggers(old text, tbl text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  FOR r IN SELECT pg_get_triggerdef(t.oid) AS def FROM pg_trigger t WHERE t.tgrelid = format('public.%I', old)::regclass AND NOT t.tgisinternal LOOP
    EXECUTE regexp_replace(r.def, ' ON (public\.)?' || old || ' ', format(' ON public.%I ', tbl));
  END LOOP;
END $$;

-- Step 2, once the rows are copied: identity above the old maximum, the primary key `pk`, the old foreign keys but
-- those on `replaced_fk_col`, the old plain indexes, row-level security and its policies, the grants; the old table
-- dropped.
CREATE FUNCTION pg_temp.xaso_049_end(tbl text, pk text, replaced_fk_col text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  old    text := tbl || '_049';
  oldrel regclass := format('public.%I', old)::regclass;
  seq    text := pg_get_serial_sequence(format('public.%I', tbl), 'id');
  r      record;
  defs   text[] := '{}';
  d      text;
BEGIN
  IF seq IS NOT NULL THEN
    EXECUTE format('SELECT setval(%L, max(id)) FROM public.%I HAVING max(id) IS NOT NULL', seq, old);
    FOR r IN SELECT a.grantee, a.privilege_type FROM pg_class c, aclexplode(c.relacl) a
              WHERE c.oid = pg_get_serial_sequence(format('public.%I', old), 'id')::regclass AND a.grantee <> c.relowner LOOP
      EXECUTE format('GRANT %s ON SEQUENCE %s TO %s', r.privilege_type, seq, CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.grantee::regrole::text) END);
    END LOOP;
  END IF;
  FOR r IN SELECT k.conname, pg_get_constraintdef(k.oid) AS def FROM pg_constraint k
            WHERE k.conrelid = oldrel AND k.contype = 'f'
              AND NOT (replaced_fk_col IS NOT NULL AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = oldrel AND attname = replaced_fk_col)]) LOOP
    EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I %s', tbl, r.conname, r.def);
  END LOOP;
  -- Plain indexes (not backing a constraint): their definitions, re-created once the old ones are gone with the table.
  SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid)), '{}') INTO defs FROM pg_index i
   WHERE i.indrelid = oldrel AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid);
  FOR r IN SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = oldrel LOOP
    IF r.relrowsecurity THEN EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', tbl); END IF;
  END LOOP;
  FOR r IN SELECT * FROM pg_policies WHERE schemaname = 'public' AND tablename = old LOOP
    EXECUTE format('CREATE POLICY %I ON public.%I AS %s FOR %s TO %s%s%s', r.policyname, tbl, r.permissive, r.cmd,
      (SELECT string_agg(CASE WHEN x = 'public' THEN 'PUBLIC' ELSE quote_ident(x) END, ', ') FROM unnest(r.roles) x),
      -- (an expression naming the table itself names it by its old name: renamed back)
      CASE WHEN r.qual IS NULL THEN '' ELSE ' USING (' || regexp_replace(r.qual, '\m' || old || '\.', tbl || '.', 'g') || ')' END,
      CASE WHEN r.with_check IS NULL THEN '' ELSE ' WITH CHECK (' || regexp_replace(r.with_check, '\m' || old || '\.', tbl || '.', 'g') || ')' END);
  END LOOP;
  FOR r IN SELECT a.grantee, a.privilege_type, a.is_grantable FROM pg_class c, aclexplode(c.relacl) a
            WHERE c.oid = oldrel AND a.grantee <> c.relowner LOOP
    EXECUTE format('GRANT %s ON public.%I TO %s%s', r.privilege_type, tbl,
      CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.grantee::regrole::text) END, CASE WHEN r.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END);
  END LOOP;
  EXECUTE format('DROP TABLE public.%I', old);
  EXECUTE format('ALTER TABLE public.%I ADD CONSTRAINT %I PRIMARY KEY (%s)', tbl, tbl || '_pkey', pk);
  FOREACH d IN ARRAY defs LOOP
    EXECUTE regexp_replace(d, ' ON (public\.)?' || old || ' ', format(' ON public.%I ', tbl));
  END LOOP;
  EXECUTE format('ANALYZE public.%I', tbl);
END $$;

-- dossier_events
SELECT pg_temp.xaso_049_begin('dossier_events', ', dossier_month date NOT NULL', 'dossier_month',
                              coalesce((SELECT min(dossier_month) FROM dossiers), xaso_month(now())));
INSERT INTO dossier_events OVERRIDING SYSTEM VALUE
  SELECT o.*, d.dossier_month FROM dossier_events_049 o JOIN dossiers d ON d.id = o.dossier_id;
SELECT pg_temp.xaso_049_end('dossier_events', 'id, dossier_month', 'dossier_id');
-- The old UNIQUE (dossier_id, seq), with the partition key (see the top): the history read's index, per partition.
ALTER TABLE dossier_events ADD CONSTRAINT dossier_events_dossier_seq UNIQUE (dossier_id, seq, dossier_month);
ALTER TABLE dossier_events ADD CONSTRAINT dossier_events_dossier_fkey
  FOREIGN KEY (dossier_id, dossier_month) REFERENCES dossiers (id, dossier_month);

-- access_log
SELECT pg_temp.xaso_049_begin('access_log', '', 'at', coalesce((SELECT xaso_month(min(at)) FROM access_log), xaso_month(now())));
INSERT INTO access_log OVERRIDING SYSTEM VALUE SELECT * FROM access_log_049;
SELECT pg_temp.xaso_049_end('access_log', 'id, at', NULL);

DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT name FROM xaso_049_forced LOOP EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', r.name); END LOOP;
END $$;

-- The attempt counters (028) are a rate limiter's working state, written by every status lookup, login and anonymous
-- write: UNLOGGED, so that such a write costs no WAL and its commit waits for no flush (issue 16, the lean lookup:
-- the lookup's one statement reads the dossier and upserts its counter). What this gives up, on purpose: after a crash
-- of PostgreSQL or a failover the counters start again from zero (an unlogged table is emptied by crash recovery and
-- is not replicated), as if every window had just ended; a hot standby cannot read them (nothing reads them there:
-- attempts are counted on the primary). A backup (pg_dump) still holds their rows.
ALTER TABLE attempt_counters SET UNLOGGED;

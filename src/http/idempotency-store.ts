// The idempotency keys' queries (the rule is in idempotency.ts): a key is claimed by inserting its row (or taking over
// an expired one), the stored outcome of an earlier request is read back and its showings of personal data logged
// again, the outcome of the first request is written in its transaction, and expired outcomes are deleted.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CommitTail } from '../db/commit-tail.ts';
import { SEQUENCE_DIGITS } from '../dossiers/core/code.ts';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** `created_at` older than this many hours: expired. */
const expired = (ttlHours: number) => sql<boolean>`idempotency_keys.created_at < now() - make_interval(hours => ${ttlHours})`;

/** Claims (principal, key) for a request; false when the key is in use (by this request or another). A key whose
 *  outcome has expired is taken over as new, in the same statement (a concurrent claim waits on the row and then
 *  finds it fresh). */
export async function claimKey(trx: Db, principal: string, key: string, requestHash: string, ttlHours: number): Promise<boolean> {
  const r = await sql<{ key: string }>`
    INSERT INTO idempotency_keys (principal, key, request_hash, status, response) VALUES (${principal}, ${key}, ${requestHash}, 0, 'null')
    ON CONFLICT (principal, key) DO UPDATE
      SET request_hash = EXCLUDED.request_hash, status = 0, response = 'null', shown = '[]', created_at = now()
      WHERE ${expired(ttlHours)}
    RETURNING key`.execute(trx);
  return r.rows.length > 0;
}

/** What an earlier request with this key was, and its stored outcome. */
export async function priorRequest(trx: Db, principal: string, key: string) {
  return trx
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status', 'response'])
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
}

/** Stores the first request's outcome under its key, with the access_log entries its transaction wrote (the showings
 *  of personal data its response holds, dossiers/view.ts), for a replay to log again. The transaction's tail
 *  (db/commit-tail.ts) goes into the same statement, the last before COMMIT: the dossier codes put off till now are
 *  drawn from their units' daily counters (the counter row is locked from here to the commit only) and replace their
 *  placeholders in the dossier, the stored response and the notices put off, which are written with the access-log
 *  entries put off.
 *  Returns the codes drawn, placeholder → code. */
export async function storeOutcome(
  trx: Db, principal: string, key: string, status: number, body: unknown, tail: CommitTail = { codes: [], access: [], notices: [] },
): Promise<Map<string, string>> {
  const ctes: RawBuilder<unknown>[] = [];
  let response = sql`${JSON.stringify(body) ?? 'null'}::text`;
  let notices = sql`${JSON.stringify(tail.notices)}::text`;
  tail.codes.forEach((c, i) => {
    const [counter, dossier] = [sql.raw(`c${i}`), sql.raw(`d${i}`)];
    // The daily sequence of the receiving unit (domain.md §2.4), gap-free: a rollback gives the number back.
    ctes.push(sql`${counter} AS (
      INSERT INTO dossier_code_counters (receiving_unit_id, day, last_seq) VALUES (${c.unitId}, ${c.day}::date, 1)
      ON CONFLICT (receiving_unit_id, day) DO UPDATE SET last_seq = dossier_code_counters.last_seq + 1
      RETURNING last_seq)`);
    // Zero-padded to SEQUENCE_DIGITS (dossiers/core/code.ts formatDossierCode), more digits past 9999.
    ctes.push(sql`${dossier} AS (
      UPDATE dossiers SET code = ${c.prefix}::text || lpad(${counter}.last_seq::text, greatest(${SEQUENCE_DIGITS}, length(${counter}.last_seq::text)), '0')
      FROM ${counter} WHERE dossiers.id = ${c.dossierId} AND dossiers.code = ${c.token} RETURNING dossiers.code)`);
    response = sql`replace(${response}, ${c.token}, (SELECT code FROM ${dossier}))`;
    notices = sql`replace(${notices}, ${c.token}, (SELECT code FROM ${dossier}))`;
  });
  if (tail.notices.length) {
    ctes.push(sql`nt AS (
      INSERT INTO notifications (dossier_id, commune_id, event_seq, kind, channel, recipient, facts, next_attempt_at, created_at)
      SELECT n.dossier_id, n.commune_id, n.event_seq, n.kind, n.channel, n.recipient, n.facts, n.next_attempt_at, n.created_at
      FROM jsonb_populate_recordset(NULL::notifications, (${notices})::jsonb) AS n)`);
  }
  const entries = JSON.stringify(tail.access.map((a) => ({ actor: a.actor, action: a.action, dossier_id: a.dossierId, detail: a.detail })));
  ctes.push(sql`a AS (
    INSERT INTO access_log (actor, action, dossier_id, detail)
    SELECT e.x->>'actor', e.x->>'action', (e.x->>'dossier_id')::uuid, coalesce(e.x->'detail', '{}')
    FROM jsonb_array_elements(${entries}::jsonb) WITH ORDINALITY AS e(x, n) ORDER BY e.n
    RETURNING id, actor, action, dossier_id, detail)`);
  // `l.at >= now()`: an entry of this transaction has the transaction's time (the column's default, never given), so
  // only the current month's partition of access_log is read (migration 049).
  const codes = tail.codes.map((_c, i) => sql`(SELECT code FROM ${sql.raw(`d${i}`)})`);
  const r = await sql<{ codes: (string | null)[] }>`
    WITH ${sql.join(ctes)}
    UPDATE idempotency_keys SET status = ${status}, response = (${response})::jsonb,
      shown = (SELECT coalesce(jsonb_agg(jsonb_build_object('actor', s.actor, 'action', s.action, 'dossierId', s.dossier_id, 'detail', s.detail) ORDER BY s.id), '[]')
               FROM (SELECT l.id, l.actor, l.action, l.dossier_id, l.detail FROM access_log l WHERE l.xact = pg_current_xact_id() AND l.at >= now()
                     UNION ALL SELECT id, actor, action, dossier_id, detail FROM a) s)
    WHERE principal = ${principal} AND key = ${key}
    RETURNING ARRAY[${sql.join(codes.length ? codes : [sql`NULL::text`])}]::text[] AS codes`.execute(trx);
  const drawn = new Map<string, string>();
  tail.codes.forEach((c, i) => {
    const code = r.rows[0]?.codes[i];
    if (!code) throw new Error(`dossier ${c.dossierId}: its code was not drawn`);
    drawn.set(c.token, code);
  });
  return drawn;
}

/** A replay shows the stored response again: its showings are logged again, marked as a replay of the key. */
export async function logShownAgain(trx: Db, principal: string, key: string): Promise<void> {
  await sql`
    INSERT INTO access_log (actor, action, dossier_id, detail)
    SELECT s->>'actor', s->>'action', (s->>'dossierId')::uuid, coalesce(s->'detail', '{}') || jsonb_build_object('replay', true)
    FROM idempotency_keys k CROSS JOIN LATERAL jsonb_array_elements(k.shown) WITH ORDINALITY AS e(s, n)
    WHERE k.principal = ${principal} AND k.key = ${key}
    ORDER BY e.n`.execute(trx);
}

/** Deletes the expired outcomes (and with them the personal data their responses hold): older than ttlHours by the
 *  database's clock (the one claimKey's expiry reads), or, for the retention job, created before its cutoff; returns
 *  how many. */
export async function purgeExpired(db: Db, until: { ttlHours: number } | { cutoff: Date }): Promise<number> {
  const old = 'cutoff' in until ? sql<boolean>`idempotency_keys.created_at < ${until.cutoff}` : expired(until.ttlHours);
  const r = await sql`DELETE FROM idempotency_keys WHERE ${old}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

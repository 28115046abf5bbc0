// The public status lookup's queries (the service is public.ts): what a citizen may see of a dossier, never the ID
// number, and the dossier's log as the applicant may see it; and what the portal lists besides (payments, most filed).
import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { archivedLog } from './store.ts';

const publicColumns = [
  'd.id', 'd.code', 'd.reference', 'd.state', 'd.commune_id as communeId', 'd.procedure_code as procedureCode',
  'd.procedure_version as procedureVersion', 'p.name as procedureName', 'd.channel', 'd.projection',
  'd.submitted_at as submittedAt', 'd.receipt_due_at as receiptDueAt', 'd.received_at as receivedAt', 'd.due_at as dueAt', 'd.finished_at as finishedAt',
  'd.returned_at as returnedAt', 'd.dossier_month as dossierMonth',
] as const;

const publicQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code').onRef('p.version', '=', 'd.procedure_version'))
    .select(publicColumns);

/** What a citizen may see of a dossier once the second factor is proven (never the ID number). */
export type PublicDossier = NonNullable<Awaited<ReturnType<ReturnType<typeof publicQuery>['executeTakeFirst']>>>;

/** [action, at (JSON timestamp), to_state] of each event, oldest first: the public status endpoint's timeline. */
export type BriefEvent = [action: string, at: string, toState: number];

/** How the citizen names a dossier in the lookup: its code, its reference, or (links from before the reference
 *  existed) its id. */
export type DossierRef = { code: string } | { reference: string } | { id: string };

/** The counter of the lookup's attempts for one typed name (shared/attempts-store.ts): its subject and policy. */
export interface LookupGuard {
  subject: string;
  max: number;
  windowEndsAt: Date;
}

/** What the guarded lookup gives: what the status answer shows (the portal's pages then read the dossier by id). */
export interface LookedUpDossier {
  id: string;
  code: string | null;
  reference: string;
  state: number;
  procedureName: string;
  submittedAt: Date | null;
  receiptDueAt: Date | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  events: BriefEvent[] | null;
  /** Its log's month went to the archive (the live log is empty): when. */
  archivedLog: { month: string; archivedAt: Date } | null;
}

const LOOKED_UP = `d.id, d.code, d.reference, d.state, p.name AS "procedureName", d.submitted_at AS "submittedAt",
  d.receipt_due_at AS "receiptDueAt", d.received_at AS "receivedAt", d.due_at AS "dueAt", d.finished_at AS "finishedAt",
  d.returned_at AS "returnedAt", d.dossier_month::text AS "dossierMonth"`;

// The second factor a dossier expects: the last 4 digits of the applicant's ID number or, only when it has none, of the
// applicant's phone (the number written on a counter receipt without an ID number); a dossier with neither, or no
// dossier, expects '####', which no one can type.
const FACTOR = `lpad(right(coalesce(nullif(d.applicant_id_number, ''), regexp_replace(coalesce(d.applicant->>'phone', ''), '\\D', '', 'g')), 4), 4, '#')`;

// The whole guarded lookup in ONE statement (issue 16, the lean lookup; the guarantee of issue 13, finding 1): the
// dossier and its second factor are read, and the name's attempt counter is upserted under its row lock deciding at
// once. The lock serialises simultaneous attempts at one name, so at most `max` are ever compared per window:
//   - a new window (no row, or the last one ended): a right answer leaves the count at 0, a wrong one makes it 1;
//   - `max` or more counted in the window: refused whatever the answer (the count goes on, the window does not move);
//   - otherwise a right answer clears the count (0), a wrong one adds 1 (excluded.count is 0 for a right answer, 1
//     for a wrong one).
// So the answer is right and compared exactly when the new count is 0; refused when it is past `max`.
const lookupStatement = (where: string, withEvents: boolean) => `
WITH d AS (
  SELECT ${LOOKED_UP},
    ${withEvents
      // With the dossier's month: its one partition of the log (migration 049), not a probe of every month's.
      ? '(SELECT json_agg(json_build_array(e.action, e.at, e.to_state) ORDER BY e.seq) FROM dossier_events e WHERE e.dossier_id = d.id AND e.dossier_month = d.dossier_month)'
      : 'NULL::json'} AS events,
    ${FACTOR} = $2 AS "rightAnswer"
  FROM dossiers d JOIN procedures p ON p.code = d.procedure_code AND p.version = d.procedure_version
  WHERE ${where}
), v AS (
  SELECT coalesce((SELECT "rightAnswer" FROM d), false) AS right_answer
), c AS (
  INSERT INTO attempt_counters AS c (subject, window_ends_at, count)
  SELECT $3, $4::timestamptz, CASE WHEN v.right_answer THEN 0 ELSE 1 END FROM v
  ON CONFLICT (subject) DO UPDATE SET
    window_ends_at = CASE WHEN c.window_ends_at <= $5::timestamptz THEN excluded.window_ends_at ELSE c.window_ends_at END,
    count = CASE
      WHEN c.window_ends_at <= $5::timestamptz THEN excluded.count
      WHEN c.count >= $6::int THEN c.count + 1
      ELSE excluded.count * (c.count + 1) END
  RETURNING count
)
SELECT c.count, d.* FROM c LEFT JOIN d ON c.count = 0`;

// Compiled once: three names (code, reference, id) × with or without the timeline.
const statements = new Map<string, string>();
const statementFor = (key: 'code' | 'reference' | 'id', withEvents: boolean) => {
  const k = `${key}:${withEvents}`;
  let text = statements.get(k);
  if (!text) statements.set(k, (text = lookupStatement(`d.${key} = $1`, withEvents)));
  return text;
};

/**
 * The guarded lookup's one statement: counts the attempt and, when the answer is right and within the limit, returns
 * what the status answer shows of the dossier (and the brief timeline when asked). `given` must already be 4 digits or
 * something no factor equals. 'locked' past the limit; null for a wrong answer or no such dossier, alike.
 */
export async function guardedLookupRow(
  db: Kysely<Database>, ref: DossierRef, given: string, guard: LookupGuard, now: Date, withEvents: boolean,
): Promise<LookedUpDossier | null | 'locked'> {
  const [key, value] = 'code' in ref ? ['code', ref.code] as const : 'reference' in ref ? ['reference', ref.reference] as const : ['id', ref.id] as const;
  const r = await db.executeQuery<{ count: number; rightAnswer?: boolean } & (LookedUpDossier | { [k in keyof LookedUpDossier]: null })>(
    CompiledQuery.raw(statementFor(key, withEvents), [value, given, guard.subject, guard.windowEndsAt, now, guard.max]),
  );
  const row = r.rows[0]!;
  if (row.count > guard.max) return 'locked';
  if (row.count !== 0 || row.id === null) return null;
  const { count: _count, rightAnswer: _right, dossierMonth, ...dossier } = row as typeof row & { dossierMonth: string };
  // Every live dossier has its first entry: an empty log is one whose month went to the archive (asked only then).
  const archived = withEvents && dossier.events === null ? await archivedLog(db, dossierMonth) : null;
  return { ...dossier, archivedLog: archived } as LookedUpDossier;
}

/** A dossier by id, for a caller that checked the second factor earlier (the portal's short-lived proof). */
export async function loadPublicDossier(db: Kysely<Database>, id: string): Promise<PublicDossier | null> {
  return (await publicQuery(db).where('d.id', '=', id).executeTakeFirst()) ?? null;
}

/** The dossier's log as the applicant may see it: what happened, when, to which state, with the payload (reasons,
 *  items to supplement…) and the role of the actor (never the officer's id or name). */
export async function publicTimeline(db: Kysely<Database>, dossierId: string) {
  const rows = await db
    .selectFrom('dossier_events')
    .select(['seq', 'action', 'at', 'to_state', 'actor_role', 'payload', 'recorded_at'])
    .where('dossier_id', '=', dossierId)
    .where('dossier_month', '=', (eb) => eb.selectFrom('dossiers as dm').select('dm.dossier_month').where('dm.id', '=', dossierId)) // one partition
    .orderBy('seq')
    .execute();
  return rows.map((e) => ({
    seq: e.seq, action: e.action, at: e.at, toState: e.to_state, actorRole: e.actor_role,
    payload: e.payload as Record<string, unknown>, recordedAt: e.recorded_at,
  }));
}
export type PublicEvent = Awaited<ReturnType<typeof publicTimeline>>[number];

/** The payments settled for a dossier (paid entries of its orders), oldest first, as the citizen's payment page lists them. */
export async function settledPayments(db: Kysely<Database>, dossierId: string) {
  const rows = await db.selectFrom('payment_orders as o').innerJoin('payment_entries as e', 'e.order_ref', 'o.ref')
    .select(['o.ref', 'e.amount_vnd', 'o.method', 'o.description', 'e.at'])
    .where('o.dossier_id', '=', dossierId).where('e.kind', '=', 'paid').orderBy('e.at').execute();
  return rows.map((r) => ({ ref: r.ref, amountVnd: Number(r.amount_vnd), method: r.method, description: r.description, at: r.at }));
}

/** The procedures most filed in a commune since an instant, most filed first (at most `limit` codes). */
export async function mostFiled(db: Kysely<Database>, communeId: string, since: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('dossiers')
    .select(['procedure_code', sql<number>`count(*)::int`.as('n')])
    .where('commune_id', '=', communeId)
    .where('submitted_at', '>=', since)
    .groupBy('procedure_code')
    .orderBy('n', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.procedure_code);
}

// The public status lookup's queries (the service is public.ts): what a citizen may see of a dossier, never the ID
// number, and the dossier's log as the applicant may see it; and what the portal lists besides (payments, most filed).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

const publicColumns = [
  'd.id', 'd.code', 'd.reference', 'd.state', 'd.commune_id as communeId', 'd.procedure_code as procedureCode',
  'd.procedure_version as procedureVersion', 'p.name as procedureName', 'd.channel', 'd.projection',
  'd.submitted_at as submittedAt', 'd.receipt_due_at as receiptDueAt', 'd.received_at as receivedAt', 'd.due_at as dueAt', 'd.finished_at as finishedAt',
  'd.returned_at as returnedAt',
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

/**
 * The dossier with this code (or reference, or id), with what the lookup checks: the applicant's ID number and
 * phone (the second factor of a dossier without an ID number), and the brief timeline when asked (one query).
 */
export async function lookupRow(db: Kysely<Database>, ref: DossierRef, withEvents: boolean) {
  const events = withEvents
    // With the dossier's month: its one partition of the log (migration 049), not a probe of every month's.
    ? sql<BriefEvent[] | null>`(SELECT json_agg(json_build_array(e.action, e.at, e.to_state) ORDER BY e.seq) FROM dossier_events e WHERE e.dossier_id = d.id AND e.dossier_month = d.dossier_month)`
    : sql<null>`NULL`;
  const q = publicQuery(db).select([
    'd.applicant_id_number', sql<string | null>`d.applicant->>'phone'`.as('applicant_phone'),
    events.as('events'),
  ]);
  const found = 'code' in ref ? q.where('d.code', '=', ref.code)
    : 'reference' in ref ? q.where('d.reference', '=', ref.reference)
    : q.where('d.id', '=', ref.id);
  return found.executeTakeFirst();
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

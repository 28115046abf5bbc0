// Dossiers: SQL edge. Every read is scoped to what the caller may see, in SQL, backed by an index:
// the caller's commune always, and for unit-bound staff only dossiers routed to their unit.
import type { StoredProcedure } from '../catalogue/core/types.ts';
import { sql, type Insertable, type Kysely, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { Database } from '../db/schema.ts';
import { seesWholeCommune, type Principal } from '../identity/core/principal.ts';
import { KEYED_VERSION, keyedEntry, keyedEntryHash } from './core/hash-chain.ts';
import type { Link } from '../integrity/core/verify.ts';
import { chainKey } from '../integrity/key-store.ts';
import { tailOf } from '../db/commit-tail.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import type { AlongsideWrite } from '../db/alongside.ts';
import { compiledOnce, type ValueGroups } from '../db/compiled-once.ts';
import { scansHoldAll, type ScanTextFilter } from '../digitisation/search-store.ts';

type Db = Kysely<Database>;

/** Next number of the gap-free daily sequence of a receiving unit (domain.md §2.4). The upsert's row lock
 *  serialises concurrent intakes until commit; a rollback gives the number back. */
export async function nextSequence(trx: Db, receivingUnitId: number, day: string): Promise<number> {
  const r = await trx
    .insertInto('dossier_code_counters')
    .values({ receiving_unit_id: receivingUnitId, day, last_seq: 1 })
    .onConflict((oc) =>
      oc.columns(['receiving_unit_id', 'day']).doUpdateSet({ last_seq: sql`dossier_code_counters.last_seq + 1` }),
    )
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return r.last_seq;
}

type DossierQuery<O> = SelectQueryBuilder<Database & { d: Database['dossiers'] }, 'd', O>;

/** Restricts a `dossiers as d` query to what the principal may see. With `alsoReceived`, staff who see their whole
 *  commune also see the dossiers their commune's centre received and transferred to the competent commune (the
 *  progress they follow, location-independent receipt; which steps they may take there: core/transfer.ts). */
export function scoped<O>(q: DossierQuery<O>, p: Principal, alsoReceived = false): DossierQuery<O> {
  if (seesWholeCommune(p) && alsoReceived) {
    return q.where((eb) => eb.or([eb('d.commune_id', '=', p.communeId), eb('d.receiving_commune_id', '=', p.communeId)]));
  }
  const inCommune = q.where('d.commune_id', '=', p.communeId);
  if (seesWholeCommune(p)) return inCommune;
  return inCommune.where(
    sql<boolean>`exists (select 1 from dossier_units du where du.unit_id = ${p.unitId ?? -1} and du.dossier_id = d.id)`,
  );
}

/** The dossier columns the service reads (never the ID number: that one is read only where shown). */
export const DOSSIER_FIELDS = [
  'id', 'code', 'reference', 'commune_id', 'receiving_commune_id', 'procedure_code', 'procedure_version', 'channel', 'state', 'applicant_name', 'applicant',
  'support_point_id', 'external_code', 'receiving_unit_id', 'competent_authority', 'current_unit_id', 'assignee_id', 'step_index',
  'step_due_at', 'submitted_at', 'receipt_due_at', 'received_at', 'due_at', 'original_due_at', 'finished_at', 'returned_at',
  'authenticated_with_eid', 'projection', 'event_count', 'last_hash', 'created_at', 'updated_at', 'dossier_month',
] as const;
const DOSSIER_COLUMNS = DOSSIER_FIELDS.map((f) => `d.${f}` as const);

/** A dossier the principal may see, locked for update when `lock` (the action path); `alsoReceived`: also one their
 *  commune received and transferred (scoped()). */
export async function loadDossier(db: Db, p: Principal | null, id: string, lock = false, alsoReceived = false) {
  let q = db.selectFrom('dossiers as d').select(DOSSIER_COLUMNS).where('d.id', '=', id);
  if (p) q = scoped(q, p, alsoReceived);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type DossierRow = NonNullable<Awaited<ReturnType<typeof loadDossier>>>;

/** The id of the dossier with this code, reference (core/reference.ts) or external code (MaHoSoKhac), if the
 *  principal may see it. */
export async function dossierIdByName(
  db: Db, p: Principal, name: { code: string } | { reference: string } | { externalCode: string },
): Promise<string | undefined> {
  const q = scoped(db.selectFrom('dossiers as d').select('d.id'), p);
  const by = 'code' in name ? q.where('d.code', '=', name.code)
    : 'reference' in name ? q.where('d.reference', '=', name.reference) : q.where('d.external_code', '=', name.externalCode);
  return (await by.executeTakeFirst())?.id;
}

/** The applicant's ID number, read only where it is shown or checked (never with the other dossier columns). */
export async function idNumberOf(db: Db, dossierId: string): Promise<string | null> {
  const r = await db.selectFrom('dossiers').select('applicant_id_number').where('id', '=', dossierId).executeTakeFirstOrThrow();
  return r.applicant_id_number;
}

/** An active staff member of the commune (a hand-over's assignee, a signer), with their unit and roles. */
export async function activeStaffMember(db: Db, communeId: string, staffId: number) {
  return db.selectFrom('staff').select(['id', 'unit_id', 'roles']).where('id', '=', staffId)
    .where('commune_id', '=', communeId).where('active', '=', true).executeTakeFirst();
}

/** The dossier's columns a logged action sets (on a new dossier, with those of `NewDossierColumns`). */
export type DossierChangeColumns = Updateable<Database['dossiers']>;
export type NewDossierColumns = Insertable<Database['dossiers']>;
/** A log row as the service gives it: writeLogged adds the actor as they are now and the keyed hash. */
export type EventColumns = Omit<Insertable<Database['dossier_events']>, 'hash' | 'actor_name' | 'actor_title' | 'chain_version'>;

/**
 * One statement writes the dossier, its log entry and its routing (data-modifying CTEs; the foreign keys are checked
 * at the end of the statement): the update of an existing dossier when `update` (only if its event_count is still
 * `update.eventCount`: the row lock taken by loadDossier makes the update safe, and this condition would turn a lost
 * update into no row), else the insert of `insert`. Undefined when no row was written.
 */
export async function writeLogged(trx: Db, w: {
  /** `record`: the entry's content as objects (the hashed text, eventEntry), `event` the same as columns. */
  id: string; event: EventColumns; record: EventRecord; currentUnitId: number | null;
  update?: { eventCount: number; set: DossierChangeColumns }; insert?: NewDossierColumns;
  /** Other areas' writes of the same change in the same statement (db/alongside.ts). */
  also?: readonly AlongsideWrite[];
}): Promise<DossierRow | undefined> {
  const event = await keyedLink(trx, w.event, w.record);
  const also = w.also ?? [];
  // Compiled once per shape (db/compiled-once.ts): the values come as groups, the builder only places them.
  const groups: ValueGroups = {
    ev: event,
    ...(w.currentUnitId === null ? {} : { du: { dossier_id: w.id, unit_id: w.currentUnitId } }),
    ...Object.fromEntries(also.map((a, i) => [`also${i}`, a.values])),
    row: { ...(w.update ? w.update.set : w.insert!), last_hash: event.hash },
    key: w.update ? { id: w.id, eventCount: w.update.eventCount } : {},
  };
  const shape = `writeLogged:${w.update ? 'update' : 'insert'}:${also.map((a) => a.table).join(',')}`;
  const q = compiledOnce(shape, groups, (g) => {
    let q = trx.with('ev', (db) => db.insertInto('dossier_events').values(g.ev as Insertable<Database['dossier_events']>));
    if (g.du) {
      q = q.with('du', (db) => db.insertInto('dossier_units').values(g.du as Insertable<Database['dossier_units']>)
        .onConflict((oc) => oc.doNothing())) as unknown as typeof q;
    }
    also.forEach((a, i) => {
      q = q.with(`also${i}`, (db) => db.insertInto(a.table).values(g[`also${i}`] as never)) as unknown as typeof q;
    });
    if (w.update) {
      return q.updateTable('dossiers').set(g.row as DossierChangeColumns)
        .where('id', '=', g.key!.id as string).where('event_count', '=', g.key!.eventCount as number)
        .returning(DOSSIER_FIELDS);
    }
    return q.insertInto('dossiers').values(g.row as NewDossierColumns).returning(DOSSIER_FIELDS);
  });
  return (await trx.executeQuery<DossierRow>(q)).rows[0];
}

// ── Issue 13: the keyed chain and who acted, as they were (migration 032) ─────────────────────────────────────
// The log row written by writeLogged is a version-2 link: its hash is the HMAC with the chain key (kept outside the
// database, integrity/key-store.ts) over the entry with the actor's name and title at the time of the action; the
// dossier's head (last_hash) follows it. It is computed here, the one place every logged write passes through.

/** A staff member's name and title, once read, name their log entries for as long as an API key's check is cached
 *  (identity/staff/auth.ts): an intake sends one statement fewer. A change through the app forgets them. */
const actorNames = new TtlCache<{ name: string | null; title: string | null }>(5_000);
/** Forgets the names read (a staff member's details changed: org/store.ts, province/onboard-store.ts). */
export const forgetActorNames = () => actorNames.clear();

/** A staff member's name and title now (a system's or a citizen's actor id names none). */
function actorNow(trx: Db, actorId: string): Promise<{ name: string | null; title: string | null }> {
  if (!/^\d{1,12}$/.test(actorId)) return Promise.resolve({ name: null, title: null });
  return actorNames.get(actorId, async () => {
    const s = await trx.selectFrom('staff').select(['full_name', 'title']).where('id', '=', Number(actorId)).executeTakeFirst();
    return { name: s?.full_name ?? null, title: s?.title ?? null };
  });
}

/** The log row as written: the actor's name and title, version 2, and its keyed hash over `prev_hash`. */
async function keyedLink(trx: Db, e: EventColumns, record: EventRecord): Promise<Insertable<Database['dossier_events']>> {
  const actor = await actorNow(trx, e.actor_id);
  const hash = keyedEntryHash(chainKey(), e.prev_hash ?? null, keyedEntry(eventEntry(record), actor));
  return { ...e, hash, actor_name: actor.name, actor_title: actor.title, chain_version: KEYED_VERSION };
}

/** The log entries of some dossiers with what verifying their chain needs (stored actor, version), in order. */
export async function chainEvents(db: Db, dossierIds: readonly string[]) {
  if (!dossierIds.length) return [];
  return eventQuery(db)
    .select([
      'e.dossier_id',
      'e.actor_name as stored_actor_name', 'e.actor_title', 'e.chain_version',
    ])
    .where('e.dossier_id', 'in', dossierIds)
    .orderBy('e.dossier_id')
    .orderBy('e.seq')
    .execute();
}
export type ChainEventRow = Awaited<ReturnType<typeof chainEvents>>[number];

/** A stored entry as a link of its chain: the content its hash covers, by its version. */
export function linkOf(dossierId: string, e: ChainEventRow): Link {
  const entry = eventEntry(recordOf(dossierId, e));
  const keyed = e.chain_version === KEYED_VERSION;
  return {
    seq: e.seq, prevHash: e.prev_hash, hash: e.hash, keyed,
    entry: keyed ? keyedEntry(entry, { name: e.stored_actor_name, title: e.actor_title }) : entry,
  };
}

export type EventRow = Awaited<ReturnType<typeof events>>[number];

export async function events(db: Db, dossierId: string) {
  // The dossier's month names the one partition its log is in (migration 049): the executor skips the others.
  return eventQuery(db).where('e.dossier_id', '=', dossierId)
    .where('e.dossier_month', '=', (eb) => eb.selectFrom('dossiers as dm').select('dm.dossier_month').where('dm.id', '=', dossierId))
    .orderBy('e.seq').execute();
}

/** The archive's record of a dossier's log when its month was detached for the archive (`xaso archive detach`,
 *  migration 049): the month and when; null while the log is live. */
export async function archivedLog(db: Db, dossierMonth: string): Promise<{ month: string; archivedAt: Date } | null> {
  const r = (await sql<{ month: string; detached_at: Date }>`
    SELECT month::text AS month, detached_at FROM archived_partitions
     WHERE parent = 'dossier_events' AND month = ${dossierMonth}::date`.execute(db)).rows[0];
  return r ? { month: r.month.slice(0, 7), archivedAt: r.detached_at } : null;
}

/** The log entries with who acted: the name stored at the time (migration 032); for older rows, which have none,
 *  the staff member's CURRENT name, joined at read time. */
function eventQuery(db: Db) {
  return db
    .selectFrom('dossier_events as e')
    .leftJoin('staff as s', (j) => j.on(sql<boolean>`s.id::text = e.actor_id`))
    .select([
      'e.seq', 'e.action', 'e.from_state', 'e.to_state', 'e.actor_id', 'e.actor_role', 'e.actor_unit',
      sql<string | null>`coalesce(e.actor_name, s.full_name)`.as('actor_name'),
      'e.at', 'e.payload', 'e.changes', 'e.handover', 'e.prev_hash', 'e.hash',
    ]);
}

/** The hashed content of a log entry: exactly its stored columns, normalised through JSON, so that the
 *  writer and any later verifier hash the same text (core/hash-chain.ts). */
export interface EventRecord {
  dossierId: string;
  seq: number;
  action: string;
  fromState: number | null;
  toState: number;
  actorId: string;
  actorRole: string;
  actorUnit: string | null;
  at: Date;
  payload: unknown;
  changes: unknown;
  handover: unknown;
}
export const eventEntry = (e: EventRecord): object => JSON.parse(JSON.stringify({ ...e, at: e.at.toISOString() })) as object;

export const recordOf = (dossierId: string, e: EventRow): EventRecord => ({
  dossierId, seq: e.seq, action: e.action, fromState: e.from_state, toState: e.to_state, actorId: e.actor_id,
  actorRole: e.actor_role, actorUnit: e.actor_unit, at: e.at, payload: e.payload, changes: e.changes, handover: e.handover,
});

export type FileRow = Awaited<ReturnType<typeof files>>[number];

export async function files(db: Db, dossierId: string) {
  return db
    .selectFrom('dossier_files as f')
    .innerJoin('files as b', 'b.sha256', 'f.sha256')
    .select(['f.id', 'f.component_code', 'f.file_name', 'b.content_type', 'b.size', 'f.sha256', 'f.digitised', 'f.reused', 'f.from_store', 'f.uploaded_at'])
    .where('f.dossier_id', '=', dossierId)
    .orderBy('f.id')
    .execute();
}

export interface InboxFilter {
  states?: number[];
  unitId?: number;
  assigneeId?: number;
  procedureCode?: string;
  dueBefore?: Date;
  /** Only what waits for the caller in this group of "Việc cần làm" (workWhere). */
  work?: WorkGroup;
  /** Only dossiers whose scans hold every word searched (issue 14; digitisation/search.ts searchTerms). */
  scanText?: ScanTextFilter;
  /** Keyset cursor: the sort key of the last row of the previous page. */
  after?: { awaiting: boolean; dueAt: Date | null; id: string };
  limit: number;
}

/** The groups of an officer's "Việc cần làm": what waits for them to receive, process, sign or return. */
export const WORK_GROUPS = ['receive', 'process', 'sign', 'return'] as const;
export type WorkGroup = (typeof WORK_GROUPS)[number];

/**
 * What waits for the caller in a group, on top of `scoped` (each served by an index: dossiers_work_order for state 1,
 * dossiers_assignee and dossiers_unit_inbox for the caller's own and unit's work, dossiers_awaiting_signature for
 * the signer, dossiers_inbox for state 9):
 * - receive: online submissions awaiting receipt (state 1);
 * - process: received or processing (2, 4), assigned to the caller, or at the caller's unit with no one assigned, and
 *   not awaiting a signature (a proposal sent back comes back here, as one approved and still to be issued);
 * - sign: submitted for the caller's signature (signature_requested_of, migration 021: only the requested signer may
 *   approve or send back, core/preconditions.ts);
 * - return: processed, the result issued and not yet returned (state 9).
 */
function workWhere(g: WorkGroup, p: Principal) {
  const unit = p.unitId ?? -1;
  switch (g) {
    case 'receive':
      return sql<boolean>`(d.state = 1)`;
    case 'process':
      return sql<boolean>`(d.state IN (2, 4) AND d.signature_requested_of IS NULL AND (d.assignee_id = ${p.id} OR (d.assignee_id IS NULL AND d.current_unit_id = ${unit})))`;
    case 'sign':
      return sql<boolean>`(d.state = 4 AND d.signature_requested_of = ${p.id})`;
    case 'return':
      return sql<boolean>`(d.state = 9)`;
  }
}

/** A dossier awaiting receipt (state 1, the online submissions the desk must receive or refuse). */
const AWAITING = sql<boolean>`(d.state = 1)`;
/** The time the next step is due: the receipt deadline while awaiting receipt (a submission from before migration
 *  018 has none: its submission time stands in), the due time after. */
const WORK_DUE = sql<Date | null>`(CASE WHEN d.state = 1 THEN coalesce(d.receipt_due_at, d.submitted_at) ELSE d.due_at END)`;

/**
 * The work list, keyset-paginated (never OFFSET, never COUNT(*) per page), in the order of the index
 * dossiers_work_order: the submissions awaiting receipt first (the receiving desk's newest work), by their receipt
 * deadline; then the others by due time, none last; the id breaks ties.
 */
export async function inbox(db: Db, p: Principal, f: InboxFilter) {
  let q = scoped(
    db.selectFrom('dossiers as d').select([
      'd.id', 'd.code', 'd.reference', 'd.state', 'd.procedure_code', 'd.applicant_name', 'd.channel', 'd.current_unit_id',
      'd.assignee_id', 'd.received_at', 'd.due_at', 'd.original_due_at', 'd.submitted_at', 'd.receipt_due_at',
      AWAITING.as('awaiting'), WORK_DUE.as('work_due_at'),
      // Filed on the national portal and forwarded here (src/inbound), on the unique index of inbound_dossiers.
      sql<boolean>`EXISTS (SELECT 1 FROM inbound_dossiers i WHERE i.dossier_id = d.id)`.as('from_portal'),
      // Received by another commune's centre and transferred here (location-independent receipt).
      sql<boolean>`d.receiving_commune_id <> d.commune_id`.as('received_elsewhere'),
    ]),
    p,
  );
  if (f.states?.length) q = q.where('d.state', 'in', f.states);
  if (f.unitId !== undefined) q = q.where('d.current_unit_id', '=', f.unitId);
  if (f.assigneeId !== undefined) q = q.where('d.assignee_id', '=', f.assigneeId);
  if (f.procedureCode) q = q.where('d.procedure_code', '=', f.procedureCode);
  if (f.dueBefore) q = q.where('d.due_at', '<', f.dueBefore);
  if (f.work) q = q.where(workWhere(f.work, p));
  if (f.scanText) q = q.where(scansHoldAll(p.communeId, f.scanText));
  const after = f.after;
  if (after) {
    // Within a group, ascending btree order puts NULL due times last.
    const later = after.dueAt === null
      ? sql<boolean>`(${WORK_DUE} IS NULL AND d.id > ${after.id}::uuid)`
      : sql<boolean>`(${WORK_DUE} IS NULL OR (${WORK_DUE}, d.id) > (${after.dueAt}::timestamptz, ${after.id}::uuid))`;
    q = q.where(after.awaiting ? sql<boolean>`(d.state <> 1 OR ${later})` : sql<boolean>`(d.state <> 1 AND ${later})`);
  }
  return q.orderBy(sql`d.state <> 1`).orderBy(WORK_DUE).orderBy('d.id').limit(f.limit).execute();
}

/** Counts per state for the inbox header (one indexed GROUP BY over the caller's scope). */
export async function countsByState(db: Db, p: Principal) {
  const rows = await scoped(
    db.selectFrom('dossiers as d').select(['d.state', sql<number>`count(*)::int`.as('n')]).groupBy('d.state'),
    p,
  ).execute();
  return Object.fromEntries(rows.map((r) => [String(r.state), r.n]));
}

/** How many dossiers wait for the caller in each of `groups` (one small indexed count per group, in parallel). */
export async function workCounts(db: Db, p: Principal, groups: readonly WorkGroup[]): Promise<Partial<Record<WorkGroup, number>>> {
  const counts = await Promise.all(groups.map((g) =>
    scoped(db.selectFrom('dossiers as d').select(sql<number>`count(*)::int`.as('n')), p).where(workWhere(g, p)).executeTakeFirstOrThrow()));
  return Object.fromEntries(groups.map((g, i) => [g, counts[i]!.n]));
}

/** Logs a showing of personal data; in a request that stores its response, by the statement that stores it
 *  (db/commit-tail.ts: one round trip fewer, same transaction). */
export async function logAccess(db: Db, actor: string, action: string, dossierId: string | null, detail: object = {}) {
  const tail = tailOf(db);
  if (tail) {
    tail.access.push({ actor, action, dossierId, detail });
    return;
  }
  await db.insertInto('access_log').values({ actor, action, dossier_id: dossierId, detail: JSON.stringify(detail) }).execute();
}

/** One logged change of a dossier, as the areas that react to it in its transaction receive it (after-change.ts). */
export interface DossierChange {
  row: DossierRow;
  event: EventRow;
  procedure: StoredProcedure;
}

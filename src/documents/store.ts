// SQL edge of the documents: reads the facts a document is built from (the service that builds them is facts.ts).
// Every read of dossiers goes through the dossier scoping (scoped in dossiers/store.ts): the caller's commune, and
// for specialists their unit's dossiers only.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { getCommune, listUnits } from '../org/store.ts';
import type { Principal } from '../identity/core/principal.ts';
import { scoped } from '../dossiers/store.ts';
import type { OrgFacts, Person } from './core/model.ts';

type Db = Kysely<Database>;

/** The commune's name and phone, its units by code (and their phones), and the named staff members (ids as the log
 *  writes them) with their work phones: the phones BM.02 offers the citizen (contactPhone, core/model.ts). */
export async function orgFacts(db: Db, communeId: string, staffIds: Iterable<string>) {
  const ids = [...new Set([...staffIds].filter((s) => /^\d{1,12}$/.test(s)).map(Number))];
  const [commune, units, staff] = await Promise.all([
    getCommune(db, communeId),
    listUnits(db, communeId),
    ids.length
      ? db.selectFrom('staff').select(['id', 'full_name', 'title', 'phone']).where('commune_id', '=', communeId).where('id', 'in', ids).execute()
      : Promise.resolve([]),
  ]);
  const org: OrgFacts = {
    communeName: commune?.name ?? communeId,
    units: new Map(units.map((u) => [u.code, u.name])),
    staff: new Map<string, Person>(staff.map((s) => [String(s.id), { name: s.full_name, title: s.title, phone: s.phone }])),
    unitPhones: new Map(units.flatMap((u) => (u.phone ? [[u.code, u.phone] as const] : []))),
    communePhone: commune?.phone ?? null,
  };
  return { org, units };
}

// ── The tracking book ───────────────────────────────────────────────────────────────────────────────────────

/** The versions of the procedures of a field (lĩnh vực); empty for an unknown field. */
export async function fieldProcedures(db: Db, fieldCode: string) {
  return db.selectFrom('procedures').select(['code', 'version', 'name', 'field_name', 'handling_unit_code'])
    .where('field_code', '=', fieldCode).execute();
}

/** The received dossiers of a field in [start, end), in the caller's scope, by receipt time; at most `limit`. */
export async function receivedInField(db: Db, p: Principal, fieldCode: string, start: Date, end: Date, limit: number) {
  return scoped(
    db.selectFrom('dossiers as d').select([
      'd.code', 'd.procedure_code', 'd.procedure_version', 'd.applicant_name', 'd.applicant', 'd.state', 'd.received_at',
      'd.due_at', 'd.returned_at', 'd.finished_at', 'd.projection',
    ]),
    p,
  )
    .where('d.code', 'is not', null)
    .where('d.received_at', '>=', start)
    .where('d.received_at', '<', end)
    .where((eb) => eb(
      eb.refTuple('d.procedure_code', 'd.procedure_version'),
      'in',
      eb.selectFrom('procedures as pr').select(['pr.code', 'pr.version']).where('pr.field_code', '=', fieldCode)
        .$asTuple('code', 'version'),
    ))
    .orderBy('d.received_at')
    .orderBy('d.code')
    .limit(limit)
    .execute();
}

// ── Payments of a dossier ───────────────────────────────────────────────────────────────────────────────────

/**
 * The settled payments of a dossier (the paid entries of its orders, 0 đ exemptions included), oldest first, for
 * the stop notice; empty when the principal may not see the dossier (same scoping as the dossier itself).
 */
export async function paidEntriesOf(db: Db, p: Principal, dossierId: string) {
  const visible = scoped(db.selectFrom('dossiers as d').select('d.id'), p).where('d.id', '=', dossierId);
  return db.selectFrom('payment_orders as o').innerJoin('payment_entries as e', 'e.order_ref', 'o.ref')
    .select(['e.id', 'e.amount_vnd', 'e.at', 'e.transaction_no', 'o.ref', 'o.method', 'o.purpose'])
    .where('o.dossier_id', 'in', visible).where('e.kind', '=', 'paid')
    .orderBy('e.at').orderBy('e.id').execute();
}

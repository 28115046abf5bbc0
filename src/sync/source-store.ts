// What the mapping (core/mapping.ts) reads about one dossier, as of one log entry (SQL edge): the dossier, its
// commune and units, its log (with the actor's name and title as they were, and their unit's name),
// its files, its signed results, the procedure version it was filed under, the national databases its data came from
// (src/registries) and the portal's code of a dossier filed there (src/inbound). The applicant's ID number is read
// here only because the contract carries it (SoGiayToChuHoSo, DinhDanhCHS); it goes nowhere but the portal.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { procedureVersion } from '../catalogue/store.ts';
import { registryCodesOf } from '../registries/uses-store.ts';
import { inboundPortalCode } from '../inbound/store.ts';
import { importedSourceCode } from '../imports/store.ts';
import type { SyncSource } from './core/mapping.ts';

type Db = Kysely<Database>;

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** The mapping's source for `dossierId` (its whole log: the mapping takes it as of an entry); undefined if gone. */
export async function syncSource(db: Db, dossierId: string): Promise<SyncSource | undefined> {
  const d = await db.selectFrom('dossiers as d')
    .innerJoin('communes as c', 'c.id', 'd.commune_id')
    .leftJoin('units as ru', 'ru.id', 'd.receiving_unit_id')
    .select([
      'd.id', 'd.code', 'd.commune_id', 'c.name as commune_name', 'd.channel', 'd.applicant_name', 'd.applicant_id_number', 'd.applicant',
      'd.authenticated_with_eid', 'd.procedure_code', 'd.procedure_version', 'ru.name as receiving_unit_name', 'd.dossier_month',
    ])
    .where('d.id', '=', dossierId)
    .executeTakeFirst();
  if (!d) return undefined;
  const [proc, events, files, results, units, registryCodes, inboundCode, importedCode] = await Promise.all([
    procedureVersion(db, d.procedure_code, d.procedure_version),
    db.selectFrom('dossier_events as e')
      .leftJoin('staff as s', (j) => j.on(sql<boolean>`s.id::text = e.actor_id`))
      .leftJoin('units as u', (j) => j.onRef('u.code', '=', 'e.actor_unit').on('u.commune_id', '=', d.commune_id))
      .select([
        'e.seq', 'e.action', 'e.from_state', 'e.to_state', 'e.at', 'e.actor_role', 'e.payload', 'e.changes', 'u.name as unit_name',
        sql<string | null>`coalesce(e.actor_name, s.full_name)`.as('actor_name'),
        sql<string | null>`coalesce(e.actor_title, s.title)`.as('actor_title'),
      ])
      .where('e.dossier_id', '=', dossierId).where('e.dossier_month', '=', d.dossier_month).orderBy('e.seq').execute(), // one partition (049)
    db.selectFrom('dossier_files')
      .select(['id', 'component_code', 'file_name', 'sha256', 'digitised', 'reused', 'from_store', 'replaces_with'])
      .where('dossier_id', '=', dossierId).orderBy('id').execute(),
    db.selectFrom('signed_documents as sd')
      .leftJoin('signed_document_status as st', 'st.code', 'sd.code')
      .select(['sd.code', 'sd.title', 'sd.signed_at'])
      .where('sd.dossier_id', '=', dossierId).where('st.code', 'is', null) // revoked or replaced documents are not results
      .orderBy('sd.signed_at').execute(),
    db.selectFrom('units').select(['code', 'name']).where('commune_id', '=', d.commune_id).execute(),
    registryCodesOf(db, dossierId),
    inboundPortalCode(db, dossierId),
    importedSourceCode(db, dossierId),
  ]);
  // The code the portal knows the dossier by: the portal's own (filed there), or, for a dossier imported from the
  // system used before without a code of ours, its code there (the earlier system synced it under that code).
  const portalCode = inboundCode ?? (d.code ? null : importedCode);
  if (!proc || !events.length) return undefined;
  return {
    code: d.code,
    portalCode,
    communeId: d.commune_id,
    communeName: d.commune_name,
    channel: d.channel,
    applicantName: d.applicant_name,
    applicantIdNumber: d.applicant_id_number,
    applicant: obj(d.applicant),
    authenticatedWithEid: d.authenticated_with_eid,
    procedure: {
      code: proc.code, name: proc.name, fieldCode: proc.field.code, fieldName: proc.field.name, fees: proc.fees,
      ...(proc.resultCode ? { resultCode: proc.resultCode } : {}),
    },
    receivingUnitName: d.receiving_unit_name,
    unitNames: Object.fromEntries(units.map((u) => [u.code, u.name])),
    events: events.map((e) => ({
      seq: e.seq, action: e.action, fromState: e.from_state, toState: e.to_state, at: e.at, actorRole: e.actor_role,
      actorName: e.actor_role === 'citizen' ? null : e.actor_name, actorTitle: e.actor_title, unitName: e.unit_name,
      payload: obj(e.payload), changes: obj(e.changes),
    })),
    files: files.map((f) => ({
      id: f.id, component: f.component_code, fileName: f.file_name, sha256: f.sha256, digitised: f.digitised, reused: f.reused,
      fromStore: f.from_store, replacesWith: f.replaces_with,
    })),
    results: results.map((r) => ({ code: r.code, title: r.title, signedAt: r.signed_at })),
    registryCodes,
  };
}

// Issue 14, a hand-computed fixture of the data indicators of Decision 766 (domain.md §3.3–3.4, §4 4.2–4.5): digitised
// (4.2), reused (4.3), connected to the store (4.4) and population data (4.5a by procedure, 4.5b by dossier), and the
// digitisation and reuse rates by procedure and by unit. The dossiers, their files (as attachFile writes them), their
// signed results, the store's items and an officer's store lookup are written directly, then each dossier's facts are
// refreshed as a change would (the store's push before the refresh, dossiers/after-change.ts).
//
// Xuân Dương, December 2026. Khai sinh (1.001193) asks for TO_KHAI and GIAY_CHUNG_SINH (the ID card only shown) and
// returns a paper result; xác nhận tình trạng hôn nhân (1.004873) asks for TO_KHAI, GXN_DA_CAP optional (a valid
// earlier certificate from the store stands for it); xác nhận thông tin hộ tịch (HT.LOCAL.004) asks for TO_KHAI and
// returns no paper result; giấy phép xây dựng (XD.LOCAL.001, unit KT) asks for DON_DE_NGHI, GIAY_TO_DAT, BAN_VE.
//   D1 khai sinh, VHXH, finished: both papers scanned, signed e-result, the result pushed to the applicant's store
//      → digitised, linked to the store;
//   D2 khai sinh, VHXH, finished: both papers scanned, but only a DRAFT result attached (never signed) → not digitised
//      (a draft is not the result), nothing else;
//   D3 khai sinh, VHXH, finished, filed with VNeID: only TO_KHAI scanned, signed e-result → not digitised (no birth
//      certificate), population data (VNeID);
//   D4 tình trạng hôn nhân, VHXH, open: TO_KHAI scanned, the earlier certificate taken from the store (its item, the
//      reuse flags and MaKetQuaThayThe), signed e-result → digitised, reused, linked (a component from the store),
//      population data (a component from the store);
//   D5 xác nhận thông tin hộ tịch, no unit yet, open: TO_KHAI reusing an earlier digitised paper (not from the store)
//      → digitised (no paper result to have), reused;
//   D6 xác nhận thông tin hộ tịch, no unit yet, open: nothing attached; an officer looked into the applicant's store for
//      it (store_lookups, found 1) and took nothing → counts in no numerator: a look is no data used;
//   D7 giấy phép xây dựng, KT, open, filed with VNeID: its three papers scanned, signed e-result, not pushed (not
//      returned) → digitised, population data;
//   D8 khai sinh received 30/11 with everything → November's, not December's;
//   D9 khai sinh filed with VNeID, never received → in no count, and makes no procedure count for 4.5a;
//   D10 another commune's khai sinh, VNeID, digitised → not Xuân Dương's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { testDb } from '../support/db.ts';
import { refreshFacts } from '../../src/indicators/facts.ts';
import { index766 } from '../../src/indicators/service.ts';
import { digitisationBreakdown } from '../../src/indicators/breakdown-store.ts';
import { digitisationRates } from '../../src/indicators/digitisation.ts';
import { periodOf } from '../../src/indicators/core/periods.ts';
import { ownProcedures, targetsPersons, type ProcedureData } from '../../src/indicators/core/catalogue-measures.ts';

const { db } = await testDb();
const XD = 'xuan-duong';
const DEC = periodOf({ year: 2026, month: 12 });
const at = (s: string) => new Date(`2026-${s}:00+07:00`);

const staff = await db.selectFrom('staff').select(['id', 'commune_id']).where('username', '=', 'chutich').executeTakeFirstOrThrow();
const units = new Map((await db.selectFrom('units').select(['id', 'code']).where('commune_id', '=', XD).execute()).map((u) => [u.code, u.id]));
const other = (await db.selectFrom('communes').select('id').where('id', '<>', XD).executeTakeFirstOrThrow()).id;
const versionOf = async (code: string) =>
  (await db.selectFrom('procedures').select('version').where('code', '=', code).orderBy('version', 'desc').executeTakeFirstOrThrow()).version;

let n = 0;
async function file(): Promise<string> {
  const content = Buffer.from(`%PDF-1.4\n% ${++n}\n%%EOF\n`);
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  await db.insertInto('files').values({ sha256, content_type: 'application/pdf', size: content.length, content }).execute();
  return sha256;
}

async function dossier(o: { procedure: string; unit?: string; received?: Date | null; finished?: Date | null; eid?: boolean; commune?: string }) {
  const r = await db.insertInto('dossiers').values({
    commune_id: o.commune ?? XD, procedure_code: o.procedure, procedure_version: await versionOf(o.procedure), channel: o.eid ? 'online' : 'direct',
    state: o.finished ? 10 : o.received === null ? 1 : 4, applicant_name: 'Người thử', applicant: JSON.stringify({}),
    competent_authority: 'Ủy ban nhân dân cấp xã', projection: JSON.stringify({}), received_at: o.received === undefined ? at('12-07T09:00') : o.received,
    finished_at: o.finished ?? null, current_unit_id: o.unit ? units.get(o.unit)! : null, authenticated_with_eid: !!o.eid,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** A component's file as attachFile writes it (every file is DuocSoHoa; `reused`/`store` set the reuse flags). */
async function attach(dossierId: string, component: string, how: { reused?: boolean; storeItem?: number } = {}) {
  const sha256 = await file();
  await db.insertInto('dossier_files').values({
    dossier_id: dossierId, component_code: component, file_name: `${component}.pdf`, sha256, digitised: true,
    reused: !!how.reused || how.storeItem !== undefined, from_store: how.storeItem !== undefined,
    store_item_id: how.storeItem ?? null, replaces_with: how.storeItem !== undefined ? `KHO-${how.storeItem}` : null,
  }).execute();
  return sha256;
}

let credentials: { person: number; org: number } | undefined;
async function signedResult(dossierId: string, commune = XD) {
  if (!credentials) {
    const cred = (kind: 'person' | 'organisation') => db.insertInto('signing_credentials').values({
      kind, source: 'imported', commune_id: XD, staff_id: kind === 'person' ? staff.id : null, subject: 'CN=Thử', issuer: 'CN=Thử', serial: '01',
      fingerprint: crypto.randomBytes(32).toString('hex'), not_before: at('01-01T00:00'), not_after: at('12-31T00:00'), certificate: '-',
      key_sealed: Buffer.from('-'),
    } as never).returning('id').executeTakeFirstOrThrow();
    credentials = { person: Number((await cred('person')).id), org: Number((await cred('organisation')).id) };
  }
  const sha256 = await attach(dossierId, 'KET_QUA');
  const code = Array.from(crypto.randomBytes(10), (b) => '23456789ABCDEFGHJKMNPQRSTVWXYZ'[b % 30]).join('');
  await db.insertInto('signed_documents').values({
    code, commune_id: commune, dossier_id: dossierId, title: 'Kết quả', sha256, size: 10, signer_staff_id: staff.id, signer_name: 'Thử',
    signer_title: 'Chủ tịch', agency: 'UBND xã', signer_credential_id: credentials.person, agency_credential_id: credentials.org,
    test_certificates: true, signed_at: at('12-07T10:00'),
  } as never).execute();
}

async function storeItem(o: { sourceDossier: string | null; type: string; kind: 'result' | 'component' }) {
  const r = await db.insertInto('store_items').values({
    owner_id_number: '001203004567', kind: o.kind, type_code: o.type, type_name: 'Giấy thử', issuer: 'UBND xã Xuân Dương',
    number_symbol: null, valid_from: '2026-11-01', valid_to: null, sha256: await file(), file_name: 'giay.pdf', source_commune_id: XD,
    source_dossier_id: o.sourceDossier, source_component_code: null, signed_code: null, legal_record: true, created_at: at('12-07T11:00'),
  }).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

const refresh = (ids: string[]) => db.transaction().execute(async (trx) => { for (const id of ids) await refreshFacts(trx, id); });

test('the December 2026 data fixture: 4.2, 4.3, 4.4, 4.5a, 4.5b and the rates by procedure and unit, by hand', async () => {
  const done = at('12-10T10:00');
  const d1 = await dossier({ procedure: '1.001193', unit: 'VHXH', finished: done });
  await attach(d1, 'TO_KHAI');
  await attach(d1, 'GIAY_CHUNG_SINH');
  await signedResult(d1);
  await storeItem({ sourceDossier: d1, type: 'GIAY_KHAI_SINH', kind: 'result' }); // the push on return

  const d2 = await dossier({ procedure: '1.001193', unit: 'VHXH', finished: done });
  await attach(d2, 'TO_KHAI');
  await attach(d2, 'GIAY_CHUNG_SINH');
  await attach(d2, 'KET_QUA'); // a draft result to sign: no signed_documents row

  const d3 = await dossier({ procedure: '1.001193', unit: 'VHXH', finished: done, eid: true });
  await attach(d3, 'TO_KHAI');
  await signedResult(d3);

  const earlier = await storeItem({ sourceDossier: null, type: 'GXN_TINH_TRANG_HON_NHAN', kind: 'result' });
  const d4 = await dossier({ procedure: '1.004873', unit: 'VHXH' });
  await attach(d4, 'TO_KHAI');
  await attach(d4, 'GXN_DA_CAP', { storeItem: earlier });
  await signedResult(d4);

  const d5 = await dossier({ procedure: 'HT.LOCAL.004' });
  await attach(d5, 'TO_KHAI', { reused: true });

  const d6 = await dossier({ procedure: 'HT.LOCAL.004' });
  await db.insertInto('store_lookups').values({
    owner_id_number: '001203004567', staff_id: staff.id, commune_id: XD, dossier_id: d6, reason: 'Tra cứu giấy tờ khi tiếp nhận', found: 1, at: at('12-07T09:05'),
  }).execute();

  const d7 = await dossier({ procedure: 'XD.LOCAL.001', unit: 'KT', eid: true });
  for (const c of ['DON_DE_NGHI', 'GIAY_TO_DAT', 'BAN_VE']) await attach(d7, c);
  await signedResult(d7);

  const d8 = await dossier({ procedure: '1.001193', unit: 'VHXH', received: at('11-30T09:00'), eid: true });
  await attach(d8, 'TO_KHAI', { reused: true });
  await attach(d8, 'GIAY_CHUNG_SINH');
  await signedResult(d8);
  const d9 = await dossier({ procedure: '1.001193', received: null, eid: true });
  const d10 = await dossier({ procedure: '1.001193', commune: other, eid: true });
  await attach(d10, 'TO_KHAI');
  await attach(d10, 'GIAY_CHUNG_SINH');
  await refresh([d1, d2, d3, d4, d5, d6, d7, d8, d9, d10]);

  const counts = new Map((await db.selectFrom('indicator_facts').select(['dossier_id', 'counts']).execute()).map((r) => [r.dossier_id, r.counts]));
  const data = (id: string) => counts.get(id)!.filter((c) => ['digitised', 'reused', 'linked_to_store', 'eid'].includes(c));
  assert.deepEqual(data(d1), ['digitised', 'linked_to_store']);
  assert.deepEqual(data(d2), [], 'a draft result is not the result');
  assert.deepEqual(data(d3), ['eid']);
  assert.deepEqual(data(d4), ['digitised', 'reused', 'linked_to_store', 'eid']);
  assert.deepEqual(data(d5), ['digitised', 'reused']);
  assert.deepEqual(data(d6), [], 'a store lookup alone is no population data');
  assert.deepEqual(data(d7), ['digitised', 'eid']);
  assert.deepEqual(counts.get(d9), [], 'never received: in no count');

  const { index } = await index766(db, { communeId: XD }, DEC, { now: at('12-31T12:00') });
  const ind = (id: string) => {
    const i = index.groups.flatMap((g) => g.indicators).find((x) => x.def.id === id)!;
    return [i.numerator, i.denominator];
  };
  // Received in December: D1…D7 = 7 (D8 in November, D9 never, D10 another commune).
  // 4.2: D1, D4, D5, D7 = 4 of 7 (D2 a draft result, D3 no birth certificate, D6 nothing).
  assert.deepEqual(ind('4.2'), [4, 7]);
  // 4.3: D4 (from the store), D5 (reused) = 2 of 7.
  assert.deepEqual(ind('4.3'), [2, 7]);
  // 4.4: D1 (its result pushed), D4 (a component from the store) = 2 of 7; D7's result is not pushed yet.
  assert.deepEqual(ind('4.4'), [2, 7]);
  // 4.5b: D3, D7 (VNeID), D4 (from the store) = 3 of 7; D6's lookup is not.
  assert.deepEqual(ind('4.5b'), [3, 7]);
  // 4.5a: procedures with such a dossier in December: khai sinh (D3), tình trạng hôn nhân (D4), giấy phép xây dựng
  // (D7) = 3, over the commune's procedures in force on 1/12 whose target persons are people: all of its own but
  // "Thông báo tổ chức lễ hội cấp xã" (ban tổ chức, cơ quan, tổ chức) and "Gia hạn giấy phép xây dựng" (chủ đầu tư).
  const catalogue = (await db.selectFrom('procedures').select('data')
    .where('effective_from', '<=', '2026-12-01').where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', '2026-12-01')]))
    .execute()).map((r) => r.data as ProcedureData & { name: string });
  const own = ownProcedures(catalogue);
  const notPeople = own.filter((p) => !targetsPersons(p)).map((p) => p.name).sort();
  assert.deepEqual(notPeople, ['Gia hạn giấy phép xây dựng', 'Thông báo tổ chức lễ hội cấp xã']);
  assert.deepEqual(ind('4.5a'), [3, own.length - 2]);

  // By procedure and by unit (D1–D7): khai sinh D1, D2, D3 → 1 digitised (D1), 0 reused; tình trạng hôn nhân D4 → 1, 1;
  // xác nhận thông tin hộ tịch D5, D6 → 1 (D5), 1 (D5); giấy phép xây dựng D7 → 1, 0. Units: VHXH D1–D4 → 2 (D1, D4),
  // 1 (D4); KT D7 → 1, 0; no unit yet D5, D6 → 1, 1.
  const r = await digitisationRates(db, { communeId: XD }, DEC);
  const row = (x: { received: number; digitised: number; reused: number }) => [x.received, x.digitised, x.reused];
  assert.deepEqual(row(r.overall), [7, 4, 2]);
  assert.equal(r.overall.digitisedRate, 0.5714);
  assert.equal(r.overall.reusedRate, 0.2857);
  assert.deepEqual(Object.fromEntries(r.byProcedure.map((p) => [p.key, row(p)])), {
    '1.001193': [3, 1, 0], '1.004873': [1, 1, 1], 'HT.LOCAL.004': [2, 1, 1], 'XD.LOCAL.001': [1, 1, 0],
  });
  assert.deepEqual(r.byUnit.map((u) => [u.key, ...row(u)]), [['KT', 1, 1, 0], ['VHXH', 4, 2, 1], ['', 2, 1, 1]].sort((a, b) => {
    const name = (k: unknown) => (k === '' ? '\uffff' : r.byUnit.find((u) => u.key === k)!.name);
    return name(a[0]).localeCompare(name(b[0]), 'vi');
  }));
  assert.equal(r.byUnit.at(-1)!.name, 'Chưa chuyển đơn vị', 'the dossiers not sent to a unit come last');
  assert.deepEqual(r.targets, { digitised: 1, reused: 0.8 }, 'the plan\'s targets');

  // The rollup path (whole months) and the dossier-by-dossier path give the same rows; so do the quarter and the
  // year; and one unit's scope.
  const plain = (rows: Awaited<ReturnType<typeof digitisationBreakdown>>) => rows.map((x) => JSON.stringify(x)).sort();
  for (const spec of [{ year: 2026, month: 12 }, { year: 2026, month: 11 }, { year: 2026, quarter: 4 }, { year: 2026 }]) {
    const p = periodOf(spec);
    assert.deepEqual(plain(await digitisationBreakdown(db, { communeId: XD }, p)), plain(await digitisationBreakdown(db, { communeId: XD }, p, { via: 'facts' })), JSON.stringify(spec));
    const vhxh = { communeId: XD, unitCode: 'VHXH' };
    assert.deepEqual(plain(await digitisationBreakdown(db, vhxh, p)), plain(await digitisationBreakdown(db, vhxh, p, { via: 'facts' })));
  }
  const built = await sql<{ n: number }>`SELECT count(*)::int AS n FROM indicator_rollup WHERE kind = 'count' AND label = 'digitised'`.execute(db);
  assert.ok(built.rows[0]!.n > 0, 'the finished dossiers are read from the rollup');
  const november = await digitisationRates(db, { communeId: XD }, periodOf({ year: 2026, month: 11 }));
  assert.deepEqual(row(november.overall), [1, 1, 1], 'D8 is November\'s');
});

// Installations loaded by an earlier version keep the shipped data as it was worded then (the catalogue's versions
// and the PAR template are loaded once; the KPI rule set comes from a migration): migration 020 rewords what users
// read without the internal brief's notes (issue 11). Each stored row is put back in its old wording, the migration
// is run again, and the row must come out exactly as the current seed words it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import pg from 'pg';
import { sql } from 'kysely';
import { kyselyFor } from '../../src/db/connect.ts';
import { testDb } from '../support/db.ts';
import { notesOf } from '../web/developer-notes.ts';

// As the owner, as migrations run (the application role may not write the rule sets).
const owner = new pg.Pool({ connectionString: (await testDb()).url, max: 2 });
const db = kyselyFor(owner);
after(() => db.destroy());
const migration = fs.readFileSync(new URL('../../src/db/migrations/020_user_facing_wording.sql', import.meta.url), 'utf8');
const rerun = () => sql.raw(migration).execute(db);

const LISTED = 'Thủ tục thuộc thẩm quyền cấp xã từ ngày 01/7/2025 (chính quyền địa phương hai cấp)';
const UNITS_NOW = 'Đơn vị xử lý theo phân công dự kiến; chưa đối chiếu quy chế làm việc của UBND xã Xuân Dương';
const UNITS_THEN = 'Đơn vị xử lý theo phân công dự kiến (domain.md §2.1); đối chiếu quy chế làm việc của UBND xã Xuân Dương';
const PROVINCIAL_NOW = 'Nghị quyết của HĐND tỉnh Thái Nguyên về phí, lệ phí; Luật Phí và lệ phí 97/2015/QH13';
const PROVINCIAL_THEN = 'Nghị quyết của HĐND tỉnh Thái Nguyên về phí, lệ phí (số hiệu cần xác minh); Luật Phí và lệ phí 97/2015/QH13';

/** The shipped wording of before, from the current one (what the earlier version stored). */
function asBefore(data: string, row: number): string {
  return data
    .replaceAll(`"${LISTED}"`, `"domain.md §6, dòng ${row}"`)
    .replaceAll(UNITS_NOW, UNITS_THEN)
    .replaceAll(PROVINCIAL_NOW, PROVINCIAL_THEN)
    .replace(/Mã thủ tục quốc gia dự kiến: ([^"]*?) \(chưa đối chiếu Cơ sở dữ liệu quốc gia về thủ tục hành chính\)/g,
      'Mã TTHC quốc gia ứng viên: $1 (nguồn thứ cấp, mã nguồn bên thứ ba; chưa kiểm chứng trên CSDL quốc gia về TTHC)')
    .replaceAll(' (các nguồn ghi khác nhau)', ' (nguồn mâu thuẫn)')
    .replaceAll('"Thông tư 75/2022/TT-BTC"', '"Thông tư 75/2022/TT-BTC (mức thu cần xác minh)"')
    .replaceAll('không do Ủy ban nhân dân xã xử lý"', 'không do Ủy ban nhân dân xã xử lý (domain.md §6)"')
    .replaceAll('"Nghị định 120/2025/NĐ-CP: các việc hộ tịch không phụ thuộc nơi cư trú"',
      '"domain.md §2.2 (Nghị định 120/2025: các việc hộ tịch không phụ thuộc nơi cư trú)"')
    .replaceAll('"Thông tư 281/2016/TT-BTC và nghị quyết HĐND tỉnh"', '"Thông tư 281/2016/TT-BTC và nghị quyết HĐND tỉnh (mức thu cần xác minh)"')
    .replaceAll('Phiên bản 2 là dữ liệu mẫu minh họa việc ban hành phiên bản mới: ngày hiệu lực và mức phí là giả định, cần thay bằng văn bản thực tế trước khi sử dụng chính thức',
      'Phiên bản 2 là dữ liệu minh họa cơ chế phiên bản (domain.md §2.10): ngày hiệu lực và mức phí giả định, thay bằng văn bản thực tế trước khi phát hành');
}

test('the catalogue stored by an earlier version is reworded exactly as the current seed, and nothing else changes', async () => {
  const rows = await db.selectFrom('procedures').select(['code', 'version', 'data']).orderBy('code').orderBy('version').execute();
  const now = new Map(rows.map((r) => [`${r.code} ${r.version}`, JSON.stringify(r.data)]));
  let reworded = 0;
  for (const [i, r] of rows.entries()) {
    const before = asBefore(JSON.stringify(r.data), i + 1);
    if (before === JSON.stringify(r.data)) continue;
    assert.ok(notesOf(JSON.parse(before)).length > 0, `${r.code}: the old wording has notes`);
    await db.updateTable('procedures').set({ data: before }).where('code', '=', r.code).where('version', '=', r.version).execute();
    reworded++;
  }
  assert.ok(reworded >= 30, `${reworded} versions had notes`);
  await rerun();
  for (const r of await db.selectFrom('procedures').select(['code', 'version', 'data']).execute()) {
    assert.deepEqual(JSON.parse(JSON.stringify(r.data)), JSON.parse(now.get(`${r.code} ${r.version}`)!), `${r.code} v${r.version}`);
  }
});

test('the KPI rule set and the PAR template of before are reworded; a commune\'s own wording is kept', async () => {
  const kpi = () => db.selectFrom('kpi_rule_sets').select(['legal_basis', 'rules']).where('commune_id', 'is', null).executeTakeFirstOrThrow();
  const par = () => db.selectFrom('par_templates').select(['legal_basis', 'note', 'data']).where('code', '=', 'CCHC-XA-TN').executeTakeFirstOrThrow();
  const rules = (await kpi()).rules as Record<string, unknown>;
  assert.deepEqual(notesOf({ legalBasis: (await kpi()).legal_basis, rules }), [], 'a new installation reads no note');
  assert.deepEqual(notesOf(await par()), []);

  // As 015_kpi.sql and the earlier PAR seed wrote them.
  const old015 = fs.readFileSync(new URL('../../src/db/migrations/015_kpi.sql', import.meta.url), 'utf8');
  const oldBasis = /VALUES \(NULL, DATE '2026-01-01',\s*'([^']*)'/.exec(old015)![1]!;
  const oldRules = JSON.parse(/\$json\$([\s\S]*?)\$json\$/.exec(old015)![1]!);
  await db.updateTable('kpi_rule_sets').set({ legal_basis: oldBasis, rules: JSON.stringify(oldRules) }).where('commune_id', 'is', null).execute();
  const p = await par();
  const oldLegal = `${p.legal_basis.replace('theo mẫu của Hà Nội;', 'theo mẫu của Hà Nội (domain.md §5);').replace(/\.$/, ' (domain.md §12 mục 5).')}`;
  const oldNote = p.note!.replace(/\.$/, ' (domain.md §5).');
  await db.updateTable('par_templates').set({
    legal_basis: oldLegal, note: oldNote, data: JSON.stringify({ ...(p.data as object), legalBasis: oldLegal, note: oldNote }),
  }).where('code', '=', 'CCHC-XA-TN').execute();
  assert.ok(notesOf({ oldBasis, oldRules, oldLegal, oldNote }).length >= 5);

  await rerun();
  const k = await kpi();
  assert.deepEqual(notesOf({ legalBasis: k.legal_basis, rules: k.rules }), []);
  assert.match(k.legal_basis, /chưa đối chiếu văn bản gốc/);
  assert.deepEqual({ ...(k.rules as object), generalBasis: undefined, bandsBasis: undefined }, { ...oldRules, generalBasis: undefined, bandsBasis: undefined });
  const q = await par();
  assert.deepEqual({ legal: q.legal_basis, note: q.note, data: q.data }, { legal: p.legal_basis, note: p.note, data: p.data });

  // A commune's own rule set (or one edited since) keeps its words.
  await db.updateTable('kpi_rule_sets').set({ legal_basis: 'Quy định riêng của xã' }).where('commune_id', 'is', null).execute();
  await rerun();
  assert.equal((await kpi()).legal_basis, 'Quy định riêng của xã');
});

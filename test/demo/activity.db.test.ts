// The demo activity generator: a year of dossiers written through the real engine, in plausible proportions, with
// intact hash chains, and only once (a second call adds nothing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { generateDemoActivity } from '../../src/demo/activity.ts';
import { index766 } from '../../src/indicators/service.ts';
import { publicFigures } from '../../src/indicators/public.ts';
import { periodOf, type PeriodSpec } from '../../src/indicators/core/periods.ts';
import { figures, figuresFromFacts } from '../../src/indicators/figures.ts';
import { buildRollup, ensureRollup } from '../../src/indicators/rollup-store.ts';
import type { SpanFigures } from '../../src/indicators/core/rollup.ts';
import { verifyDatabase } from '../../src/integrity/verify.ts';
import { chainKey } from '../../src/integrity/key-store.ts';
import { testDb } from '../support/db.ts';
import { TEST_CITIZENS } from '../../src/outside/identity-citizens.ts';

const { db } = await testDb();
const NOW = new Date('2026-12-01T03:00:00Z');

test('generates a year of consistent demo activity, once', async (t) => {
  // Xuân Dương's rollup is built before the activity (each change then moves it, in its transaction); Tân Lập's is
  // built from its facts by the first view.
  await ensureRollup(db, 'xuan-duong');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const heard: string[] = [];
  const r = await generateDemoActivity(db, NOW, undefined, (m) => heard.push(m));
  const cpu = process.cpuUsage(cpu0);
  t.diagnostic(`node cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms`);
  const ms = performance.now() - t0;
  t.diagnostic(`demo activity: ${r.dossiers} dossiers in ${Math.round(ms)} ms`);
  assert.ok(r.dossiers >= 800, `${r.dossiers} dossiers`);
  // The first start tells how far it has got: a handful of times (about every tenth of the dossiers), never per row.
  assert.ok(heard.length >= 10 && heard.length <= 20, `${heard.length} progress messages`);
  assert.ok(heard.every((m) => m.startsWith('Đang tạo dữ liệu mẫu') || m.startsWith('Đã tạo dữ liệu mẫu')), heard.join('\n'));
  const signed = await db.selectFrom('signed_documents').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  assert.ok(heard.includes(`Đang tạo dữ liệu mẫu: ${r.dossiers}/${r.dossiers} hồ sơ, ${signed.n} kết quả đã ký số…`), heard.join('\n'));
  assert.equal(heard.at(-1), `Đã tạo dữ liệu mẫu: ${r.dossiers} hồ sơ, ${signed.n} kết quả đã ký số.`);
  // Every approval signed the dossier's result (src/dossiers/result-signing.ts), once.
  const approvals = await db.selectFrom('dossier_events').select(sql<number>`count(*)::int`.as('n')).where('action', '=', 'approve').executeTakeFirstOrThrow();
  assert.equal(signed.n, approvals.n);

  const per = await db.selectFrom('dossiers').select(['commune_id', sql<number>`count(*)::int`.as('n')]).groupBy('commune_id').execute();
  const n = Object.fromEntries(per.map((p) => [p.commune_id, p.n]));
  assert.ok(n['xuan-duong']! > n['tan-lap']!, 'Xuân Dương has more');
  const range = await db.selectFrom('dossiers').select([sql<Date>`min(submitted_at)`.as('first'), sql<Date>`max(updated_at)`.as('last')]).executeTakeFirstOrThrow();
  assert.ok(range.first.getTime() >= NOW.getTime() - 366 * 86_400_000 - 86_400_000);
  assert.ok(range.last.getTime() <= NOW.getTime());

  // Every dossier has facts; every log verifies (hash chain) and its count matches the dossier's.
  const facts = await db.selectFrom('indicator_facts').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  assert.equal(facts.n, r.dossiers);
  const events = await db.selectFrom('dossier_events').select('seq').execute();
  const v = await verifyDatabase(db, chainKey(), null); // every chain, keyed, with the heads the dossiers keep
  assert.deepEqual(v.breaks, []);
  assert.equal(v.entries, events.length);

  // The 766 figures of the last 12 months are in plausible ranges.
  const year = await index766(db, { communeId: 'xuan-duong' }, { start: new Date(NOW.getTime() - 365 * 86_400_000), end: NOW }, { now: NOW });
  const rate = (id: string) => {
    const i = year.index.groups.flatMap((g) => g.indicators).find((x) => x.def.id === id);
    assert.ok(i && i.status === 'ok', `${id} computed`);
    return i.rate;
  };
  const between = (id: string, lo: number, hi: number) => {
    const v = rate(id);
    assert.ok(v !== null && v >= lo && v <= hi, `${id} = ${v} not in [${lo}, ${hi}]`);
  };
  between('2.1', 0.8, 0.97);
  between('3.6', 0.3, 0.9);
  between('4.2', 0.4, 0.95);
  between('4.3', 0.05, 0.4);
  const monthly = await index766(db, { communeId: 'xuan-duong' }, periodOf({ year: 2026, month: 11 }), { now: NOW });
  assert.ok(monthly.index.groups.length > 0);
  const ratings = await db.selectFrom('ratings').select(['overall', sql<number>`count(*)::int`.as('n')]).groupBy('overall').execute();
  const byOverall = Object.fromEntries(ratings.map((x) => [x.overall, x.n]));
  assert.ok((byOverall.very_satisfied ?? 0) + (byOverall.satisfied ?? 0) > 10 * (byOverall.dissatisfied ?? 0));
  const online = await db.selectFrom('payment_orders').select(['method', sql<number>`count(*)::int`.as('n')]).groupBy('method').execute();
  assert.deepEqual(online.map((o) => o.method).sort(), ['cash', 'exempt', 'online'], 'online and cash payments, and exemptions recorded at the desk');

  // The public page's trend (one read for the 12 months) gives each month's 2.1 rate as index766 does.
  const pub = await publicFigures(db, 'xuan-duong', { year: 2026, month: 11 }, NOW);
  assert.equal(pub.trend.length, 11);
  for (const { month, value } of pub.trend) {
    const m = await index766(db, { communeId: 'xuan-duong' }, periodOf({ year: 2026, month }), { now: NOW });
    const r = m.index.groups.flatMap((g) => g.indicators).find((x) => x.def.id === '2.1');
    assert.equal(value, r?.status === 'ok' ? r.rate : null, `trend of month ${month}`);
  }

  // On this year of real-engine history, the monthly rollup gives every month, quarter and year view the same counts,
  // 2.1 / 5.4 tally and report as the dossier-by-dossier path.
  const plain = (f: SpanFigures) => ({ counts: f.counts, tally: f.tally, report: Object.fromEntries([...f.report].sort()) });
  const specs: PeriodSpec[] = [...Array.from({ length: 12 }, (_, i) => ({ year: 2026, month: i + 1 })), { year: 2025, month: 12 },
    { year: 2026, quarter: 1 }, { year: 2026, quarter: 4 }, { year: 2026 }];
  for (const communeId of ['xuan-duong', 'tan-lap']) {
    for (const s of specs) {
      const p = periodOf(s);
      assert.deepEqual(plain(await figures(db, { communeId }, p, { byProcedure: true })), plain(await figuresFromFacts(db, { communeId }, p)), `${communeId} ${JSON.stringify(s)}`);
    }
  }

  const rollup = async () => (await sql`SELECT * FROM indicator_rollup WHERE commune_id = 'xuan-duong' AND n <> 0 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`.execute(db)).rows;
  const kept = await rollup();
  await buildRollup(db, 'xuan-duong', true);
  assert.deepEqual(await rollup(), kept, 'the rollup kept change by change = the rollup rebuilt from the facts');

  // A new user finds "Việc cần làm" filled (src/web/staff/dossier-todo.tsx): in Xuân Dương a few dossiers wait at
  // each step when the year ends, received the more recently the earlier their step.
  const chair = await db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow();
  const waiting = await db.selectFrom('dossiers as d').select(['d.id', 'd.state', 'd.signature_requested_of', 'd.current_unit_id', 'd.assignee_id', 'd.updated_at',
    sql<boolean>`EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.action = 'propose_result')`.as('proposed')])
    .where('d.commune_id', '=', 'xuan-duong').where('d.state', 'in', [1, 4, 9]).execute();
  const toReceive = waiting.filter((d) => d.state === 1);
  const toProcess = waiting.filter((d) => d.state === 4 && d.signature_requested_of === null && !d.proposed && d.assignee_id === null && d.current_unit_id !== null);
  const toSign = waiting.filter((d) => d.state === 4 && d.signature_requested_of === chair.id);
  const toReturn = waiting.filter((d) => d.state === 9);
  t.diagnostic(`waiting in Xuân Dương: ${toReceive.length} to receive, ${toProcess.length} to process, ${toSign.length} to sign, ${toReturn.length} to return`);
  for (const [name, group, lo] of [['receive', toReceive, 3], ['process', toProcess, 3], ['sign', toSign, 2], ['return', toReturn, 2]] as const) {
    assert.ok(group.length >= lo && group.length <= lo + 6, `${name}: ${group.length} waiting`);
    for (const d of group) assert.ok(d.updated_at.getTime() <= NOW.getTime() && d.updated_at.getTime() > NOW.getTime() - 30 * 86_400_000, `${name}: recent`);
  }
  // What waits for the chair is a proposal, with the result he would sign: the generated one or the attached draft.
  for (const d of toSign) assert.ok(d.proposed, 'a proposal awaits the signature');
  const unsigned = await db.selectFrom('signed_documents').select('dossier_id').where('dossier_id', 'in', toSign.map((d) => d.id)).execute();
  assert.deepEqual(unsigned, [], 'not signed yet');

  // The stand-in e-identity's first citizen finds birth certificates in her data store (results pushed on return), and
  // the returned dossiers' results are in their applicants' stores.
  const hong = await db.selectFrom('store_items').select(['type_code', 'kind', 'legal_record'])
    .where('owner_id_number', '=', TEST_CITIZENS[0]!.idNumber).execute();
  assert.ok(hong.some((i) => i.type_code === 'GIAY_KHAI_SINH' && i.kind === 'result' && i.legal_record), JSON.stringify(hong));
  const pushed = await db.selectFrom('store_items').select(sql<number>`count(DISTINCT source_dossier_id)::int`.as('n')).where('kind', '=', 'result').executeTakeFirstOrThrow();
  assert.ok(pushed.n > r.dossiers / 2, `${pushed.n} results pushed`);

  // Idempotent: a second call adds nothing.
  const quiet: string[] = [];
  assert.deepEqual(await generateDemoActivity(db, NOW, undefined, (m) => quiet.push(m)), { dossiers: 0 });
  assert.deepEqual(quiet, [], 'nothing to tell when nothing is made');
  const again = await db.selectFrom('dossiers').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  assert.equal(again.n, r.dossiers);
});

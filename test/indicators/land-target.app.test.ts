// The plan's land and construction satisfaction target (≥ 90 %): 766 indicator 5.4 over the dossiers of the land
// (DATDAI) and construction (XAYDUNG) fields only, computed from the records — it was never computed, the plan's field
// codes matching none of the catalogue's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { publicFigures } from '../../src/indicators/public.ts';
import { engine } from './support.ts';

const t = await testApp();
const { intake, act, sign } = engine(t);
const LAND = 'DD.LOCAL.001'; // first land certificate: Phòng Kinh tế, 20 working days
const diachinh = async () => String((await t.db.selectFrom('staff').select('id').where('username', '=', 'diachinh').executeTakeFirstOrThrow()).id);
const target = async (month: number) =>
  (await publicFigures(t.db, 'xuan-duong', { year: 2026, month }, new Date('2027-01-05T09:00:00+07:00'))).targets.find((s) => s.target.id === 'satisfaction-land')!;

test('a land dossier finished on time makes the land target 100 %; a late birth registration does not count in it', async () => {
  const land = await intake('2026-10-05T09:00:00+07:00', 'motcua', { procedureCode: LAND });
  await act(land, 'assign', 'motcua', '2026-10-05T09:30:00+07:00', { unitCode: 'KT', assigneeId: await diachinh() });
  await act(land, 'propose_result', 'diachinh', '2026-10-12T09:00:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện.' });
  await sign(land, 'truongkt', '2026-10-12T10:00:00+07:00', 'diachinh');
  await act(land, 'issue_result', 'diachinh', '2026-10-12T11:00:00+07:00');
  const birth = await intake('2026-10-06T09:00:00+07:00'); // same day: due at 17:00, issued two days later (late)
  await act(birth, 'assign', 'motcua', '2026-10-06T09:30:00+07:00', { unitCode: 'VHXH' });
  await act(birth, 'propose_result', 'hotich', '2026-10-08T09:00:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện.' });
  await sign(birth, 'chutich', '2026-10-08T10:00:00+07:00');
  await act(birth, 'issue_result', 'hotich', '2026-10-08T11:00:00+07:00');
  t.setNow(null);

  const october = await target(10);
  assert.equal(october.value, 1, JSON.stringify(october));
  assert.equal(october.met, true);
  const september = await target(9);
  assert.deepEqual([september.value, september.met], [null, null], 'no land or construction dossier: not known, not failed');
});

// A new dossier's indicator facts come from what its creation holds (indicators/facts.ts newDossierInputs), without
// the gathering query (issue 16, the lean intake): the inputs must be what that query reads, for every way a dossier is
// created (counter receipt, counter refusal, online filing), or the figures would drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { factsInputs } from '../../src/indicators/facts-store.ts';
import { newDossierInputs } from '../../src/indicators/facts.ts';
import { loadDossier } from '../../src/dossiers/store.ts';
import { procedureVersion } from '../../src/catalogue/store.ts';
import { communeUnits } from '../../src/org/store.ts';
import { KHAI_SINH, LAND, helpers, newCoverage } from '../dossiers/action-helpers.ts';

const t = await testApp();
const { intake, submit } = helpers(t, newCoverage());

async function compare(id: string) {
  const row = (await loadDossier(t.db, null, id))!;
  const proc = (await procedureVersion(t.db, row.procedure_code, row.procedure_version))!;
  const unit = row.current_unit_id === null ? null : (await communeUnits(t.db, row.commune_id)).codeById.get(row.current_unit_id) ?? null;
  const { old: _old, ...read } = (await factsInputs(t.db, id))!;
  const { old, ...known } = newDossierInputs(row, proc, unit);
  assert.equal(old, null);
  // The stored facts row equals what the known inputs give (what the intake wrote).
  assert.deepEqual(JSON.parse(JSON.stringify(known)), JSON.parse(JSON.stringify(read)));
}

test('the facts of a new dossier are decided from the same inputs the gathering query reads', async () => {
  const received = await intake(KHAI_SINH, '2026-12-21T08:00');
  assert.equal(received.status, 201);
  await compare(received.body.id);
  const land = await intake(LAND, '2026-12-21T08:10');
  await compare(land.body.id);
  const refused = await intake(KHAI_SINH, '2026-12-21T08:20', 'motcua', { action: 'refuse_receipt', reason: 'Không thuộc thẩm quyền' });
  assert.equal(refused.status, 201);
  await compare(refused.body.id);
  const online = await submit(KHAI_SINH, '2026-12-21T08:30');
  assert.ok(online.status < 300, JSON.stringify(online.body));
});

// The plan's targets as data (domain.md §11) and 5.4 (domain.md §4).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { OWN_MEASURES, PLAN_TARGETS, measureName, targetStatus } from '../../src/indicators/core/targets.ts';
import { notesOf } from '../web/developer-notes.ts';
import { satisfactionMeasure } from '../../src/indicators/core/satisfaction.ts';
import { INDEX_766_VERSIONS, index766At } from '../../src/indicators/core/index766-data.ts';

const plan = fs.readFileSync(new URL('../../docs/plan/ke-hoach-cchc-xa-xuan-duong-2026-2030.md', import.meta.url), 'utf8').split('\n');

describe('plan targets', () => {
  it('each target quotes the plan line it cites and names a known measure, or says why none', () => {
    const known = new Set(index766At('2026-12-01').indicators.map((d) => d.id));
    for (const t of PLAN_TARGETS) {
      const line = Number(/dòng (\d+)/.exec(t.planRef)![1]);
      const words = t.text.replace(/…/g, '').split(/\s+/).slice(0, 4).join(' ');
      assert.ok(plan[line - 1]!.toLowerCase().includes(words.replace(/\.$/, '').toLowerCase()), `${t.id}: line ${line} says "${plan[line - 1]}"`);
      if (t.measure && /^\d/.test(t.measure)) assert.ok(known.has(t.measure), `${t.id}: ${t.measure}`);
      assert.ok(t.definition.length > 20);
    }
    assert.ok(PLAN_TARGETS.some((t) => t.measure === null), 'unmeasurable targets are listed as such');
  });
  it('what staff read has no developer note, and each measure has a Vietnamese name, never its key (issue 11)', () => {
    assert.deepEqual(notesOf(PLAN_TARGETS.map((t) => ({ text: t.text, definition: t.definition }))), []);
    assert.deepEqual(notesOf(INDEX_766_VERSIONS.map((v) => ({ legalBasis: v.legalBasis, groups: v.groups, indicators: v.indicators }))), []);
    for (const t of PLAN_TARGETS.filter((x) => x.measure)) {
      const name = measureName(t.measure!);
      assert.notEqual(name, t.measure, t.id);
      assert.doesNotMatch(name, /[a-z]+-[a-z]+/, t.id);
      if (!OWN_MEASURES[t.measure!]) assert.match(name, new RegExp(`^Chỉ số ${t.measure!.replace('.', '\\.')} theo Quyết định 766/QĐ-TTg: `), t.id);
    }
    assert.equal(measureName('satisfaction-published'), 'Công khai kết quả đánh giá mức độ hài lòng');
  });
  it('status: met at or above the target, the gap otherwise, nothing when not measurable', () => {
    const pay = PLAN_TARGETS.find((t) => t.id === 'payments-online')!;
    assert.deepEqual([targetStatus(pay, 0.8).met, targetStatus(pay, 0.8).gap], [true, 0]);
    assert.deepEqual([targetStatus(pay, 0.62).met, targetStatus(pay, 0.62).gap], [false, 0.18]);
    assert.equal(targetStatus(pay, null).met, null);
    const vneid = PLAN_TARGETS.find((t) => t.id === 'vneid-accounts')!;
    assert.equal(targetStatus(vneid, 0.99).met, null);
  });
});

describe('5.4 satisfaction', () => {
  it('100 % − (late % + complained %), floored at 0', () => {
    assert.deepEqual(satisfactionMeasure({ dossiers: 200, late: 6, complained: 4 }), { numerator: 190, denominator: 200 });
    assert.deepEqual(satisfactionMeasure({ dossiers: 10, late: 6, complained: 6 }), { numerator: 0, denominator: 10 });
    assert.deepEqual(satisfactionMeasure({ dossiers: 0, late: 0, complained: 0 }), { numerator: 0, denominator: 0 });
    assert.throws(() => satisfactionMeasure({ dossiers: 3, late: 4, complained: 0 }));
  });
});

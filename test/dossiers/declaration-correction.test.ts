// Who may correct a declaration and when (the action table's correct_declaration row and its precondition, asked by
// core/declaration.ts correctionCheck as the declaration API answers), what a correction stores (correctedAnswers)
// and what the history names (changedFields, actionLabel: the table's label). Pure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changedFields, correctedAnswers, correctionCheck, type DeclaredForm } from '../../src/dossiers/core/declaration.ts';
import { actionLabel } from '../../src/dossiers/core/index.ts';
import type { DossierProjection, StateCode } from '../../src/dossiers/core/index.ts';

const at = (state: StateCode, over: Partial<DossierProjection> = {}): DossierProjection => ({
  state, receivedAt: state === 1 ? null : new Date('2026-12-07T02:00:00.000Z'), approvedBy: null, assigneeId: '7', currentUnitCode: 'VHXH',
  applicantId: null, ...over,
} as DossierProjection);
const desk = { id: '3', roles: ['receiving_officer'], unitCode: 'TTPVHCC' };
const specialist = { id: '7', roles: ['specialist'], unitCode: 'VHXH' };
const colleague = { id: '8', roles: ['specialist'], unitCode: 'VHXH' };
const head = { id: '9', roles: ['unit_head'], unitCode: 'VHXH' };
const otherHead = { id: '10', roles: ['unit_head'], unitCode: 'KT' };
const ok = (r: ReturnType<typeof correctionCheck>) => (r.ok ? r.role : r.code);

test('the desk corrects before and at receipt; the assigned specialist and the unit head while processing', () => {
  assert.equal(ok(correctionCheck(at(1), desk)), 'receiving_officer');
  assert.equal(ok(correctionCheck(at(2), desk)), 'receiving_officer');
  assert.equal(ok(correctionCheck(at(5, { receivedAt: null }), desk)), 'receiving_officer', 'supplement asked before receipt');
  assert.equal(ok(correctionCheck(at(4), desk)), 'CORRECTION_NOT_ALLOWED');
  assert.equal(ok(correctionCheck(at(4), specialist)), 'specialist');
  assert.equal(ok(correctionCheck(at(5), specialist)), 'specialist');
  assert.equal(ok(correctionCheck(at(6), specialist)), 'specialist');
  assert.equal(ok(correctionCheck(at(4), colleague)), 'CORRECTION_NOT_ALLOWED', 'not assigned to them');
  assert.equal(ok(correctionCheck(at(1), specialist)), 'CORRECTION_NOT_ALLOWED');
  assert.equal(ok(correctionCheck(at(4), head)), 'unit_head');
  assert.equal(ok(correctionCheck(at(4), otherHead)), 'CORRECTION_NOT_ALLOWED');
  assert.equal(ok(correctionCheck(at(2), head)), 'CORRECTION_NOT_ALLOWED', 'not yet routed: the desk corrects');
  assert.equal(ok(correctionCheck(at(4), { id: '11', roles: ['leader'], unitCode: 'UBND' })), 'CORRECTION_NOT_ALLOWED');
  // An officer with two roles acts in the one that fits now.
  assert.equal(ok(correctionCheck(at(4), { id: '9', roles: ['receiving_officer', 'unit_head'], unitCode: 'VHXH' })), 'unit_head');
});

test('the refusal names who may correct: the desk before routing, the assigned specialist or the unit head after', () => {
  const r1 = correctionCheck(at(1), specialist);
  assert.ok(!r1.ok && /cán bộ tiếp nhận một cửa/.test(r1.message));
  const r4 = correctionCheck(at(4), desk);
  assert.ok(!r4.ok && /chuyên viên được giao xử lý/.test(r4.message));
});

test('nobody corrects once the decision is approved or the dossier is closed (409)', () => {
  const decided = correctionCheck(at(4, { approvedBy: '9' }), specialist);
  assert.deepEqual(decided.ok ? null : [decided.status, decided.code], [409, 'DECLARATION_LOCKED']);
  for (const s of [3, 7, 8, 9, 10] as StateCode[]) {
    for (const who of [desk, specialist, head]) assert.equal(ok(correctionCheck(at(s), who)), 'DECLARATION_LOCKED', `state ${s}`);
  }
});

const FORM: DeclaredForm = {
  componentCode: 'TO_KHAI', componentName: 'Tờ khai', templateId: 't',
  fields: [
    { name: 'requesterFullName', label: 'Họ tên người yêu cầu', type: 'text', required: true },
    { name: 'childFullName', label: 'Họ, chữ đệm, tên của trẻ', type: 'text', required: true },
    { name: 'childGender', label: 'Giới tính', type: 'text', required: true },
  ],
  answers: { requesterFullName: 'Lê Thị Hồng', childFullName: 'Khang', childGender: 'Nam' },
};

test('a correction keeps the requester’s fields and the forms not given; it names the answers it changed', () => {
  const out = correctedAnswers([FORM], { TO_KHAI: { requesterFullName: 'Người khác', childFullName: 'Khôi', childGender: 'Nam' } });
  assert.deepEqual(out, { TO_KHAI: { requesterFullName: 'Lê Thị Hồng', childFullName: 'Khôi', childGender: 'Nam' } });
  assert.deepEqual(correctedAnswers([FORM], {}), { TO_KHAI: FORM.answers });
  assert.deepEqual(changedFields([FORM], [{ ...FORM, answers: out.TO_KHAI! }]), ['Họ, chữ đệm, tên của trẻ']);
  assert.equal(actionLabel('correct_declaration'), 'Sửa tờ khai');
  assert.equal(actionLabel('assign'), 'Chuyển hồ sơ đến đơn vị, cán bộ xử lý');
});

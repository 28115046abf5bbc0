// The result templates without a database: every civil-status (hộ tịch) and certification (chứng thực) procedure of
// the catalogue has one, filled from a sample declaration; missing answers print as blanks; a 'reject' proposal
// makes the written refusal; a procedure without a template gets the generic result; the PDF carries the child's
// name with its diacritics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedProcedures } from '../../src/catalogue/seed/index.ts';
import type { FormField, ProcedureVersionInput } from '../../src/catalogue/core/types.ts';
import { declare, viewForms, type FormAnswers } from '../../src/dossiers/core/declaration.ts';
import type { OrgFacts } from '../../src/documents/core/model.ts';
import { BLANK } from '../../src/documents/core/format.ts';
import { answersOf, buildResult, REFUSAL_BASIS, type ResultFacts } from '../../src/results/core/build.ts';
import { GENERIC_TITLE, REFUSAL_TITLE, RESULT_TEMPLATES } from '../../src/results/core/templates.ts';
import { renderResult } from '../../src/results/render.ts';
import { flat, pdfText, skipWithoutPoppler } from '../documents/pdf-helpers.ts';

const org: OrgFacts = { communeName: 'Xã Xuân Dương', units: new Map(), staff: new Map() };
const now = new Date('2026-03-05T03:00:00Z');

function sample(f: FormField): string {
  if (f.name === 'childFullName') return 'Nguyễn Thị Hoà Ánh';
  switch (f.type) {
    case 'date': return '15/01/2026';
    case 'id_number': return '001203004567';
    case 'phone': return '0912345678';
    case 'email': return 'dan@example.vn';
    case 'number': return '2';
    case 'select': return f.options?.[0] ?? 'Có';
    default:
      if (/Ethnicity$/.test(f.name)) return 'Kinh';
      if (/Nationality$|Country$/.test(f.name)) return 'Việt Nam';
      return `Giá trị ${f.name}`;
  }
}

function facts(p: ProcedureVersionInput, filled: boolean, over: Partial<ResultFacts> = {}): ResultFacts {
  const answers: FormAnswers = {};
  for (const c of p.components) {
    if (!c.form) continue;
    answers[c.code] = filled ? Object.fromEntries(c.form.fields.map((f) => [f.name, sample(f)])) : {};
  }
  const { declaration } = declare({ version: 1, components: p.components }, answers);
  return {
    procedure: p, code: '000.DEMO.XD.H55-260305-0001', reference: 'ABCD-1234',
    applicant: { name: 'Trần Văn Bình', address: 'Thôn Đông, xã Xuân Dương' },
    ...answersOf(viewForms(declaration)), org, proposal: { outcome: 'approve', text: 'Đề nghị giải quyết.' }, now, ...over,
  };
}

const fieldLines = (m: ReturnType<typeof buildResult>['model']) =>
  m.blocks.filter((b) => b.type === 'paragraph' && b.runs.length === 2 && b.runs[0]!.text.endsWith(': '))
    .map((b) => (b.type === 'paragraph' ? b.runs.map((r) => r.text).join('') : ''));

const civilAndCertification = seedProcedures.filter((p) => p.field.code === 'HOTICH' || p.field.code === 'CHUNGTHUC');

test('every civil-status and certification procedure of the catalogue has a template', () => {
  assert.ok(civilAndCertification.length >= 20);
  for (const p of civilAndCertification) assert.ok(RESULT_TEMPLATES[p.code], `${p.code} ${p.name} has no result template`);
});

test('each template yields a title and its lines filled from a sample declaration', () => {
  for (const p of civilAndCertification) {
    const r = buildResult(facts(p, true));
    assert.equal(r.kind, 'template', p.code);
    assert.ok(r.title.trim().length > 0, p.code);
    const lines = fieldLines(r.model);
    assert.ok(lines.length >= 3, `${p.code}: ${lines.length} lines`);
    const filled = lines.filter((l) => !l.endsWith(BLANK));
    assert.ok(filled.length >= 2, `${p.code}: ${JSON.stringify(lines)}`);
    // Every e-form field a template names exists in the procedure's e-form (no line that can never be filled).
    const names = new Set(p.components.flatMap((c) => c.form?.fields.map((f) => f.name) ?? []));
    for (const s of RESULT_TEMPLATES[p.code]!.sections) {
      for (const l of s.lines) if (!l.from.startsWith('$')) assert.ok(names.has(l.from), `${p.code}: no field ${l.from}`);
    }
  }
});

test('missing answers print as blanks to fill in, never as "undefined" or "null"', () => {
  for (const p of civilAndCertification) {
    const r = buildResult(facts(p, false));
    const text = r.model.blocks.flatMap((b) => (b.type === 'paragraph' ? b.runs.map((x) => x.text) : [])).join('\n');
    assert.doesNotMatch(text, /undefined|null|NaN|Không khai/, p.code);
    if (p.components.some((c) => c.form)) assert.ok(fieldLines(r.model).some((l) => l.endsWith(BLANK)), p.code);
  }
});

test('a proposal to refuse makes the written refusal, with the reason and the legal basis', () => {
  const p = seedProcedures.find((x) => x.code === '1.001193')!;
  const r = buildResult(facts(p, true, { proposal: { outcome: 'reject', text: 'Người yêu cầu không có quan hệ với trẻ.' } }));
  assert.equal(r.kind, 'refusal');
  assert.equal(r.title, REFUSAL_TITLE);
  const text = JSON.stringify(r.model.blocks);
  assert.match(text, /Người yêu cầu không có quan hệ với trẻ\./);
  assert.ok(text.includes(REFUSAL_BASIS));
  assert.match(text, /Trần Văn Bình/);
});

test('a procedure without a template gets the generic result with the declaration\'s answers', () => {
  const p = seedProcedures.find((x) => x.field.code !== 'HOTICH' && x.field.code !== 'CHUNGTHUC' && x.components.some((c) => c.form))!;
  assert.ok(!RESULT_TEMPLATES[p.code]);
  const r = buildResult(facts(p, true));
  assert.equal(r.kind, 'generic');
  assert.ok(r.title.startsWith(GENERIC_TITLE));
  assert.equal(r.model.title.text, GENERIC_TITLE.toLocaleUpperCase('vi'));
  assert.ok(fieldLines(r.model).length > 4);
});

test('the birth certificate as PDF: the child\'s name with its diacritics, the motto, the commune', async (t) => {
  const p = seedProcedures.find((x) => x.code === '1.001193')!;
  const r = buildResult(facts(p, true));
  assert.equal(r.title, 'Giấy khai sinh');
  const pdf = await renderResult(r);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  if (skipWithoutPoppler(t)) return;
  const text = flat(pdfText(pdf));
  assert.ok(text.includes('Nguyễn Thị Hoà Ánh'.normalize('NFC')), text);
  assert.ok(text.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
  assert.ok(text.includes('Độc lập - Tự do - Hạnh phúc'));
  assert.ok(text.includes('ỦY BAN NHÂN DÂN XÃ XUÂN DƯƠNG'));
  assert.ok(text.includes('GIẤY KHAI SINH'));
});

test('the grounds of a result are the laws that decide it, not the fee circulars', () => {
  for (const p of civilAndCertification) {
    const text = buildResult(facts(p, true)).model.blocks
      .flatMap((b) => (b.type === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : []))
      .filter((t) => t.startsWith('Căn cứ'));
    assert.ok(text.length >= 1, `${p.code}: no grounds`);
    for (const t of text) assert.doesNotMatch(t, /TT-BTC|NQ-HĐND/, `${p.code}: ${t}`);
  }
});

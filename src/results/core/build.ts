// Builds a dossier's result document from its procedure's template (templates.ts), its declaration and its facts;
// the written refusal when the proposal is to refuse; the generic result for a procedure without a template. Pure:
// facts in, the documents' model out (drawn by src/documents/pdf.ts). Missing answers print as blanks to fill in
// (BLANK), never as "undefined". The signer's block is left blank: the signing step stamps the digital signature
// (code, QR) on the last page.
import { BLANK, dateShort, upper } from '../../documents/core/format.ts';
import {
  b, communeRef, field, header, i, p,
  type Block, type DocumentModel, type FormInfo, type OrgFacts, type Signer,
} from '../../documents/core/model.ts';
import type { FormView } from '../../dossiers/core/declaration.ts';
import { GENERIC_TITLE, REFUSAL_TITLE, templateOf, type ResultTemplate, type Source } from './templates.ts';

/** One answer of the declaration: as stored (null when not given) and as a person reads it. */
export interface Answer {
  readonly value: string | null;
  readonly text: string;
}

export interface DeclaredSection {
  readonly title: string;
  readonly fields: readonly { readonly label: string; readonly value: string | null; readonly text: string }[];
}

export interface ResultFacts {
  readonly procedure: {
    readonly code: string;
    readonly name: string;
    readonly resultType: string;
    readonly legalBasis: readonly { readonly document: string; readonly article?: string }[];
  };
  /** The dossier code, or its reference before it has one. */
  readonly code: string | null;
  readonly reference: string;
  readonly applicant: { readonly name: string; readonly address: string | null };
  /** The declaration's answers by field name (all its forms). */
  readonly answers: Readonly<Record<string, Answer>>;
  /** The declaration by sections (the generic result lists them). */
  readonly declared: readonly DeclaredSection[];
  readonly org: OrgFacts;
  /** The specialist's proposal, if any: 'reject' makes the result a written refusal. */
  readonly proposal: { readonly outcome: 'approve' | 'reject'; readonly text: string } | null;
  readonly now: Date;
}

export type ResultKind = 'template' | 'generic' | 'refusal';

export interface ResultDocument {
  readonly kind: ResultKind;
  /** How the verification page names the document. */
  readonly title: string;
  readonly model: DocumentModel;
}

/** Legal basis of a refusal to settle a dossier: the one-stop decree (Nghị định 118/2025/NĐ-CP: a dossier that does
 *  not qualify is answered in writing with the reasons). */
export const REFUSAL_BASIS = 'Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông';

const CHAIR: Signer = { title: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], note: '(Ký, ghi rõ họ tên)' };

/** The result is not one of the desk's forms (core/model.ts FORMS): it borrows a form record for the renderer,
 *  which reads only its title, legal basis and number code. */
function formOf(title: string, numberCode: string, legalBasis: string): FormInfo {
  return { id: 'receipt', officialNumber: null, listNumber: 0, title, numberCode, fileStem: 'ket-qua', legalBasis };
}

const authority = (org: OrgFacts) => `Ủy ban nhân dân ${communeRef(org)}`;
const dossierName = (f: ResultFacts) => f.code ?? f.reference;
const requestOf = (f: ResultFacts) => `${f.procedure.name} (mã thủ tục ${f.procedure.code})`;

/** The declaration's answers by field name, and its sections (declarationOf's forms, or viewForms of a declaration). */
export function answersOf(forms: readonly FormView[]): Pick<ResultFacts, 'answers' | 'declared'> {
  const answers: Record<string, Answer> = {};
  const declared: DeclaredSection[] = [];
  for (const form of forms) {
    for (const s of form.sections) {
      declared.push({ title: s.title, fields: s.fields.map((f) => ({ label: f.label, value: f.value, text: f.text })) });
      for (const f of s.fields) answers[f.name] = { value: f.value, text: f.text };
    }
  }
  return { answers, declared };
}

/** The value of a template line; null (a blank) when the declaration does not give it. */
export function valueOf(f: ResultFacts, from: Source): string | null {
  switch (from) {
    case '$applicantName': return f.applicant.name;
    case '$applicantAddress': return f.applicant.address;
    case '$authority': return authority(f.org);
    case '$today': return dateShort(f.now);
    case '$code': return dossierName(f);
    case '$procedureName': return f.procedure.name;
    default: {
      const a = f.answers[from];
      return a && a.value ? a.text : null;
    }
  }
}

/** "Căn cứ …" lines: the procedure's legal basis (at most three documents). */
/** Fee instruments (Bộ Tài chính circulars, HĐND resolutions on fees) ground the fee, not the decision. */
const FEE_INSTRUMENT = /TT-BTC|NQ-HĐND/;

function grounds(f: ResultFacts): Block[] {
  const decisive = f.procedure.legalBasis.filter((l) => !FEE_INSTRUMENT.test(l.document));
  const docs = [...new Set(decisive.map((l) => (l.article ? `${l.article} ${l.document}` : l.document)))].slice(0, 3);
  return docs.map((d) => ({ type: 'paragraph', runs: [i(`Căn cứ ${d};`)], indent: true }));
}

function model(f: ResultFacts, o: { title: string; numberCode: string; legalBasis: string; lines?: string[]; blocks: Block[]; signer: Signer }): DocumentModel {
  return {
    form: formOf(o.title, o.numberCode, o.legalBasis),
    orientation: 'portrait',
    header: header(f.org, formOf(o.title, o.numberCode, o.legalBasis), null, f.code, f.now),
    title: { text: upper(o.title), lines: (o.lines ?? []).map((t) => b(t)) },
    qr: null,
    blocks: [...o.blocks, { type: 'space', size: 6 }, { type: 'signatures', signers: [null, o.signer] }],
    fileName: `ket-qua-${dossierName(f).replace(/[^A-Za-z0-9.-]/g, '_')}.pdf`,
    generatedAt: f.now,
  };
}

function fromTemplate(f: ResultFacts, t: ResultTemplate): ResultDocument {
  const blocks: Block[] = [...grounds(f), ...(t.intro ? [p(t.intro)] : [])];
  for (const s of t.sections) {
    if (s.title) blocks.push(p(b(`${s.title}:`)));
    for (const l of s.lines) blocks.push(field(l.label, valueOf(f, l.from)));
  }
  for (const c of t.closing ?? []) blocks.push(p(i(c)));
  const signer: Signer = { title: t.signer, note: '(Ký, ghi rõ họ, chữ đệm, tên, chức vụ)' };
  return {
    kind: 'template', title: t.title,
    model: model(f, { title: t.title, numberCode: t.numberCode, legalBasis: f.procedure.legalBasis.map((l) => l.document).join('; '), blocks, signer }),
  };
}

function generic(f: ResultFacts): ResultDocument {
  const blocks: Block[] = [
    ...grounds(f),
    p(`${authority(f.org)} giải quyết hồ sơ của:`),
    field('Ông/Bà', f.applicant.name, true),
    field('Địa chỉ', f.applicant.address),
    field('Mã hồ sơ', dossierName(f), true),
    field('Nội dung yêu cầu giải quyết', requestOf(f)),
    field('Kết quả', f.procedure.resultType),
  ];
  for (const s of f.declared) {
    blocks.push(p(b(`${s.title}:`)));
    for (const a of s.fields) blocks.push(field(a.label, a.value ? a.text : null));
  }
  if (f.proposal?.outcome === 'approve' && f.proposal.text.trim()) blocks.push(field('Nội dung giải quyết', f.proposal.text.trim()));
  const title = `${GENERIC_TITLE}: ${f.procedure.name}`.slice(0, 300);
  return {
    kind: 'generic', title,
    model: model(f, {
      title: GENERIC_TITLE, numberCode: 'KQ', legalBasis: f.procedure.legalBasis.map((l) => l.document).join('; '),
      lines: [`Về việc: ${f.procedure.name}`], blocks, signer: CHAIR,
    }),
  };
}

/** The written refusal to settle a dossier (the proposal's text is the reason). */
function refusal(f: ResultFacts): ResultDocument {
  const blocks: Block[] = [
    { type: 'paragraph', runs: [{ text: 'Kính gửi: ' }, b(`Ông/Bà ${f.applicant.name}`)], align: 'center' },
    p(i(`Căn cứ ${REFUSAL_BASIS};`)),
    ...grounds(f),
    field('Mã hồ sơ', dossierName(f), true),
    field('Nội dung yêu cầu giải quyết', requestOf(f), true),
    p(`Sau khi xem xét hồ sơ, ${authority(f.org)} không giải quyết hồ sơ nêu trên với lý do cụ thể như sau:`),
    { type: 'paragraph', runs: [b(f.proposal?.text.trim() || BLANK)], indent: true, align: 'justify' },
    p('Nếu không đồng ý, ông/bà có quyền khiếu nại theo quy định của Luật Khiếu nại.'),
    p('Xin thông báo để ông/bà được biết.'),
  ];
  return {
    kind: 'refusal', title: REFUSAL_TITLE,
    model: model(f, { title: REFUSAL_TITLE, numberCode: 'TCGQ', legalBasis: REFUSAL_BASIS, lines: [`Về việc: ${f.procedure.name}`], blocks, signer: CHAIR }),
  };
}

/** The dossier's result document: the refusal for a 'reject' proposal, else the procedure's template or the generic one. */
export function buildResult(f: ResultFacts): ResultDocument {
  if (f.proposal?.outcome === 'reject') return refusal(f);
  const t = templateOf(f.procedure.code);
  return t ? fromTemplate(f, t) : generic(f);
}

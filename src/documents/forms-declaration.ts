// The filled declaration (tờ khai): the applicant's form as the procedure's e-form defines it (title, sections,
// labels as filed), with the answers in force (the applicant's, or an officer's correction, said at the foot). One
// document per e-form component; the national name on top (a citizen's form has no issuing body), "Kính gửi" the
// commune's People's Committee, the applicant's pledge and their signature block. Answers not given are blanks to
// fill in by hand. Built from the facts and the declaration read by the documents' routes.
import type { DeclarationView } from '../dossiers/declaration.ts';
import { NOT_DECLARED } from '../dossiers/core/answers.ts';
import { BLANK, placeDate, timeCompact, upper } from './core/format.ts';
import { FORMS, b, communeRef, fileName, i, keyOf, p, qrFor, type Block, type BuildContext, type DocumentModel, type DossierFacts } from './core/model.ts';

/** Luật Hộ tịch 2014 and the civil-status forms (TT 04/2020/TT-BTP) end every tờ khai with this pledge. */
const PLEDGE = 'Tôi cam đoan nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.';

const SOURCE: Record<string, string> = {
  online: 'Người yêu cầu khai trực tuyến',
  counter: 'Khai tại Bộ phận Một cửa',
  correction: 'Cán bộ sửa',
};

type Declared = Pick<DeclarationView, 'forms' | 'source' | 'recordedAt' | 'revisions' | 'corrected'>;

/** The tờ khai of one e-form component (the first when not named); null when the dossier has no declaration. */
export function declarationForm(d: DossierFacts, decl: Declared | null, ctx: BuildContext, component?: string): DocumentModel | null {
  const f = decl && (component ? decl.forms.find((x) => x.componentCode === component) : decl.forms[0]);
  if (!decl || !f) return null;
  const form = { ...FORMS['to-khai'], title: f.componentName };
  const filedAt = new Date(decl.revisions[0]?.recordedAt ?? decl.recordedAt);
  const requester = f.sections.flatMap((s) => s.fields).find((x) => x.name === 'requesterFullName');
  const blocks: Block[] = [];
  for (const s of f.sections) {
    blocks.push(p(b(s.title)));
    // Not given: a blank to fill in by hand; hidden from this reader (ID numbers): why.
    for (const x of s.fields) blocks.push(p(`${x.label}: `, x.value ? b(x.text) : x.text === NOT_DECLARED ? BLANK : i(x.text)));
  }
  const corrected = decl.corrected;
  const foot = [
    `Mã hồ sơ: ${keyOf(d)}. ${SOURCE[decl.revisions[0]?.source ?? decl.source] ?? SOURCE.online} lúc ${timeCompact(filedAt)}.`,
    ...(corrected ? [`Nội dung đã được ${corrected.byName ? `cán bộ ${corrected.byName}` : 'cán bộ'} sửa lúc ${timeCompact(new Date(corrected.at))}${corrected.reason ? ` (lý do: ${corrected.reason})` : ''}.`] : []),
  ];
  blocks.push(
    { type: 'space', size: 6 },
    p(i(PLEDGE)),
    { type: 'space', size: 6 },
    { type: 'paragraph', runs: [i(placeDate(d.org.communeName, filedAt))], align: 'center' },
    {
      type: 'signatures',
      signers: [null, { title: ['NGƯỜI YÊU CẦU'], note: '(Ký, ghi rõ họ, chữ đệm, tên)', ...(requester?.value ? { name: requester.text } : {}) }],
    },
    { type: 'space', size: 8 },
    ...foot.map((line): Block => ({ type: 'paragraph', small: true, runs: [i(line)] })),
  );
  return {
    form, orientation: 'portrait',
    header: { agency: [], number: '', placeDate: '' },
    title: { text: upper(f.componentName), lines: [{ text: `Kính gửi: Ủy ban nhân dân ${communeRef(d.org)}` }] },
    qr: qrFor(d, ctx), blocks,
    fileName: fileName(form, keyOf(d)), generatedAt: ctx.now,
  };
}


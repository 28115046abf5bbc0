// The documents of the receipt check (domain.md §2.5 step 2, §2.6 items 1–3): the receipt and appointment slip,
// the supplement request and the refusal. Pure: facts in, document model out; null when the dossier has no event
// the document could be about. The receipt also prints who filed it (core/identity.ts): the reason a counter dossier
// has no ID number, and for a dossier filed for someone else (nộp thay) the filer as the person the dossier is
// received from, with the authoriser's block and the authorisation paper (BM.01, TT 03/2025 Phụ lục I).
import { describeProcessingTime } from '../catalogue/core/time.ts';
import { BLANK, KIND_LABELS, count2, timeWords, upper, vnYear } from './core/format.ts';
import {
  FORMS, applicantBlocks, b, communeRef, contactPhone, field, fileName, header, i, instant, keyOf, p, pickEvent, qrFor, requestText,
  staffName, text, texts, unitInCommune, unitName,
  type Block, type BuildContext, type DocumentModel, type DossierFacts, type ListItem, type Signer,
} from './core/model.ts';
import { waiverText, type FiledDossierFacts } from './core/identity.ts';
import { AUTHORISATION_CODE } from '../identity/citizens/core/filing.ts';
import { lcFirst } from '../dossiers/core/answers.ts';
import { chosenTimeCase, statutoryTime } from '../dossiers/core/time-cases.ts';

const SIGN = '(Ký, ghi rõ họ tên)';

/** The components handed in: every required one, and any other with an attached file; files listed under each. */
function componentItems(d: DossierFacts): ListItem[] {
  const known = new Set(d.procedure.components.map((c) => c.code));
  const items: ListItem[] = [];
  // Received at the counter with its checklist: what was ticked, with the copies counted (none for a paper shown).
  const received = d.received?.length ? new Map(d.received.map((r) => [r.componentCode, r.copies])) : null;
  for (const c of d.procedure.components) {
    const attached = d.files.filter((f) => f.componentCode === c.code);
    if (received ? !received.has(c.code) && attached.length === 0 : !c.required && attached.length === 0) continue;
    const n = c.kind === 'shown' ? 0 : (received?.get(c.code) ?? c.copies);
    const copies = n > 0 ? `, số lượng: ${count2(n)}` : '';
    items.push({
      text: `${c.name} (${KIND_LABELS[c.kind]}${copies})`,
      details: attached.map((f) => `Tệp đính kèm: ${f.fileName}`),
    });
  }
  const others = d.files.filter((f) => !known.has(f.componentCode));
  if (others.length) items.push({ text: 'Giấy tờ khác', details: others.map((f) => `Tệp đính kèm: ${f.fileName}`) });
  return items;
}

/** Where the result will be received, from the channel of filing (the applicant's choice is not recorded yet). */
function returnPlace(d: DossierFacts): string {
  const desk = unitInCommune(d.org, d.receivingUnitCode);
  switch (d.channel) {
    case 'direct':
      return desk;
    case 'online':
      return `Trực tuyến trên Cổng Dịch vụ công quốc gia${d.procedure.flags.returnsPaperResult ? `; bản giấy nhận tại ${desk}` : ''}`;
    case 'postal':
      return `Qua dịch vụ bưu chính công ích, theo địa chỉ: ${d.applicant.address ?? BLANK}`;
  }
}

function applicantSigner(d: DossierFacts): Signer {
  return { title: ['NGƯỜI NỘP HỒ SƠ'], note: SIGN, name: d.applicant.name };
}

const HIDDEN_ID = '(không hiển thị: người in không có quyền xem số định danh)';
const ID_LABEL = 'Số định danh cá nhân/tổ chức';

/** The applicant's block; without an ID number, its row says the reason recorded at the counter. */
function applicantOf(d: FiledDossierFacts, label?: string): Block[] {
  const [name, ...rest] = applicantBlocks(d, { label, idNumber: false });
  const a = d.applicant;
  const id = d.hasIdNumber === false && d.idWaiver ? waiverText(d.idWaiver) : a.idHidden ? HIDDEN_ID : a.idNumber;
  return [name!, field(ID_LABEL, id), ...rest];
}

/** Whom the dossier is received from. Filed for someone else: the authorised person (as their e-identity says, the
 *  one who files), then the authoriser, whose dossier it is, with the authorisation paper. */
function receivedFrom(d: FiledDossierFacts): Block[] {
  const by = d.authorised;
  if (!by) return applicantOf(d);
  const papers = d.files.filter((f) => f.componentCode === AUTHORISATION_CODE).map((f) => f.fileName);
  return [
    field('Ông/Bà', by.name, true),
    field(ID_LABEL, by.idNumber ?? (d.applicant.idHidden ? HIDDEN_ID : null)),
    p(i('Là người được ủy quyền nộp hồ sơ, đã xác thực bằng tài khoản định danh điện tử.')),
    p(b('Trường hợp được ủy quyền, thông tin người ủy quyền:')),
    ...applicantOf(d),
    field('Văn bản ủy quyền', papers.length ? `Tệp đính kèm: ${papers.join(', ')}` : null),
  ];
}

/** How the receipt's reader looks the dossier up: the last 4 digits of the ID number, or of the phone without one. */
function lookupLine(d: FiledDossierFacts): string {
  const digits = d.hasIdNumber === false
    ? '4 số cuối số điện thoại đã khai khi nộp hồ sơ'
    : d.authorised ? '4 số cuối số định danh cá nhân của người ủy quyền' : '4 số cuối của giấy tờ tùy thân';
  return 'Tra cứu hồ sơ, đánh giá sự hài lòng khi có kết quả: quét mã QR trên giấy này hoặc vào trang tra cứu của '
    + `Cổng dịch vụ công của xã, nhập mã hồ sơ và ${digits}.`;
}

/** 1. Giấy tiếp nhận hồ sơ và hẹn trả kết quả (BM.01): at receipt, at the counter or of an online submission. */
export function receipt(d: FiledDossierFacts, ctx: BuildContext): DocumentModel | null {
  const ev = pickEvent(d, ['receive_counter', 'receive_online'], ctx.seq);
  if (!ev || !d.code) return null;
  const form = FORMS.receipt;
  const org = d.org;
  const desk = d.receivingUnitCode ?? ev.actorUnit;
  // The time of the case chosen at receipt (a case with its own statutory time: catalogue `timeVariants`), else the default.
  const chosen = chosenTimeCase(d.procedure.timeVariants, typeof ev.changes.timeCase === 'string' ? ev.changes.timeCase : null);
  const time = statutoryTime(d.procedure, d.channel, chosen?.code ?? null);
  const timeText = time ? describeProcessingTime(time) + (chosen ? ` (${lcFirst(chosen.name)})` : '') : BLANK;
  // The appointment given at receipt; a later clock pause or an apology moves it, which the slip then also says.
  const promised = instant(ev.changes.dueAt) ?? d.dueAt;
  const moved = promised && d.dueAt && d.dueAt.getTime() !== promised.getTime() ? d.dueAt : null;
  const tail = /-(\d{6}-\d+)$/.exec(d.code)?.[1] ?? d.code;
  const blocks: Block[] = [
    field('Mã hồ sơ', d.code, true),
    p(`${unitInCommune(org, desk)} tiếp nhận hồ sơ của:`),
    ...receivedFrom(d),
    field('Nội dung yêu cầu giải quyết', requestText(d), true),
    p(b('1. Thành phần hồ sơ nộp gồm:')),
    { type: 'list', items: componentItems(d) },
    p(b('2. Số lượng hồ sơ: '), '01 (bộ).'),
    p(b('3. Thời gian giải quyết hồ sơ theo quy định là: '), timeText, '.'),
    p(b('4. Thời gian nhận hồ sơ: '), timeWords(ev.at), '.'),
    p(b('5. Thời gian trả kết quả giải quyết hồ sơ: '), promised ? timeWords(promised) : BLANK, '.'),
    ...(moved ? [p(i(`Thời gian trả kết quả đã được điều chỉnh (tạm dừng để bổ sung hồ sơ hoặc hẹn lại) thành: ${timeWords(moved)}.`))] : []),
    p(b('6. Đăng ký nhận kết quả tại: '), returnPlace(d), '.'),
    p('Vào Sổ theo dõi hồ sơ, Quyển số: ', b(`${d.procedure.field.code}-${vnYear(ev.at)}`), ', Số thứ tự: ', b(tail), '.'),
    { type: 'space', size: 6 },
    {
      type: 'signatures',
      signers: [
        d.channel === 'online' ? null : applicantSigner(d),
        { title: ['NGƯỜI TIẾP NHẬN HỒ SƠ'], note: SIGN, name: staffName(org, ev.actorId) ?? undefined },
      ],
    },
    { type: 'space', size: 8 },
    {
      type: 'paragraph', small: true,
      runs: [i(lookupLine(d))],
    },
  ];
  return {
    form, orientation: 'portrait', header: header(org, form, desk, d.code, ev.at),
    title: { text: upper(form.title), lines: [] }, qr: qrFor(d, ctx), blocks,
    fileName: fileName(form, keyOf(d)), generatedAt: ctx.now,
  };
}

/** 2. Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (BM.02): before receipt (online) or during processing. */
export function supplementRequest(d: DossierFacts, ctx: BuildContext): DocumentModel | null {
  const ev = pickEvent(d, ['request_supplement', 'request_supplement_before_receipt'], ctx.seq);
  if (!ev) return null;
  const form = FORMS['supplement-request'];
  const org = d.org;
  // The one-stop desk notifies the citizen, also when the specialist asked for the supplement (domain.md §2.5 4).
  const desk = d.receivingUnitCode ?? ev.actorUnit;
  const afterReceipt = ev.action === 'request_supplement';
  const guide = org.staff.get(ev.actorId);
  const contact = guide
    ? `${guide.name}${guide.title ? `, ${guide.title}` : ''} (${unitInCommune(org, ev.actorUnit)})`
    : unitInCommune(org, ev.actorUnit);
  const items = texts(ev.payload.items);
  const blocks: Block[] = [
    ...(d.code ? [field('Mã hồ sơ', d.code, true)] : []),
    ...applicantBlocks(d, { label: 'Hồ sơ của', idNumber: false }),
    field('Nội dung yêu cầu giải quyết', requestText(d), true),
    ...(afterReceipt && d.receivedAt ? [field('Thời gian tiếp nhận hồ sơ', timeWords(d.receivedAt))] : []),
    p(`Sau khi xem xét, ${unitInCommune(org, desk)} đề nghị ông/bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:`),
    { type: 'list', items: items.map((t) => ({ text: t })) },
    p(b('Lý do: '), text(ev.payload.reason) ?? BLANK),
    // BM.02 (TT 03/2025 Phụ lục I): whom to contact and at which phone; the dotted blank when no phone is known.
    p(`Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với ${contact}, số điện thoại: `,
      contactPhone(org, ev.actorId, [ev.actorUnit, desk]) ?? BLANK, ' để được hướng dẫn.'),
    ...(afterReceipt && d.procedure.pausingStates.includes('supplement')
      ? [p(i('Thời gian chờ bổ sung, hoàn thiện hồ sơ không tính vào thời gian giải quyết hồ sơ.'))]
      : []),
    { type: 'space', size: 6 },
    {
      type: 'signatures',
      signers: [null, { title: ['NGƯỜI HƯỚNG DẪN'], note: SIGN, name: guide?.name }],
    },
  ];
  return {
    form, orientation: 'portrait', header: header(org, form, desk, d.code, ev.at),
    title: { text: upper(form.title), lines: [] }, qr: qrFor(d, ctx), blocks,
    fileName: fileName(form, keyOf(d)), generatedAt: ctx.now,
  };
}

/** 3. Phiếu từ chối tiếp nhận giải quyết hồ sơ (BM.03): at the counter or of an online submission. */
export function refusal(d: DossierFacts, ctx: BuildContext): DocumentModel | null {
  const ev = pickEvent(d, ['refuse_receipt'], ctx.seq);
  if (!ev) return null;
  const form = FORMS.refusal;
  const org = d.org;
  const desk = ev.actorUnit ?? d.receivingUnitCode;
  const atCounter = ev.fromState === null;
  const blocks: Block[] = [
    p(`${unitInCommune(org, desk)} nhận được hồ sơ của:`),
    ...applicantBlocks(d, { idNumber: true }),
    field('Mã hồ sơ (nếu có)', d.code ?? 'Không có (hồ sơ không được tiếp nhận nên chưa được cấp mã)'),
    field('Nội dung yêu cầu giải quyết', requestText(d), true),
    field(atCounter ? 'Thời gian nộp hồ sơ' : 'Thời gian nộp hồ sơ trực tuyến', timeWords(atCounter ? ev.at : (d.events[0]?.at ?? ev.at))),
    p(`Sau khi xem xét, đối chiếu thành phần hồ sơ với quy định, ${unitName(org, desk) || `Ủy ban nhân dân ${communeRef(org)}`} `
      + 'không tiếp nhận giải quyết hồ sơ này với lý do cụ thể như sau:'),
    { type: 'paragraph', runs: [b(text(ev.payload.reason) ?? BLANK)], indent: true, align: 'justify' },
    p('Xin thông báo để ông/bà được biết và thực hiện.'),
    { type: 'space', size: 6 },
    {
      type: 'signatures',
      signers: [
        atCounter ? applicantSigner(d) : null,
        { title: ['NGƯỜI TIẾP NHẬN HỒ SƠ'], note: SIGN, name: staffName(org, ev.actorId) ?? undefined },
      ],
    },
  ];
  return {
    form, orientation: 'portrait', header: header(org, form, desk, d.code, ev.at),
    title: { text: upper(form.title), lines: [] }, qr: qrFor(d, ctx), blocks,
    fileName: fileName(form, keyOf(d)), generatedAt: ctx.now,
  };
}

// The documents issued while a dossier is processed (domain.md §2.6 items 4–6, §2.7): the apology with a new
// return date, the stop notice and the control sheet. Pure: facts in, document model out; null when the dossier
// has no event the document could be about.
import { handoverResult } from '../calendar/core/index.ts';
import { isStateCode, stateName } from '../dossiers/core/index.ts';
import { actionLabel } from '../dossiers/core/index.ts';
import { stopFeeText } from './core/fees.ts';
import { BLANK, HANDOVER_RESULT_LABELS, RETURN_CHANNEL_LABELS, dateShort, dateTimeShort, timeCompact, timeWords, upper } from './core/format.ts';
import { formatCode } from '../signatures/core/code.ts';
import {
  FORMS, b, field, fileName, header, i, instant, keyOf, p, pickEvent, qrFor, requestText, staffName, staffSigner,
  text, unitInCommune, unitName,
  type Block, type BuildContext, type DocumentModel, type DossierFacts, type EventFacts,
} from './core/model.ts';

/** The promised return time in force just before event `seq` (the last `dueAt` an earlier event set). */
function dueBefore(d: DossierFacts, seq: number): Date | null {
  let due: Date | null = null;
  for (const e of d.events) {
    if (e.seq >= seq) break;
    const set = instant(e.changes.dueAt);
    if (set) due = set;
  }
  return due;
}

/** The unit holding the dossier just before event `seq`: the last hand-over's target, else the desk. */
function unitBefore(d: DossierFacts, seq: number): string | null {
  let unit: string | null = d.receivedAt ? d.receivingUnitCode : null;
  for (const e of d.events) {
    if (e.seq >= seq) break;
    if (e.handover) unit = e.handover.toUnit;
  }
  return unit;
}

const kinhGui = (d: DossierFacts): Block => ({ type: 'paragraph', runs: [{ text: 'Kính gửi: ' }, b(`Ông/Bà ${d.applicant.name}`)], align: 'center' });

const idLine = (d: DossierFacts) =>
  field('Số định danh cá nhân/tổ chức', d.applicant.idHidden ? '(không hiển thị: người in không có quyền xem số định danh)' : d.applicant.idNumber);

/** 4. Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết (BM.04), signed by the head of the unit that handles the dossier. */
export function apology(d: DossierFacts, ctx: BuildContext): DocumentModel | null {
  const ev = pickEvent(d, ['apologize_extend'], ctx.seq);
  if (!ev) return null;
  const form = FORMS.apology;
  const org = d.org;
  // A leader apologises in the name of the People's Committee; a unit head in the name of their unit.
  const issuer = ev.actorRole === 'leader' ? null : ev.actorUnit;
  const issuerText = unitInCommune(org, issuer);
  const before = dueBefore(d, ev.seq);
  const newDue = instant(ev.payload.newDueAt) ?? instant(ev.changes.dueAt);
  const blocks: Block[] = [
    kinhGui(d),
    p(`Vào ${d.receivedAt ? timeWords(d.receivedAt) : BLANK}, ${unitInCommune(org, d.receivingUnitCode)} tiếp nhận hồ sơ của ông/bà:`),
    field('Thủ tục hành chính', requestText(d), true),
    field('Mã số hồ sơ', d.code, true),
    idLine(d),
    p('Thời gian hẹn trả kết quả giải quyết hồ sơ: ', b(before ? timeWords(before) : BLANK), '.'),
    p(`Tuy nhiên, đến nay ${issuerText} chưa thể trả kết quả giải quyết hồ sơ của ông/bà đúng thời hạn đã hẹn.`),
    p(b('Lý do: '), text(ev.payload.reason) ?? BLANK),
    p(`Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức của ông/bà. ${issuerText} xin lỗi ông/bà `
      + 'và hẹn lại thời gian trả kết quả giải quyết hồ sơ vào: ', b(newDue ? timeWords(newDue) : BLANK), '.'),
    p('Xin trân trọng cảm ơn sự hợp tác của ông/bà.'),
    { type: 'space', size: 6 },
    {
      type: 'signatures',
      recipients: ['- Như trên;', `- ${unitName(org, d.receivingUnitCode) || 'Bộ phận Một cửa'};`, '- Lưu: VT.'],
      signers: [null, { ...staffSigner(org, ev.actorId, ev.actorRole, 'THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ'), note: '(Ký, ghi rõ họ tên và đóng dấu)' }],
    },
  ];
  return {
    form, orientation: 'portrait', header: header(org, form, issuer, d.code, ev.at),
    title: { text: upper(form.title), lines: [] }, qr: qrFor(d, ctx), blocks,
    fileName: fileName(form, keyOf(d)), generatedAt: ctx.now,
  };
}

/** 5. Thông báo dừng giải quyết hồ sơ (NĐ 118/2025 Đ21 k1; TT 03/2025 Đ7): a stop or a withdrawal on request. */
export function stopNotice(d: DossierFacts, ctx: BuildContext): DocumentModel | null {
  const ev = pickEvent(d, ['stop_processing', 'withdraw'], ctx.seq);
  if (!ev) return null;
  const form = FORMS['stop-notice'];
  const org = d.org;
  const desk = d.receivingUnitCode ?? ev.actorUnit;
  const withdrawal = ev.action === 'withdraw';
  const holder = unitBefore(d, ev.seq);
  const stage = `${isStateCode(ev.fromState) ? stateName(ev.fromState) : BLANK}${holder ? `, tại ${unitInCommune(org, holder)}` : ''}`;
  const blocks: Block[] = [
    kinhGui(d),
    field('Mã hồ sơ', d.code ?? 'Chưa cấp (hồ sơ chưa được tiếp nhận)', true),
    field('Nội dung yêu cầu giải quyết', requestText(d), true),
    field(d.receivedAt ? 'Thời gian tiếp nhận hồ sơ' : 'Thời gian nộp hồ sơ', timeWords(d.receivedAt ?? d.events[0]?.at ?? ev.at)),
    p(`Vào ${timeWords(ev.at)}, ${unitInCommune(org, desk)} nhận được đề nghị `
      + `${withdrawal ? 'rút hồ sơ' : 'dừng giải quyết hồ sơ'} nêu trên của ông/bà.`),
    field('Giai đoạn giải quyết tại thời điểm đề nghị', stage),
    p(b('Lý do: '), text(ev.payload.reason) ?? 'Theo đề nghị của người nộp hồ sơ.'),
    p(`${unitInCommune(org, desk)} thông báo dừng giải quyết hồ sơ nêu trên kể từ ${timeWords(ev.at)}.`),
    // What was paid and how it is handled (core/fees.ts: the refund rule is the fee's own act, stated neutrally).
    p(b('Về phí, lệ phí: '), stopFeeText(d.payments ?? [], unitInCommune(org, desk))),
    ...(d.channel === 'online' ? [] : [p(`Giấy tờ bản giấy đã nộp (nếu có) được trả lại tại ${unitInCommune(org, desk)}.`)]),
    { type: 'space', size: 6 },
    {
      type: 'signatures',
      recipients: ['- Như trên;', '- Lưu: VT.'],
      signers: [null, staffSigner(org, ev.actorId, ev.actorRole, 'NGƯỜI TIẾP NHẬN HỒ SƠ')],
    },
  ];
  return {
    form, orientation: 'portrait', header: header(org, form, ev.actorRole === 'leader' ? null : desk, d.code, ev.at),
    title: { text: upper(form.title), lines: [] }, qr: qrFor(d, ctx), blocks,
    fileName: fileName(form, keyOf(d)), generatedAt: ctx.now,
  };
}

/** The giving and receiving units of a row, as the form writes them ("1. Giao: … / 2. Nhận: …"). */
const giveTake = (from: string, to: string) => `1. Giao: ${from || BLANK}\n2. Nhận: ${to || BLANK}`;

/**
 * One row of the control sheet: which unit gave the dossier to which, when, the giver (the account that recorded
 * the hand-over) and the receiver (the officer it was assigned to, if any) with room for their signatures, the
 * result against the step's budgeted end, and a note.
 */
function handoverRow(d: DossierFacts, e: EventFacts): string[] {
  const h = e.handover!;
  const org = d.org;
  const step = h.stepCode ? d.procedure.processSteps.find((s) => s.code === h.stepCode) : undefined;
  const note = [
    actionLabel(e.action),
    ...(step ? [`bước "${step.name}"`] : []),
    ...(h.stepDueAt ? [`hạn ${dateTimeShort(h.stepDueAt)}`] : []),
    ...(text(e.payload.note) ? [text(e.payload.note)!] : []),
  ].join('; ');
  return [
    giveTake(unitName(org, h.fromUnit), unitName(org, h.toUnit)),
    timeCompact(e.at),
    staffName(org, e.actorId) ?? '',
    staffName(org, h.toAssigneeId) ?? '',
    h.result ? HANDOVER_RESULT_LABELS[h.result] : '',
    note,
  ];
}

/**
 * The control sheet's footnote, true to what the system holds: the hand-overs are recorded electronically in the
 * dossier's log by the accounts named, the sheet itself carries no digital signature; a result signed digitally at
 * approval (dossiers/result-signing.ts, signedResultCode on the event) is named with its verification code.
 * TT 03/2025 Phụ lục I BM.05: the result is judged on receipt; logged automatically when processed in the system.
 */
function controlFootnote(d: DossierFacts): string {
  const signed = d.events.filter((e) => text(e.changes.signedResultCode)).at(-1);
  const code = signed && text(signed.changes.signedResultCode);
  return 'Ghi chú: kết quả (trước hạn, đúng hạn, quá hạn) do hệ thống tự xác định khi giao, nhận, theo thời hạn từng bước '
    + 'của quy trình nội bộ. Việc giao, nhận được ghi nhận điện tử trong nhật ký hồ sơ trên hệ thống, bằng tài khoản của người '
    + 'giao có tên trên phiếu; người nhận là cán bộ được giao giải quyết trên hệ thống (nếu có) hoặc tổ chức, cá nhân nhận kết quả. '
    + 'Phiếu không có chữ ký số; khi giao, nhận hồ sơ giấy, hai bên ký, ghi rõ họ tên vào cột tương ứng.'
    + (signed && code ? ` Kết quả giải quyết đã được ký số ngày ${dateShort(signed.at)}, mã xác thực ${formatCode(code)}.` : '');
}

const GIVEN = 'Thời gian giao, nhận hồ sơ';

/** 6. Phiếu kiểm soát quá trình giải quyết hồ sơ (BM.05): one row per hand-over, then the return to the citizen. */
export function controlSheet(d: DossierFacts, ctx: BuildContext): DocumentModel | null {
  const received = pickEvent(d, ['receive_counter', 'receive_online']);
  if (!received || !d.code || !d.receivedAt) return null;
  const form = FORMS['control-sheet'];
  const org = d.org;
  const desk = d.receivingUnitCode ?? received.actorUnit;
  const handling = d.procedure.handlingUnitCode;
  const handovers = d.events.filter((e) => e.handover);
  const others = [...new Set(handovers.flatMap((e) => [e.handover!.fromUnit, e.handover!.toUnit]))]
    .filter((u): u is string => !!u && u !== desk && u !== handling);
  const promised = instant(received.changes.dueAt) ?? d.originalDueAt;
  const rows = handovers.map((e) => handoverRow(d, e));
  const returned = pickEvent(d, ['return_result']);
  if (returned && d.dueAt) {
    const channel = d.returnChannel ? RETURN_CHANNEL_LABELS[d.returnChannel] : '';
    rows.push([
      giveTake(unitName(org, desk), 'Tổ chức, cá nhân'),
      timeCompact(returned.at),
      staffName(org, returned.actorId) ?? '',
      d.applicant.name,
      HANDOVER_RESULT_LABELS[handoverResult(returned.at, d.dueAt)],
      `Trả kết quả${channel ? `: ${channel.toLocaleLowerCase('vi')}` : ''}; hạn ${dateTimeShort(d.dueAt)}`,
    ]);
  }
  const blocks: Block[] = [
    field('Mã số hồ sơ', d.code, true),
    field('Người nộp hồ sơ', d.applicant.name),
    field('Nội dung yêu cầu giải quyết', requestText(d)),
    field('Cơ quan giải quyết hồ sơ', `${unitInCommune(org, handling)} (thẩm quyền: ${d.competentAuthority})`),
    field('Cơ quan phối hợp giải quyết', others.length ? others.map((u) => unitName(org, u)).join('; ') : 'Không'),
    field('Thời gian nhận hồ sơ', timeWords(d.receivedAt)),
    field('Thời gian hẹn trả kết quả', promised ? timeWords(promised) : BLANK),
    ...(d.dueAt && promised && d.dueAt.getTime() !== promised.getTime()
      ? [p(i(`Thời gian trả kết quả sau điều chỉnh (tạm dừng, hẹn lại): ${timeWords(d.dueAt)}.`))]
      : []),
    { type: 'space', size: 4 },
    {
      type: 'table',
      // TT 03/2025 Phụ lục I BM.05: under "Thời gian giao, nhận hồ sơ", the time and the giver's and receiver's
      // signatures ("Người giao", "Người nhận").
      columns: [
        { header: 'Tên cơ quan, đơn vị giao, nhận hồ sơ', width: 2.0 },
        { header: 'Thời điểm', group: GIVEN, width: 1.2, align: 'center' },
        { header: 'Người giao (ký, ghi rõ họ tên)', group: GIVEN, width: 1.3, align: 'center', signature: true },
        { header: 'Người nhận (ký, ghi rõ họ tên)', group: GIVEN, width: 1.3, align: 'center', signature: true },
        { header: 'Kết quả giải quyết hồ sơ (Trước hạn/ Đúng hạn/ Quá hạn)', width: 1.4, align: 'center' },
        { header: 'Ghi chú', width: 2.7 },
      ],
      rows,
      empty: 'Hồ sơ chưa được giao, nhận giữa các đơn vị.',
    },
    { type: 'space', size: 4 },
    { type: 'paragraph', small: true, runs: [i(controlFootnote(d))] },
  ];
  return {
    form, orientation: 'portrait', header: header(org, form, desk, d.code, ctx.now),
    title: { text: upper(form.title), lines: [] }, qr: qrFor(d, ctx), blocks,
    fileName: fileName(form, keyOf(d)), generatedAt: ctx.now,
  };
}

// Counter intake (/can-bo/tiep-nhan): the receiving officer files a dossier for a citizen (receive_counter:
// code and due time issued) or refuses it with a reason (refuse_receipt), under a one-time form key so that
// a double submit creates one dossier; then the dossier page, where the scans are uploaded and the receipt
// is printed. A dossier is received with the applicant's ID number, or with the reason there is none and a
// phone number to look it up by (identity/citizens/core/desk-id.ts); a refusal needs neither. Once the procedure is
// chosen ("Hiện tờ khai và thành phần hồ sơ"), the page shows its tờ khai (typed or confirmed by the officer, checked
// as online, stored as the dossier's declaration) and the checklist of the components received: a receipt without
// it, or with a required one not ticked, is refused (declaration-intake.tsx).
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { forbidden } from '../../http/problem.ts';
import { hasRole, type Principal } from '../../identity/core/principal.ts';
import { procedureAt, searchProcedures } from '../../catalogue/store.ts';
import type { StoredProcedure } from '../../catalogue/core/types.ts';
import { vnDate } from '../../calendar/core/index.ts';
import { actorId } from '../../dossiers/service.ts';
import { checklistIssues } from '../../dossiers/core/declaration.ts';
import { timeCaseOptions } from '../../dossiers/core/time-cases.ts';
import { listSupportPoints } from '../../dossiers/support-points-store.ts';
import { BASE_TIME_CASE } from '../../dossiers/core/index.ts';
import { recordReceivedPapers } from '../../dossiers/declaration.ts';
import { CHECKLIST_FIELD, IntakeDeclaration, copiesName, eformErrors, intakeOrder, receivedId, tickedPapers, typedAnswers } from './declaration-intake.tsx';
import { createDossier, type NewDossier } from '../../dossiers/service.ts';
import { staffOrLogin } from './guard.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../components.tsx';
import { KeyField, formOf, isFormProblem, onceForm, q1, staffOrLoginTo, staffPage, str, type Form } from './common.tsx';
import { Area, Choice, Input, Options } from '../fields.tsx';
import { recordDeskIdCheck, recordDeskIdWaiver } from '../../identity/citizens/accounts.ts';
import { ID_WAIVER_CODES, ID_WAIVER_REASONS, checkDeskId, type IdWaiver } from '../../identity/citizens/core/desk-id.ts';
import { APPLICANT_FIELDS, APPLICANT_LABEL, checkApplicant } from '../../dossiers/core/applicant.ts';

/** The order of the fields on the form, for the error summary (the chosen procedure's tờ khai and checklist before the note). */
const HEAD = ['procedureCode', 'name', 'idNumber', 'idWaiver', 'idWaiverDetail', 'address', 'phone', 'email'];
const orderOf = (proc: StoredProcedure | undefined) => [...HEAD, ...(proc ? intakeOrder(proc) : []), 'note', 'reason'];

function receivingOfficer(req: Parameters<typeof staffOrLogin>[0], reply: FastifyReply): Principal | null {
  const p = req.method === 'GET' ? staffOrLogin(req, reply) : staffOrLoginTo(req, reply, '/can-bo/tiep-nhan');
  if (p && !hasRole(p, 'receiving_officer')) throw forbidden('Chỉ cán bộ tiếp nhận một cửa được tiếp nhận hồ sơ tại quầy.');
  return p;
}

/** Checks the form (the applicant by the rules the API and the portal apply); returns the new dossier's input and
 *  payload, or the errors. */
function parse(f: Form, proc: StoredProcedure | undefined, today: string) {
  const errors: FieldError[] = [];
  const action = str(f, 'action') === 'refuse_receipt' ? 'refuse_receipt' : 'receive_counter';
  const procedureCode = str(f, 'procedureCode');
  const a = checkApplicant(Object.fromEntries(APPLICANT_FIELDS.map((k) => [k, str(f, k)])), 'counter');
  const note = str(f, 'note');
  const reason = str(f, 'reason');
  const channel = str(f, 'channel') === 'postal' ? 'postal' : 'direct';
  if (!/^[0-9A-Z][0-9A-Z.]{2,40}$/.test(procedureCode)) errors.push({ field: 'procedureCode', message: 'Chọn thủ tục hành chính' });
  errors.push(...a.errors);
  const idChecked = str(f, 'idChecked') === 'yes';
  const waived = str(f, 'idWaiver');
  // Receiving needs the ID number or the reason there is none (a passport checked at the desk is an identity paper).
  const desk = action === 'receive_counter'
    ? checkDeskId({ idNumber: a.values.idNumber, phone: a.values.phone, waiver: waived, waiverDetail: str(f, 'idWaiverDetail') })
    : { waiver: null as IdWaiver | null, errors: [] };
  if (idChecked && !a.values.idNumber && !waived) errors.push({ field: 'idNumber', message: 'Nhập số định danh cá nhân trên giấy tờ tùy thân đã kiểm tra' });
  else errors.push(...desk.errors);
  if (note.length > 4000) errors.push({ field: 'note', message: 'Ghi chú không được dài quá 4000 ký tự' });
  if (action === 'refuse_receipt' && !reason) errors.push({ field: 'reason', message: 'Nhập lý do từ chối tiếp nhận hồ sơ' });
  if (reason.length > 4000) errors.push({ field: 'reason', message: 'Lý do từ chối không được dài quá 4000 ký tự' });
  // A receipt's tờ khai (when typed) and its checklist of papers (always required, below); a refusal needs neither.
  const answers = proc && action === 'receive_counter' ? typedAnswers(proc, f) : null;
  if (answers) errors.push(...eformErrors(proc!, answers, today, a.values));
  const shown = str(f, CHECKLIST_FIELD);
  const papers = proc && shown === proc.code && action === 'receive_counter' ? tickedPapers(proc, f) : null;
  if (papers) {
    for (const i of checklistIssues(proc!.components, papers)) {
      errors.push({ field: i.field === 'copies' ? copiesName(i.component) : receivedId(i.component), message: i.message });
    }
  }
  // Every receipt states what was received (the checklist), so that BM.01 lists it and nothing is taken on trust.
  if (proc && !shown && action === 'receive_counter') {
    errors.push({ field: 'received', message: 'Đánh dấu các thành phần hồ sơ đã nhận rồi bấm “Tiếp nhận hồ sơ”' });
  }
  if (proc && shown && shown !== proc.code && action === 'receive_counter') {
    errors.push({ field: 'received', message: 'Đã đổi thủ tục: kiểm tra tờ khai và đánh dấu lại thành phần hồ sơ đã nhận' });
  }
  const order = orderOf(proc);
  errors.sort((x, y) => order.indexOf(x.field) - order.indexOf(y.field));
  const supportPoint = str(f, 'supportPoint');
  const input: NewDossier = {
    procedureCode, channel, note: note || undefined, applicant: a.applicant ?? { name: a.values.name }, ...(answers ? { answers } : {}),
    ...(supportPoint ? { supportPoint } : {}),
  };
  const timeCase = action === 'receive_counter' ? str(f, 'timeCase') : '';
  const payload = { ...(note ? { note } : {}), ...(action === 'refuse_receipt' ? { reason } : {}), ...(timeCase ? { timeCase } : {}) };
  return { action, input, payload, errors, idChecked, waiver: desk.waiver, papers } as const;
}

async function show(deps: Deps, reply: FastifyReply, p: Principal, search: string, values: Form = {}, errors: FieldError[] = [], status = 200) {
  const [procedures, points] = await Promise.all([
    searchProcedures(deps.db, { q: search || undefined, at: deps.now(), limit: search ? 30 : 500, received: true }),
    listSupportPoints(deps.db, p.communeId),
  ]);
  const chosen = str(values, 'procedureCode');
  const proc = await chosenProcedure(deps, chosen);
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  const v = (f: string) => str(values, f);
  return staffPage(reply, p, 'Tiếp nhận hồ sơ tại quầy', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Tiếp nhận hồ sơ tại quầy</h1>
      <form method="get" action="/can-bo/tiep-nhan" role="search" class="search-form">
        <label for="q">Tìm thủ tục</label>
        <p class="hint" id="q-hint">Gõ tên thủ tục, có dấu hoặc không dấu, hoặc mã thủ tục.</p>
        <div class="search">
          <input id="q" name="q" type="search" value={search} aria-describedby="q-hint" />
          <button type="submit" class="button button--secondary">Tìm</button>
        </div>
      </form>

      <form id="intake-form" method="post" action="/can-bo/tiep-nhan" novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        <input type="hidden" name="q" value={search} />
        <h2>Thủ tục</h2>
        {procedures.length === 0 ? (
          <p id="procedureCode">Không tìm thấy thủ tục phù hợp. <a href="/can-bo/tiep-nhan">Xem tất cả thủ tục</a>.</p>
        ) : (
          <Choice id="procedureCode" name="procedureCode" label="Thủ tục hành chính" required value={chosen} error={err('procedureCode')}
            empty="— Chọn thủ tục —" options={procedures.map((x) => ({ value: x.code, label: `${x.name} (${x.code})` }))} />
        )}
        <button type="submit" name="action" value="choose" class="button button--secondary">Hiện tờ khai và thành phần hồ sơ</button>
        <Options id="channel" name="channel" legend="Hình thức nộp" required value={v('channel') || 'direct'}
          options={[{ value: 'direct', label: 'Trực tiếp tại quầy' }, { value: 'postal', label: 'Qua dịch vụ bưu chính' }]} />
        {points.length > 1 && (
          <Choice id="supportPoint" name="supportPoint" label="Nơi hỗ trợ người nộp" value={v('supportPoint')} error={err('supportPoint')}
            empty="Bộ phận Một cửa (nơi tiếp nhận)" hint="Chọn nếu người nộp đã được hỗ trợ chuẩn bị hồ sơ ở nơi khác, ví dụ Tổ công nghệ số cộng đồng hoặc bưu điện."
            options={points.filter((x) => x.kind !== 'desk').map((x) => ({ value: x.code, label: x.name }))} />
        )}

        <h2>Người nộp hồ sơ</h2>
        <Input id="name" name="name" label={APPLICANT_LABEL.name} required value={v('name')} error={err('name')} autocomplete="off" />
        <Input id="idNumber" name="idNumber" label={APPLICANT_LABEL.idNumber} required inputmode="numeric" value={v('idNumber')} error={err('idNumber')} autocomplete="off"
          hint="12 chữ số trên thẻ Căn cước. Người nộp dùng 4 số cuối để tra cứu hồ sơ. Nếu người nộp không có, chọn lý do ở dưới." />
        <Options id="idWaiver" name="idWaiver" legend="Lý do người nộp không có số định danh cá nhân" value={v('idWaiver')} error={err('idWaiver')}
          hint="Chỉ chọn khi người nộp không cung cấp được số định danh cá nhân. Khi đó phải nhập số điện thoại: người nộp tra cứu hồ sơ bằng 4 số cuối số điện thoại, in trên Giấy tiếp nhận."
          options={ID_WAIVER_CODES.map((c) => ({ value: c, label: ID_WAIVER_REASONS[c] }))} />
        <Input id="idWaiverDetail" name="idWaiverDetail" label="Ghi rõ lý do" value={v('idWaiverDetail')} error={err('idWaiverDetail')} autocomplete="off"
          hint="Bắt buộc khi chọn “Lý do khác”. Với người nước ngoài, ghi loại và số giấy tờ đã kiểm tra." />
        <Options id="idChecked" name="idChecked" legend="Giấy tờ tùy thân" type="checkbox" value={v('idChecked')}
          options={[{ value: 'yes', label: 'Đã kiểm tra giấy tờ tùy thân' }]} />
        <Input id="address" name="address" label={APPLICANT_LABEL.address} value={v('address')} error={err('address')} autocomplete="off" />
        <Input id="phone" name="phone" type="tel" label={APPLICANT_LABEL.phone} value={v('phone')} error={err('phone')} autocomplete="off" short />
        <Input id="email" name="email" type="email" label={APPLICANT_LABEL.email} value={v('email')} error={err('email')} autocomplete="off" />
        {proc
          ? <IntakeDeclaration proc={proc} values={values} errors={errors} />
          : <p class="hint" id="received">Chọn thủ tục rồi bấm “Hiện tờ khai và thành phần hồ sơ” để nhập tờ khai và đánh dấu các giấy tờ đã nhận.</p>}
        <TimeCaseChoice proc={proc} channel={v('channel') || 'direct'} value={v('timeCase')} error={err('timeCase')} />
        <Area id="note" name="note" label="Ghi chú" value={v('note')} error={err('note')} rows={3} />
        <button type="submit" name="action" value="receive_counter" class="button button--primary">Tiếp nhận hồ sơ</button>

        <h2>Từ chối tiếp nhận</h2>
        <p>Nếu hồ sơ không thể bổ sung, hoàn thiện hoặc không thuộc phạm vi giải quyết, nhập lý do rồi chọn “Từ chối tiếp nhận”. Hệ thống lập Phiếu từ chối tiếp nhận giải quyết hồ sơ.</p>
        <Area id="reason" name="reason" label="Lý do từ chối" hint="Chỉ điền khi từ chối tiếp nhận." value={v('reason')} error={err('reason')} rows={3} />
        <button type="submit" name="action" value="refuse_receipt" class="button button--warning">Từ chối tiếp nhận</button>
      </form>
    </>
  ), { status });
}

/** The case with its own statutory time, for a procedure that has some (kết hôn cần xác minh, chứng thực nhiều bản…):
 *  the due date printed on the receipt follows it. */
function TimeCaseChoice({ proc, channel, value, error }: { proc: StoredProcedure | undefined; channel: string; value: string; error?: string }) {
  const cases = timeCaseOptions(proc, channel);
  if (cases.length === 0) return null;
  return <Options id="timeCase" name="timeCase" legend="Trường hợp giải quyết" required value={value || BASE_TIME_CASE} error={error}
    hint="Ngày hẹn trả kết quả tính theo thời hạn của trường hợp đã chọn. Nếu chưa xác định được, chọn trường hợp thông thường; chuyên viên có thể xác định lại, nêu rõ lý do."
    options={cases.map((c) => ({ value: c.code, label: `${c.name}: ${c.time}` }))} />;
}

/** The procedure version in force that the officer chose (none while not chosen, or an unknown code). */
async function chosenProcedure(deps: Deps, code: string): Promise<StoredProcedure | undefined> {
  return /^[0-9A-Z][0-9A-Z.]{2,40}$/.test(code) ? ((await procedureAt(deps.db, code, deps.now())) ?? undefined) : undefined;
}

export async function intakePages(app: App, deps: Deps) {
  app.get('/can-bo/tiep-nhan', { schema: { hide: true } }, async (req, reply) => {
    const p = receivingOfficer(req, reply);
    if (!p) return reply;
    return show(deps, reply, p, q1(req, 'q').slice(0, 200), { procedureCode: q1(req, 'procedure') });
  });

  app.post('/can-bo/tiep-nhan', { schema: { hide: true } }, async (req, reply) => {
    const p = receivingOfficer(req, reply);
    if (!p) return reply;
    const f = formOf(req);
    const search = str(f, 'q').slice(0, 200);
    if (str(f, 'action') === 'choose') return show(deps, reply, p, search, f);
    const proc = await chosenProcedure(deps, str(f, 'procedureCode'));
    const { action, input, payload, errors, idChecked, waiver, papers } = parse(f, proc, vnDate(deps.now()));
    if (errors.length) return show(deps, reply, p, search, f, errors, 422);
    let created: { id: string };
    try {
      created = await onceForm(deps, req, reply, p, async (trx) => {
        const w = await createDossier(trx, { principal: p }, action, input, payload, deps.now());
        if (idChecked && action === 'receive_counter') await recordDeskIdCheck(trx, w.row.id, p.id, deps.now());
        if (waiver) await recordDeskIdWaiver(trx, w.row.id, waiver, p.id, deps.now());
        if (papers && action === 'receive_counter') await recordReceivedPapers(trx, w.row.id, papers, actorId(p), deps.now());
        return { status: 201, body: { id: w.row.id, code: w.row.code } };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      const field = e.code === 'UNKNOWN_PROCEDURE' || e.code === 'CHANNEL_NOT_OFFERED' || e.code === 'ROUTING_ONLY_PROCEDURE' ? 'procedureCode'
        : e.code === 'UNKNOWN_TIME_CASE' ? 'timeCase' : e.code === 'UNKNOWN_SUPPORT_POINT' ? 'supportPoint' : 'intake-form';
      return show(deps, reply, p, search, f, [{ field, message: e.title }], e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${created.id}?ok=${action}`, 303);
  });
}

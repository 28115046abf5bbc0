// Staff pages of petitions (phản ánh, kiến nghị): /can-bo/phan-anh, the list in the officer's scope with the next
// step's due date (late / due-soon labels, domain.md §4 5.2), and /can-bo/phan-anh/:id, the petition, its log and
// the forms of the steps the officer may take now (src/petitions/service.ts decides; the API does the same).
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import type { Principal } from '../../identity/core/principal.ts';
import { CHANNEL_LABEL, PETITION_STEPS, STATUS_LABEL, STEP_LABEL, allowedSteps, clockOf, scopeOf, statusOf, takeStep, type PetitionStep, type Urgency } from '../../petitions/service.ts';
import { RecordForm, recordPetitionPages } from './petition-record.tsx';
import { eventsOf, findPetition, listPetitions, unitsOfCommune } from '../../petitions/store.ts';
import { Button, CsrfField, ErrorSummary, SummaryList, type FieldError } from '../components.tsx';
import { Area, Choice, Table } from '../fields.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { staffOrLogin } from './guard.ts';
import { DueTag, KeyField, UUID, formOf, isFormProblem, onceForm, staffPage, str } from './common.tsx';

const LIST = '/can-bo/phan-anh';
const EVENT_LABEL: Record<string, string> = {
  received: 'Tiếp nhận', assigned: 'Giao xử lý', refused: 'Từ chối', asked_more: 'Đề nghị bổ sung thông tin', answered: 'Trả lời',
  published: 'Công khai', reaction: 'Ý kiến của người dân', repeated: 'Phản ánh lại, chưa hài lòng',
};
const due = (u: Urgency) => <DueTag label={u === 'late' ? 'late' : u === 'due_soon' ? 'due-soon' : null} />;
const TEXT_HINT: Partial<Record<PetitionStep, string>> = {
  refuse: 'Lý do từ chối', ask_more: 'Thông tin cần người phản ánh bổ sung', answer: 'Nội dung trả lời (sẽ được công khai, không ghi thông tin cá nhân)',
  repeat: 'Người phản ánh chưa hài lòng về điều gì (tính vào chỉ số 5.3)',
};

async function showPetition(deps: Deps, reply: FastifyReply, p: Principal, id: string, errors: FieldError[] = [], status = 200) {
  const row = await findPetition(deps.db, scopeOf(p), id);
  if (!row) return staffPage(reply, p, 'Không tìm thấy', () => <><h1>Không tìm thấy phản ánh, kiến nghị</h1><p><a href={LIST}>Danh sách phản ánh</a></p></>, { status: 404 });
  const c = await clockOf(deps.db, row, deps.now());
  const events = await eventsOf(deps.db, row.id);
  const steps = allowedSteps(row, p);
  const units = steps.includes('assign') ? await unitsOfCommune(deps.db, p.communeId) : [];
  return staffPage(reply, p, `Phản ánh ${row.reference}`, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Phản ánh, kiến nghị {row.reference}</h1>
      <p><strong class="tag">{STATUS_LABEL[statusOf(row)]}</strong> {due(c.urgency)}</p>
      <SummaryList rows={[
        { key: 'Nội dung', value: row.content },
        { key: 'Người phản ánh', value: `${row.petitioner_name}${row.petitioner_contact ? ` (${row.petitioner_contact})` : ''}` },
        { key: 'Kênh, thời điểm nhận', value: `${CHANNEL_LABEL[row.channel] ?? row.channel}, ${fmtDateTime(row.received_at)}` },
        ...(row.dossier_code ? [{ key: 'Hồ sơ', value: row.dossier_id ? <a href={`/can-bo/ho-so/${row.dossier_id}`}>{row.dossier_code}</a> : `${row.dossier_code} (không tìm thấy trong xã)` }] : []),
        ...(row.procedure_code ? [{ key: 'Thủ tục', value: row.procedure_code }] : []),
        ...(row.about_staff ? [{ key: 'Cán bộ được phản ánh', value: row.about_staff }] : []),
        { key: 'Hạn từ chối (2 ngày làm việc)', value: fmtDateTime(c.deadlines.refuseBy) },
        { key: 'Hạn đề nghị bổ sung (5 ngày làm việc)', value: fmtDateTime(c.deadlines.askMoreBy) },
        { key: 'Hạn trả lời (15 ngày làm việc)', value: fmtDateTime(c.deadlines.answerBy) },
        ...(c.deadlines.publishBy ? [{ key: 'Hạn công khai (2 ngày làm việc sau trả lời)', value: fmtDateTime(c.deadlines.publishBy) }] : []),
        ...(row.answer ? [{ key: 'Trả lời', value: row.answer }] : []),
        ...(row.refuse_reason ? [{ key: 'Lý do từ chối', value: row.refuse_reason }] : []),
        ...(row.published_at ? [{ key: 'Ý kiến người dân', value: `${row.likes} hài lòng, ${row.dislikes} chưa hài lòng` }] : []),
      ]} />
      {steps.map((step) => (
        <form method="post" action={`${LIST}/${row.id}/${step}`} id={`form-${step}`}>
          <CsrfField token={csrf} />
          <KeyField />
          <h2>{STEP_LABEL[step]}</h2>
          {step === 'assign' && <Choice id={`${step}-unit`} name="unitId" label="Đơn vị xử lý" value={row.unit_id} options={units.map((u) => ({ value: String(u.id), label: u.name }))} required />}
          {TEXT_HINT[step] && <Area id={`${step}-text`} name="text" label={TEXT_HINT[step]!} required />}
          <Button variant={step === 'refuse' ? 'warning' : 'primary'}>{STEP_LABEL[step]}</Button>
        </form>
      ))}
      <h2>Nhật ký xử lý</h2>
      <ol>{events.map((e) => <li>{fmtDateTime(e.at)}: {EVENT_LABEL[e.type] ?? e.type}{e.actorName ? ` (${e.actorName})` : ''}{e.note && e.type !== 'answered' ? `: ${e.type === 'received' ? CHANNEL_LABEL[e.note as keyof typeof CHANNEL_LABEL] ?? e.note : e.type === 'reaction' ? (e.note === 'like' ? 'hài lòng' : 'chưa hài lòng') : e.note}` : ''}</li>)}</ol>
    </>
  ), { status, back: { href: LIST, label: 'Danh sách phản ánh' } });
}

export async function staffPetitionPages(app: App, deps: Deps) {
  await recordPetitionPages(app, deps);
  app.get(LIST, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const rows = await listPetitions(deps.db, scopeOf(p));
    const clocks = await Promise.all(rows.map((r) => clockOf(deps.db, r, deps.now())));
    return staffPage(reply, p, 'Phản ánh, kiến nghị', () => (
      <>
        <h1>Phản ánh, kiến nghị</h1>
        <RecordForm p={p} />
        <p>Hạn theo Quyết định 766/QĐ-TTg: từ chối trong 2, đề nghị bổ sung trong 5, trả lời trong 15 ngày làm việc; công khai trong 2 ngày làm việc sau khi trả lời.</p>
        {!rows.length ? <p>Chưa có phản ánh, kiến nghị nào.</p> : (
          <Table caption="Phản ánh, kiến nghị" head={['Mã', 'Nhận lúc', 'Nội dung', 'Trạng thái', 'Hạn bước tiếp theo']}>
            {rows.map((r, i) => (
              <tr>
                <td><a href={`${LIST}/${r.id}`}>{r.reference}</a></td>
                <td>{fmtDateTime(r.received_at)}</td>
                <td>{r.content.length > 80 ? `${r.content.slice(0, 80)}…` : r.content}</td>
                <td>{STATUS_LABEL[statusOf(r)]}</td>
                <td>{clocks[i]!.next ? fmtDateTime(clocks[i]!.next) : '—'} {due(clocks[i]!.urgency)}</td>
              </tr>
            ))}
          </Table>
        )}
      </>
    ));
  });

  app.get(`${LIST}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const id = (req.params as { id: string }).id;
    return showPetition(deps, reply, p, UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000');
  });

  app.post(`${LIST}/:id/:step`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const { id, step } = req.params as { id: string; step: string };
    if (!UUID.test(id) || !(PETITION_STEPS as readonly string[]).includes(step)) return showPetition(deps, reply, p, '00000000-0000-0000-0000-000000000000');
    const f = formOf(req);
    const unitId = Number(str(f, 'unitId'));
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        await takeStep(trx, p, id, step as PetitionStep, { text: str(f, 'text'), ...(unitId ? { unitId } : {}) }, deps.now());
        return { status: 200, body: null };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return showPetition(deps, reply, p, id, [{ field: `form-${step}`, message: e.title }], e.status);
    }
    return reply.redirect(`${LIST}/${id}`, 303);
  });
}

// Staff pages of the citizens' personal-data requests: /can-bo/du-lieu-ca-nhan, the commune's requests with the due
// time (2 working days after receipt on the commune's calendar, NĐ 356/2025), overdue flagged; /can-bo/du-lieu-ca-nhan/:id,
// one request, its history and the answer form (done: what was corrected, or refused: why). Leaders and
// administrators of the commune only (src/privacy/core/request.ts ANSWER_ROLES). The correction itself of a dossier's
// data goes through the dossier workflows ("Sửa tờ khai", the dossier actions); the request records the answer.
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import type { Principal } from '../../identity/core/principal.ts';
import { ACTION_LABEL, KIND_LABEL, STATUS_LABEL, allowedActions, isOverdue } from '../../privacy/core/request.ts';
import { answerRequest, maskId, mayAnswerRequests, requestForStaff, requestsForStaff } from '../../privacy/service.ts';
import { Button, CsrfField, ErrorSummary, SummaryList, type FieldError } from '../components.tsx';
import { Area, Table } from '../fields.tsx';
import { fmtDate, fmtDateTime } from '../../shared/format.ts';
import { staffOrLogin } from './guard.ts';
import { DueTag, KeyField, UUID, formOf, isFormProblem as formProblem, onceForm, staffOrLoginTo, staffPage, str } from './common.tsx';

export const PRIVACY_STAFF_PATH = '/can-bo/du-lieu-ca-nhan';
const LIST = PRIVACY_STAFF_PATH;
const TITLE = 'Yêu cầu về dữ liệu cá nhân';
const NO_ID = '00000000-0000-0000-0000-000000000000';

const forbiddenPage = (reply: FastifyReply, p: Principal) =>
  staffPage(reply, p, 'Không có quyền', () => <h1>Chỉ lãnh đạo UBND xã hoặc quản trị hệ thống được xem yêu cầu về dữ liệu cá nhân</h1>, { status: 403 });

async function showRequest(deps: Deps, reply: FastifyReply, p: Principal, id: string, errors: FieldError[] = [], status = 200, typed = '') {
  let found;
  try {
    found = await requestForStaff(deps.db, p, id);
  } catch (e) {
    if (formProblem(e) || (e as { status?: number }).status === 404) {
      return staffPage(reply, p, 'Không tìm thấy', () => <><h1>Không tìm thấy yêu cầu</h1><p><a href={LIST}>{TITLE}</a></p></>, { status: 404 });
    }
    throw e;
  }
  const { request: r, events, storeItem: item } = found;
  const actions = allowedActions(r.status, { kind: 'staff', roles: p.roles });
  const now = deps.now();
  return staffPage(reply, p, `${TITLE}: ${r.citizen_name}`, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>{KIND_LABEL[r.kind]}</h1>
      <p><strong class="tag">{STATUS_LABEL[r.status]}</strong> {isOverdue(r, now) && <DueTag label="late" />}</p>
      <SummaryList rows={[
        { key: 'Công dân', value: `${r.citizen_name}, số định danh ${maskId(r.citizen_id_number)}${r.citizen_birth_date ? `, sinh ngày ${fmtDate(r.citizen_birth_date)}` : ''}` },
        { key: 'Nhận lúc', value: fmtDateTime(r.received_at) },
        { key: 'Hạn trả lời (2 ngày làm việc)', value: fmtDateTime(r.due_at) },
        ...(r.item ? [{ key: 'Thông tin cần chỉnh sửa', value: r.item }] : []),
        ...(r.wrong_value ? [{ key: 'Thông tin đang sai', value: r.wrong_value }] : []),
        ...(r.right_value ? [{ key: 'Thông tin đúng', value: r.right_value }] : []),
        ...(r.detail ? [{ key: 'Nội dung yêu cầu', value: r.detail }] : []),
        ...(item ? [{
          key: 'Giấy tờ trong kho dữ liệu',
          value: <>{item.type_name}{item.number_symbol && `, số ${item.number_symbol}`}, {item.kind === 'result' ? 'cấp' : 'nộp'} ngày {fmtDate(item.valid_from)}
            {item.dossier_code && <>, từ hồ sơ <a href={`/can-bo/ho-so/${item.dossier_id}`}>{item.dossier_code}</a></>}
            {item.status !== 'valid' && ` (${item.status === 'deleted' ? 'đã xóa' : 'đã thu hồi'})`}</>,
        }] : []),
        ...(r.answer ? [{ key: 'Trả lời', value: `${r.answer} (${r.answered_by_name ?? ''}, ${fmtDateTime(r.answered_at)})` }] : []),
      ]} />
      {actions.length > 0 && (
        <form method="post" action={`${LIST}/${r.id}`} id="answer">
          <CsrfField token={csrf} />
          <KeyField />
          <h2>Trả lời công dân</h2>
          <p>Việc đính chính dữ liệu trong hồ sơ thực hiện theo quy trình giải quyết hồ sơ (sửa tờ khai, thao tác trên hồ sơ). Hồ sơ, lịch sử xử lý và sổ sách được lưu trữ theo quy định, không xóa.</p>
          {item && r.kind === 'deletion' && item.status === 'valid' && <p><strong>Chọn “Đã thực hiện” sẽ xóa giấy tờ này khỏi kho dữ liệu của công dân</strong> (tệp vẫn lưu trong hồ sơ thủ tục theo quy định lưu trữ).</p>}
          <Area id="answer-text" name="answer" label="Nội dung trả lời (công dân sẽ đọc): việc đã thực hiện, hoặc lý do từ chối" required value={typed} error={errors[0]?.message} />
          {actions.map((a) => <><Button name="action" value={a} variant={a === 'refuse' ? 'warning' : 'primary'}>{ACTION_LABEL[a]}</Button>{' '}</>)}
        </form>
      )}
      <h2>Lịch sử</h2>
      <ol>{events.map((e) => <li>{fmtDateTime(e.at)}: {ACTION_LABEL[e.action]} ({e.actor_name}){e.text ? `: ${e.text}` : ''}</li>)}</ol>
    </>
  ), { status, back: { href: LIST, label: TITLE } });
}

export async function privacyStaffPages(app: App, deps: Deps) {
  app.get(LIST, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    if (!mayAnswerRequests(p)) return forbiddenPage(reply, p);
    const rows = await requestsForStaff(deps.db, p);
    const now = deps.now();
    return staffPage(reply, p, TITLE, () => (
      <>
        <h1>{TITLE}</h1>
        <p>Công dân gửi từ trang "Dữ liệu cá nhân của tôi". Hạn trả lời: 2 ngày làm việc kể từ khi nhận (Nghị định 356/2025/NĐ-CP).</p>
        {!rows.length ? <p>Chưa có yêu cầu nào.</p> : (
          <Table caption={TITLE} head={['Công dân', 'Loại yêu cầu', 'Nhận lúc', 'Hạn trả lời', 'Trạng thái']}>
            {rows.map((r) => (
              <tr>
                <td><a href={`${LIST}/${r.id}`}>{r.citizen_name}</a></td>
                <td>{KIND_LABEL[r.kind]}</td>
                <td>{fmtDateTime(r.received_at)}</td>
                <td>{fmtDateTime(r.due_at)} {isOverdue(r, now) && <DueTag label="late" />}</td>
                <td>{STATUS_LABEL[r.status]}</td>
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
    if (!mayAnswerRequests(p)) return forbiddenPage(reply, p);
    const id = (req.params as { id: string }).id;
    return showRequest(deps, reply, p, UUID.test(id) ? id : NO_ID);
  });

  app.post(`${LIST}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    const p = staffOrLoginTo(req, reply, `${LIST}/${id}`);
    if (!p) return reply;
    if (!mayAnswerRequests(p)) return forbiddenPage(reply, p);
    if (!UUID.test(id)) return showRequest(deps, reply, p, NO_ID);
    const f = formOf(req);
    const action = str(f, 'action');
    const answer = str(f, 'answer');
    if (action !== 'complete' && action !== 'refuse') return showRequest(deps, reply, p, id, [{ field: 'answer-text', message: 'Chọn Đã thực hiện hoặc Từ chối.' }], 422, answer);
    try {
      await onceForm(deps, req, reply, p, async (trx) => ({ status: 200, body: await answerRequest(trx, p, id, action, answer, deps.now()) }), str(f, '_key'));
    } catch (e) {
      if (!formProblem(e)) throw e;
      return showRequest(deps, reply, p, id, [{ field: 'answer-text', message: e.title }], e.status, answer);
    }
    return reply.redirect(`${LIST}/${id}`, 303);
  });
}

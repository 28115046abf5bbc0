// "Dữ liệu cá nhân của tôi" (/ho-so-cua-toi/du-lieu-ca-nhan): everything the commune holds about the logged-in
// citizen, grouped, with how long each kind is kept and who was shown their data; the same as a JSON download; and the
// request form (correction, deletion, restriction…: Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Điều 4), answered
// within 2 working days (NĐ 356/2025). Rules and SQL in src/privacy/.
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { IDEMPOTENCY_HEADER, idempotent } from '../../http/idempotency.ts';
import { Problem } from '../../http/problem.ts';
import { ROLE_NAMES_VI, type StaffRole } from '../../identity/core/principal.ts';
import { stateName, type StateCode } from '../../dossiers/core/index.ts';
import { KIND_LABEL, REQUEST_KINDS, STATUS_LABEL, type RequestKind } from '../../privacy/core/request.ts';
import { heldData, submitRequest, type CitizenRef, type HeldData } from '../../privacy/service.ts';
import { fmtDate, fmtDateTime, fmtMoney } from '../../shared/format.ts';
import { Button, CsrfField, ErrorSummary, Radios, SummaryList, TextArea, TextField, errorFor, type FieldError } from '../components.tsx';
import { Table } from '../fields.tsx';
import { Layout } from '../layout.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { FORM_KEY, KeyField } from '../staff/common.tsx';
import { ACCOUNT_PATH, STORE_PATH } from './account-pages.tsx';
import { DOWNLOAD_ACTION } from '../../datastore/service.ts';
import { currentCitizen, loginTo } from './account-session.ts';
import { PORTAL_COMMUNE_ID, bodyOf, page, queryOf, str, titled } from './common.ts';

export const PRIVACY_PATH = `${ACCOUNT_PATH}/du-lieu-ca-nhan`;
const FORM_PATH = `${PRIVACY_PATH}/yeu-cau`;
const TITLE = 'Dữ liệu cá nhân của tôi';
const FORM_TITLE = 'Yêu cầu về dữ liệu cá nhân';

const ACCESS_LABEL: Record<string, string> = {
  view_id_number: 'Xem số định danh cá nhân', view_declaration: 'Xem tờ khai', download_file: 'Tải giấy tờ đính kèm',
  preview_result: 'Xem dự thảo kết quả', applicant_draft_result: 'Gửi dự thảo kết quả cho bạn', download_signed_document: 'Tải kết quả đã ký số',
  [DOWNLOAD_ACTION]: 'Tải giấy tờ trong kho dữ liệu', download_storage_copy: 'Tải bản lưu trữ (PDF/A) của giấy tờ',
  view_ocr_text: 'Đọc nội dung bản quét để điền tờ khai', search_scan_text: 'Tìm hồ sơ theo nội dung giấy tờ đã quét',
};
const PAYMENT_STATUS: Record<string, string> = { created: 'Chờ thanh toán', paid: 'Đã thanh toán', failed: 'Không thành công', cancelled: 'Đã hủy' };
const OVERALL: Record<string, string> = { very_satisfied: 'Rất hài lòng', satisfied: 'Hài lòng', dissatisfied: 'Không hài lòng' };

function who(a: HeldData['access'][number]['who']): string {
  if ('name' in a) {
    const roles = (a.roles ?? []).map((r) => ROLE_NAMES_VI[r as StaffRole] ?? r).join(', ');
    return `${a.name}${a.title ? `, ${a.title}` : roles ? `, ${roles}` : ''}`;
  }
  if (a.system === 'you') return 'Bạn (tài khoản định danh điện tử)';
  return a.system === 'api_key' ? 'Hệ thống kết nối được cấp quyền' : a.system === 'public' ? 'Người có mã hồ sơ (tra cứu, xác thực kết quả)' : 'Hệ thống';
}

function HeldPage({ d, sent }: { d: HeldData; sent: boolean }) {
  const keep = (k: string) => d.retention.find((r) => r.kind === k)?.period ?? '';
  return (
    <Layout title={TITLE} back={{ href: ACCOUNT_PATH, label: 'Hồ sơ của tôi' }}>
      {sent && <div class="notice" role="status"><p>Đã gửi yêu cầu. Ủy ban nhân dân xã trả lời trong 2 ngày làm việc; câu trả lời hiện ở cuối trang này.</p></div>}
      <h1>{TITLE}</h1>
      <p>Đây là toàn bộ dữ liệu về bạn mà Ủy ban nhân dân xã đang lưu trên hệ thống, theo Luật Bảo vệ dữ liệu cá nhân. Bạn có thể <a href={FORM_PATH}>yêu cầu chỉnh sửa hoặc thực hiện quyền khác</a>, hoặc <a href={`${PRIVACY_PATH}.json`} download>tải về dạng tệp JSON</a>.</p>

      <h2>Tài khoản</h2>
      {d.account && <SummaryList rows={[
        { key: 'Họ và tên', value: d.account.name },
        { key: 'Số định danh cá nhân', value: d.account.idNumber ?? '' },
        { key: 'Ngày sinh', value: d.account.birthDate ? fmtDate(d.account.birthDate) : 'Không có' },
        { key: 'Đăng nhập lần đầu', value: fmtDateTime(d.account.firstLoginAt) },
        { key: 'Đăng nhập gần nhất', value: fmtDateTime(d.account.lastLoginAt) },
        { key: 'Thời hạn lưu', value: d.account.retention },
      ]} />}

      <h2>Hồ sơ thủ tục hành chính</h2>
      <p class="hint">Thời hạn lưu: {keep('dossiers')}. Hồ sơ và lịch sử xử lý là hồ sơ lưu trữ của cơ quan nhà nước, không xóa theo yêu cầu; thông tin sai được đính chính theo quy trình giải quyết hồ sơ.</p>
      {d.dossiers.length === 0 ? <p>Không có hồ sơ nào.</p> : (
        <ul class="results" aria-label="Hồ sơ thủ tục hành chính">
          {d.dossiers.map((x) => (
            <li>
              <strong>{x.procedure}</strong> · {x.code ? `Mã hồ sơ ${x.code}` : `Mã tra cứu ${x.reference}`} · {stateName(x.state as StateCode)}
              {x.submittedAt && <><br /><span class="muted">Nộp lúc {fmtDateTime(x.submittedAt)}</span></>}
              {x.applicant ? (
                <><br />Người nộp: {x.applicant.name}, số định danh {x.applicant.idNumber}
                  {x.applicant.address && `, địa chỉ ${x.applicant.address}`}{x.applicant.phone && `, điện thoại ${x.applicant.phone}`}{x.applicant.email && `, thư điện tử ${x.applicant.email}`}</>
              ) : x.filedOnBehalf && <><br />Bạn nộp thay cho người khác (người được ủy quyền).</>}
            </li>
          ))}
        </ul>
      )}

      <h2>Hồ sơ đang soạn</h2>
      <p class="hint">Thời hạn lưu: {keep('drafts')}.</p>
      {d.drafts.length === 0 ? <p>Không có.</p> : <ul>{d.drafts.map((x) => <li>Thủ tục {x.procedureCode}, sửa lần cuối {fmtDateTime(x.updatedAt)}</li>)}</ul>}

      <h2>Thanh toán phí, lệ phí</h2>
      <p class="hint">Thời hạn lưu: {keep('payments')}.</p>
      {d.payments.length === 0 ? <p>Không có.</p> : <ul>{d.payments.map((x) => <li>Hồ sơ {x.dossier}: {fmtMoney(x.amountVnd)}, {PAYMENT_STATUS[x.status ?? ''] ?? 'Chưa rõ'} ({fmtDate(x.createdAt)})</li>)}</ul>}

      <h2>Đánh giá mức độ hài lòng</h2>
      <p class="hint">Thời hạn lưu: {keep('ratings')}.</p>
      {d.ratings.length === 0 ? <p>Không có.</p> : <ul>{d.ratings.map((x) => <li>Hồ sơ {x.dossier}: {OVERALL[x.overall] ?? x.overall}{x.comment && ` – “${x.comment}”`} ({fmtDate(x.at)})</li>)}</ul>}

      <h2>Phản ánh, kiến nghị bạn đã gửi</h2>
      <p class="hint">Thời hạn lưu: {keep('petitions')}.</p>
      {d.petitions.length === 0 ? <p>Không có.</p> : <ul>{d.petitions.map((x) => <li>{x.reference} ({fmtDate(x.receivedAt)}): {x.content}{x.contact && ` · Liên hệ: ${x.contact}`}</li>)}</ul>}

      <h2>Ai đã xem dữ liệu của bạn</h2>
      <p class="hint">Mỗi lần cán bộ xem số định danh, tờ khai hoặc giấy tờ của bạn đều được ghi lại. Thời hạn lưu: {keep('access_log')}.</p>
      {d.access.length === 0 ? <p>Chưa có ai xem.</p> : (
        <Table caption="Lượt xem dữ liệu cá nhân" head={['Thời gian', 'Người xem', 'Việc', 'Hồ sơ']}>
          {d.access.map((a) => <tr><td>{fmtDateTime(a.at)}</td><td>{who(a.who)}</td><td>{ACCESS_LABEL[a.action] ?? 'Xem dữ liệu'}</td><td>{a.dossier}</td></tr>)}
        </Table>
      )}

      <h2>Yêu cầu của bạn</h2>
      {d.requests.length === 0 ? <p>Bạn chưa gửi yêu cầu nào.</p> : (
        <ul class="results" aria-label="Yêu cầu của bạn">
          {d.requests.map((r) => (
            <li>
              <strong>{KIND_LABEL[r.kind]}</strong>{r.store_item_name && <> về <a href={`${STORE_PATH}/${r.store_item_id}`}>{r.store_item_name}</a> trong kho dữ liệu</>}
              {' '}· gửi {fmtDateTime(r.received_at)} · <strong>{STATUS_LABEL[r.status]}</strong>
              {r.status === 'received' ? <><br /><span class="muted">Hạn trả lời {fmtDateTime(r.due_at)}</span></> : <><br />Trả lời ({fmtDateTime(r.answered_at!)}): {r.answer}</>}
            </li>
          ))}
        </ul>
      )}
      <p><a class="button" href={FORM_PATH} role="button" draggable={false}>Gửi yêu cầu về dữ liệu cá nhân</a></p>

      <h2>Thời hạn lưu giữ</h2>
      <SummaryList rows={d.retention.map((r) => ({ key: r.label, value: r.period }))} />
    </Layout>
  );
}

type Values = Partial<Record<'loai' | 'muc' | 'sai' | 'dung' | 'noi_dung', string>>;

function RequestForm({ csrf, v, errors }: { csrf: string; v: Values; errors?: FieldError[] }) {
  return (
    <Layout title={titled(FORM_TITLE, errors)} back={{ href: PRIVACY_PATH, label: TITLE }}>
      <ErrorSummary errors={errors ?? []} />
      <h1>{FORM_TITLE}</h1>
      <p>Ủy ban nhân dân xã trả lời trong 2 ngày làm việc kể từ khi nhận yêu cầu. Hồ sơ thủ tục hành chính, lịch sử xử lý và sổ sách thu phí là hồ sơ lưu trữ theo quy định của pháp luật: không xóa được, nhưng thông tin sai sẽ được đính chính.</p>
      <form method="post" action={FORM_PATH} novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        <Radios name="loai" legend="Bạn muốn yêu cầu gì?" value={v.loai} error={errorFor(errors, 'loai')}
          options={REQUEST_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} />
        <TextField name="muc" label="Thông tin cần chỉnh sửa" hint="Chỉ khi yêu cầu chỉnh sửa. Ví dụ: địa chỉ trong hồ sơ HS-ABCD-1234." value={v.muc} error={errorFor(errors, 'muc')} />
        <TextField name="sai" label="Thông tin đang sai" value={v.sai} error={errorFor(errors, 'sai')} />
        <TextField name="dung" label="Thông tin đúng" value={v.dung} error={errorFor(errors, 'dung')} />
        <TextArea name="noi_dung" label="Nội dung yêu cầu" hint="Nêu rõ yêu cầu và lý do. Không ghi số định danh cá nhân." value={v.noi_dung} error={errorFor(errors, 'noi_dung')} />
        <Button>Gửi yêu cầu</Button>
      </form>
    </Layout>
  );
}

function validate(v: Values): FieldError[] {
  const e: FieldError[] = [];
  const kind = v.loai as RequestKind;
  if (!REQUEST_KINDS.includes(kind)) e.push({ field: 'loai', message: 'Chọn loại yêu cầu' });
  if (kind === 'correction') {
    if (!v.muc) e.push({ field: 'muc', message: 'Nhập thông tin cần chỉnh sửa' });
    if (!v.dung) e.push({ field: 'dung', message: 'Nhập thông tin đúng' });
  } else if (kind && (v.noi_dung ?? '').length < 10) e.push({ field: 'noi_dung', message: 'Nhập nội dung yêu cầu (ít nhất 10 ký tự)' });
  for (const [f, max] of [['muc', 200], ['sai', 1000], ['dung', 1000], ['noi_dung', 4000]] as const) {
    if ((v[f] ?? '').length > max) e.push({ field: f, message: `Quá dài (tối đa ${max} ký tự)` });
  }
  return e;
}

async function citizenOr(deps: Deps, req: Parameters<typeof currentCitizen>[1], reply: FastifyReply, back: string): Promise<CitizenRef | null> {
  const c = await currentCitizen(deps, req);
  if (!c) {
    void reply.redirect(loginTo(back), 303);
    return null;
  }
  return { id: c.id, idNumber: c.idNumber, name: c.name };
}

export async function privacyPages(app: App, deps: Deps) {
  app.get(PRIVACY_PATH, page, async (req, reply) => {
    const c = await citizenOr(deps, req, reply, PRIVACY_PATH);
    if (!c) return reply;
    void reply.header('Cache-Control', 'no-store');
    return sendPage(reply, <HeldPage d={await heldData(deps.db, c, deps.now())} sent={str(queryOf(req).da_gui) === '1'} />);
  });

  app.get(`${PRIVACY_PATH}.json`, page, async (req, reply) => {
    const c = await citizenOr(deps, req, reply, PRIVACY_PATH);
    if (!c) return reply;
    const d = await heldData(deps.db, c, deps.now());
    return reply.header('Cache-Control', 'no-store').header('Content-Disposition', 'attachment; filename="du-lieu-ca-nhan.json"')
      .type('application/json; charset=utf-8').send(JSON.stringify(d, null, 2));
  });

  app.get(FORM_PATH, page, async (req, reply) => {
    const c = await citizenOr(deps, req, reply, FORM_PATH);
    if (!c) return reply;
    return sendPage(reply, <RequestForm csrf={csrfToken(reply)} v={{}} />);
  });

  app.post(FORM_PATH, page, async (req, reply) => {
    const c = await citizenOr(deps, req, reply, FORM_PATH);
    if (!c) return reply;
    const body = bodyOf(req);
    const v: Values = Object.fromEntries((['loai', 'muc', 'sai', 'dung', 'noi_dung'] as const).map((f) => [f, str(body[f]).trim()]));
    const errors = validate(v);
    if (errors.length) return sendPage(reply, <RequestForm csrf={csrfToken(reply)} v={v} errors={errors} />, 400);
    const key = str(body[FORM_KEY]);
    if (!/^f-[0-9a-f-]{36}$/.test(key)) throw new Problem(400, 'FORM_KEY_MISSING', 'Biểu mẫu không hợp lệ. Vui lòng tải lại trang và gửi lại.');
    req.headers[IDEMPOTENCY_HEADER] = key; // a double submit replays the first request instead of sending a second
    await idempotent(deps.db, req, reply, `citizen:${c.id}`, async (trx) => ({
      status: 201,
      body: await submitRequest(trx, PORTAL_COMMUNE_ID, c, {
        kind: v.loai as RequestKind, item: v.muc, wrongValue: v.sai, rightValue: v.dung, detail: v.noi_dung,
      }, deps.now()),
    }), v);
    return reply.redirect(`${PRIVACY_PATH}?da_gui=1`, 303);
  });
}

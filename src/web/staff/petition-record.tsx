// An officer records a petition received at the counter, by phone or mail, or forwarded by another agency
// (/can-bo/phan-anh/ghi-nhan): the same filing as the portal's, with the channel and the time it reached the commune
// (the statutory clock starts then, QĐ 766 5.2). src/petitions/service.ts recordPetition decides.
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { hasRole, type Principal } from '../../identity/core/principal.ts';
import { CHANNEL_LABEL, STAFF_CHANNELS, recordPetition } from '../../petitions/service.ts';
import { Button, CsrfField, ErrorSummary, Radios, type FieldError } from '../components.tsx';
import { Area, Input } from '../fields.tsx';
import { KeyField, formOf, isFormProblem, onceForm, staffOrLoginTo, staffPage, str, type Form } from './common.tsx';
import { staffOrLogin } from './guard.ts';

const PAGE = '/can-bo/phan-anh/ghi-nhan';
const mayRecord = (p: Principal) => hasRole(p, 'receiving_officer', 'unit_head', 'leader', 'cchc_coordinator');

/** The link above the petition list, for those who may record one. */
export function RecordForm({ p }: { p: Principal }) {
  return mayRecord(p) ? <p><a class="button button--secondary" href={PAGE}>Ghi nhận phản ánh tại quầy, qua điện thoại, thư</a></p> : null;
}

const FIELD_OF: Record<string, string> = { RECEIVED_AT_INVALID: 'receivedAt', FST_ERR_VALIDATION: 'content' };

function showForm(reply: FastifyReply, p: Principal, v: Form = {}, errors: FieldError[] = [], status = 200) {
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  return staffPage(reply, p, 'Ghi nhận phản ánh, kiến nghị', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Ghi nhận phản ánh, kiến nghị</h1>
      <p>Thời hạn xử lý tính từ khi phản ánh đến xã (Quyết định 766/QĐ-TTg, chỉ số 5.2).</p>
      <form method="post" action={PAGE}>
        <CsrfField token={csrf} />
        <KeyField />
        <Radios name="channel" legend="Nhận qua" value={str(v, 'channel') || 'counter'} error={err('channel')}
          options={STAFF_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABEL[c] }))} />
        <Input id="receivedAt" name="receivedAt" type="datetime-local" label="Thời điểm phản ánh đến xã" hint="Để trống nếu là ngay bây giờ."
          value={str(v, 'receivedAt')} error={err('receivedAt')} />
        <Area id="content" name="content" label="Nội dung phản ánh, kiến nghị" required value={str(v, 'content')} error={err('content')} />
        <Input id="name" name="name" label="Họ và tên người phản ánh" required value={str(v, 'name')} error={err('name')} autocomplete="off" />
        <Input id="contact" name="contact" label="Số điện thoại hoặc địa chỉ liên hệ" value={str(v, 'contact')} autocomplete="off" />
        <Input id="dossierCode" name="dossierCode" label="Mã hồ sơ liên quan" value={str(v, 'dossierCode')} />
        <Input id="procedureCode" name="procedureCode" label="Mã thủ tục liên quan" value={str(v, 'procedureCode')} />
        <Input id="aboutStaff" name="aboutStaff" label="Cán bộ được phản ánh" value={str(v, 'aboutStaff')} />
        <Button>Ghi nhận</Button>
      </form>
    </>
  ), { status, back: { href: '/can-bo/phan-anh', label: 'Danh sách phản ánh' } });
}

export async function recordPetitionPages(app: App, deps: Deps) {
  app.get(PAGE, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    if (!mayRecord(p)) return staffPage(reply, p, 'Không có quyền', () => <h1>Bạn không có quyền ghi nhận phản ánh, kiến nghị</h1>, { status: 403 });
    return showForm(reply, p);
  });

  app.post(PAGE, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLoginTo(req, reply, PAGE);
    if (!p) return reply;
    const f = formOf(req);
    const errors: FieldError[] = [];
    const channel = str(f, 'channel') as (typeof STAFF_CHANNELS)[number];
    if (!STAFF_CHANNELS.includes(channel)) errors.push({ field: 'channel', message: 'Chọn kênh nhận phản ánh.' });
    if (str(f, 'content').length < 10) errors.push({ field: 'content', message: 'Nhập nội dung phản ánh (ít nhất 10 ký tự).' });
    if (!str(f, 'name')) errors.push({ field: 'name', message: 'Nhập họ và tên người phản ánh.' });
    if (errors.length) return showForm(reply, p, f, errors, 422);
    let id: string;
    try {
      const r = await onceForm(deps, req, reply, p, async (trx) => {
        const row = await recordPetition(trx, p, {
          channel, content: str(f, 'content').slice(0, 4000), name: str(f, 'name').slice(0, 200), contact: str(f, 'contact').slice(0, 200) || undefined,
          dossierCode: str(f, 'dossierCode').slice(0, 60) || undefined, procedureCode: str(f, 'procedureCode').slice(0, 60) || undefined,
          aboutStaff: str(f, 'aboutStaff').slice(0, 200) || undefined, receivedAt: str(f, 'receivedAt') || undefined,
        }, deps.now());
        return { status: 201, body: row };
      }, str(f, '_key'));
      id = r.id;
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return showForm(reply, p, f, [{ field: FIELD_OF[e.code] ?? 'content', message: e.title }], e.status);
    }
    return reply.redirect(`/can-bo/phan-anh/${id}`, 303);
  });
}

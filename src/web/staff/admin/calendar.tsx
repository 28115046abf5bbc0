// Calendar administration: a year's exceptional days for the commune (national, province and commune days
// merged as the deadline engine sees them) and a form to add or change a day, with its legal source: a day of the
// commune (its administrator), of the province or of the whole country (the province-level role; issue 13: a
// commune's administrator never changes another commune's calendar). Weekends are implicit and not listed.
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../../http/deps.ts';
import { editableCalendarScopes, type CalendarScope, type Principal } from '../../../identity/core/principal.ts';
import { communeAdminOnly, provinceAdminOnly } from '../../../org/admin.ts';
import { calendarDays, communeScopes, forgetCalendars, setDay } from '../../../calendar/store.ts';
import { mergeScopes, parseIsoDate, vnDate, weekdayOf, type DayType } from '../../../calendar/core/index.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../../components.tsx';
import { ADMIN_ROLES, rolePageOrLogin } from './guard.ts';
import { ADMIN_BACK, KeyField, Notice, formOf, isFormProblem, onceForm, q1, staffPage, str, type Form } from '../common.tsx';
import { Choice, Input, Table } from '../../fields.tsx';

export const DAY_TYPES: { value: DayType; label: string }[] = [
  { value: 'HOLIDAY', label: 'Nghỉ lễ, Tết' },
  { value: 'COMPENSATORY_OFF', label: 'Nghỉ bù' },
  { value: 'SWAPPED_WORKDAY', label: 'Làm bù (ngày làm việc thay cho ngày nghỉ)' },
  { value: 'WORKDAY', label: 'Ngày làm việc' },
  { value: 'WEEKEND', label: 'Ngày nghỉ' },
];
const SCOPES: Record<string, string> = { national: 'Toàn quốc', province: 'Tỉnh', commune: 'Xã' };
const SCOPE_CHOICES: Record<CalendarScope, string> = {
  commune: 'Riêng của xã', province: 'Cả tỉnh (mọi xã trong tỉnh)', national: 'Toàn quốc (mọi xã dùng hệ thống)',
};
const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && Number(m[1]) >= 1900 && Number(m[1]) <= 2100;
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

async function show(deps: Deps, reply: FastifyReply, p: Principal, year: number, values: Form, extra: { errors?: FieldError[]; ok?: boolean; status?: number } = {}) {
  const days = mergeScopes(await calendarDays(deps.db, p.communeId, `${year}-01-01`, `${year}-12-31`));
  const errors = extra.errors ?? [];
  const err = (f: string) => errors.find((e) => e.field === f)?.message;
  const scopes = editableCalendarScopes(p);
  return staffPage(reply, p, `Lịch làm việc năm ${year}`, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      {extra.ok && <Notice>Đã lưu ngày {dmy(str(values, 'date'))}. Hạn trả kết quả tính từ nay theo lịch mới; hồ sơ đã tiếp nhận giữ hạn cũ.</Notice>}
      <h1>Lịch làm việc năm {year}</h1>
      <p>
        <a href={`/can-bo/quan-tri/lich?year=${year - 1}`} rel="prev">Năm {year - 1}</a> · <a href={`/can-bo/quan-tri/lich?year=${year + 1}`} rel="next">Năm {year + 1}</a>
      </p>
      <p class="hint">Thứ Bảy, Chủ nhật là ngày nghỉ và không được liệt kê, trừ khi là ngày làm bù. Ngày của xã thay thế ngày của tỉnh và toàn quốc cùng ngày.</p>
      <Table caption={`Các ngày nghỉ, nghỉ bù và làm bù năm ${year}`} head={['Ngày', 'Loại', 'Tên', 'Căn cứ', 'Phạm vi', '']}>
        {days.map((d) => (
          <tr>
            <td>{WEEKDAYS[weekdayOf(parseIsoDate(d.date))]}, {dmy(d.date)}</td>
            <td>{DAY_TYPES.find((t) => t.value === d.type)?.label ?? d.type}</td>
            <td>{d.name}</td>
            <td>{d.source}</td>
            <td>{SCOPES[d.scope] ?? d.scope}</td>
            <td><a href={`/can-bo/quan-tri/lich?year=${year}&date=${d.date}#day-form`}>Sửa<span class="visually-hidden"> ngày {dmy(d.date)}</span></a></td>
          </tr>
        ))}
      </Table>
      <h2 id="day-form">{scopes.length === 1 && scopes[0] === 'commune' ? 'Thêm hoặc sửa một ngày của xã' : 'Thêm hoặc sửa một ngày'}</h2>
      <form method="post" action="/can-bo/quan-tri/lich" novalidate>
        <CsrfField token={csrf} />
        <KeyField />
        {scopes.length > 1
          ? <Choice id="scope" name="scope" label="Phạm vi áp dụng" required value={str(values, 'scope') || scopes[0]} error={err('scope')}
              options={scopes.map((s) => ({ value: s, label: SCOPE_CHOICES[s] }))} />
          : <input type="hidden" name="scope" value={scopes[0]} />}
        <Input id="date" name="date" type="date" label="Ngày" required value={str(values, 'date')} error={err('date')} short />
        <Choice id="type" name="type" label="Loại ngày" required value={str(values, 'type')} error={err('type')} empty="— Chọn loại ngày —" options={DAY_TYPES} />
        <Input id="name" name="name" label="Tên ngày" hint="Ví dụ: Nghỉ bù Giỗ Tổ Hùng Vương." required value={str(values, 'name')} error={err('name')} />
        <Input id="source" name="source" label="Văn bản căn cứ" hint="Số, ngày và cơ quan ban hành văn bản hoặc thông báo." required value={str(values, 'source')} error={err('source')} />
        <button type="submit" class="button button--primary">Lưu ngày</button>
      </form>
    </>
  ), { status: extra.status, back: ADMIN_BACK });
}

export async function calendarPages(app: App, deps: Deps) {
  app.get('/can-bo/quan-tri/lich', { schema: { hide: true } }, async (req, reply) => {
    const p = rolePageOrLogin(req, reply, ADMIN_ROLES);
    if (!p) return reply;
    const y = Number(q1(req, 'year'));
    const year = Number.isInteger(y) && y >= 1900 && y <= 2100 ? y : Number(vnDate(deps.now()).slice(0, 4));
    const date = q1(req, 'date');
    let values: Form = {};
    if (validDate(date)) {
      const day = mergeScopes(await calendarDays(deps.db, p.communeId, date, date))[0];
      values = { date, type: day?.type, name: day?.name, source: day?.source };
    }
    return show(deps, reply, p, year, values, { ok: q1(req, 'ok') === '1' && validDate(date) });
  });

  app.post('/can-bo/quan-tri/lich', { schema: { hide: true } }, async (req, reply) => {
    const p = rolePageOrLogin(req, reply, ADMIN_ROLES, '/can-bo/quan-tri/lich');
    if (!p) return reply;
    const f = formOf(req);
    const scopes = editableCalendarScopes(p);
    const scope = (str(f, 'scope') || scopes[0]) as CalendarScope;
    const date = str(f, 'date');
    const type = str(f, 'type') as DayType;
    const name = str(f, 'name');
    const source = str(f, 'source');
    const errors: FieldError[] = [];
    if (!validDate(date)) errors.push({ field: 'date', message: 'Nhập ngày hợp lệ.' });
    if (!DAY_TYPES.some((t) => t.value === type)) errors.push({ field: 'type', message: 'Chọn loại ngày.' });
    if (!name || name.length > 200) errors.push({ field: 'name', message: 'Nhập tên ngày (tối đa 200 ký tự).' });
    if (!source || source.length > 500) errors.push({ field: 'source', message: 'Nhập văn bản căn cứ (tối đa 500 ký tự).' });
    const year = validDate(date) ? Number(date.slice(0, 4)) : Number(vnDate(deps.now()).slice(0, 4));
    if (errors.length) return show(deps, reply, p, year, f, { errors, status: 422 });
    try {
      if (!scopes.includes(scope)) throw scope === 'commune' ? communeAdminOnly() : provinceAdminOnly('lịch làm việc của tỉnh và toàn quốc');
      const commune = await communeScopes(deps.db, p.communeId);
      const scopeId = scope === 'commune' ? p.communeId : scope === 'province' ? (commune?.province ?? '') : '';
      await onceForm(deps, req, reply, p, async (trx) => {
        await setDay(trx, p, { scope, scopeId, date, type, name, source });
        return { status: 200, body: { date } };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return show(deps, reply, p, year, f, { errors: [{ field: e.status === 403 ? 'scope' : 'date', message: e.title }], status: e.status });
    }
    forgetCalendars();
    return reply.redirect(`/can-bo/quan-tri/lich?year=${year}&date=${date}&ok=1`, 303);
  });
}

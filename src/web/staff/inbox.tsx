// The work list (/can-bo/ho-so): the caller's scope only (store.inbox / countsByState apply `scoped`), counts
// per state as links, filters, the online submissions awaiting receipt first (by their receipt deadline), then by
// due time, with late and due-soon dossiers labelled in words, and keyset pages (a "next page" link carrying the
// cursor of the last row).
import type { App, Deps } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import { cursorAfter, decodeCursor, type Cursor } from '../../dossiers/cursor.ts';
import { workCalendarFor } from '../../calendar/store.ts';
import { procedureNames, searchProcedures } from '../../catalogue/store.ts';
import { listStaff, listUnits } from '../../org/store.ts';
import { RECEIPT_TIME, STATE_CODES, stateName, type StateCode } from '../../dossiers/core/index.ts';
import { computeDue, type WorkCalendar } from '../../calendar/core/index.ts';
import { countsByState, inbox } from '../../dossiers/store.ts';
import { staffOrLogin } from './guard.ts';
import { StateTag } from '../components.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { DueTag, dueLabel, q1, staffPage, type DueLabel } from './common.tsx';
import { Choice, Options, Table } from '../fields.tsx';

/** The work list by default: dossiers still to be received, processed or returned. */
export const OPEN_STATES = [1, 2, 4, 5, 6, 9];
const PAGE = 50;

function cursorOf(c: string): Cursor {
  const cursor = decodeCursor(c);
  if (!cursor) throw new Problem(400, 'BAD_CURSOR', 'Đường dẫn trang sau không hợp lệ.', 'Hãy quay lại trang đầu của danh sách.');
  return cursor;
}

interface Filter {
  state: string; // '' = open states, 'all', or a state code
  procedure: string;
  mine: boolean;
  limit: number;
}

/** Left of a receipt deadline before it is called due soon (the whole window is one working day). */
const RECEIPT_SOON_HOURS = 2;

/** The deadline of a dossier's next step, with its label: receipt (state 1: core/receipt.ts; a submission from
 *  before the receipt deadline existed gets it from its submission time) or the result. */
function deadline(r: { state: number; receipt_due_at: Date | null; submitted_at: Date | null; due_at: Date | null }, now: Date, cal: WorkCalendar):
  { text: string; label: DueLabel } {
  if (r.state !== 1) return { text: r.due_at ? fmtDateTime(r.due_at) : 'Chưa có', label: dueLabel(r.state, r.due_at, now, cal) };
  const due = r.receipt_due_at ?? (r.submitted_at ? computeDue(r.submitted_at, RECEIPT_TIME, cal).dueAt : null);
  if (!due) return { text: 'Chưa có', label: null };
  return { text: `Tiếp nhận trước ${fmtDateTime(due)}`, label: receiptDueLabel(due, now, cal) };
}

/** Late, or due soon (less than RECEIPT_SOON_HOURS working hours left), for a receipt deadline. */
export const receiptDueLabel = (due: Date, now: Date, cal: WorkCalendar): DueLabel =>
  +now > +due ? 'late' : cal.workingHoursBetween(now, due) < RECEIPT_SOON_HOURS ? 'due-soon' : null;

const href = (f: Filter, cursor?: string) => {
  const q = new URLSearchParams();
  if (f.state) q.set('state', f.state);
  if (f.procedure) q.set('procedure', f.procedure);
  if (f.mine) q.set('assignee', 'me');
  if (f.limit !== PAGE) q.set('limit', String(f.limit));
  if (cursor) q.set('cursor', cursor);
  const s = q.toString();
  return `/can-bo/ho-so${s ? `?${s}` : ''}`;
};

export async function inboxPages(app: App, deps: Deps) {
  app.get('/can-bo/ho-so', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const stateParam = q1(req, 'state');
    const limitParam = Number(q1(req, 'limit') || PAGE);
    const f: Filter = {
      state: stateParam === 'all' || (STATE_CODES as readonly number[]).includes(Number(stateParam)) ? stateParam : '',
      procedure: /^[0-9A-Z][0-9A-Z.]{2,40}$/.test(q1(req, 'procedure')) ? q1(req, 'procedure') : '',
      mine: q1(req, 'assignee') === 'me',
      limit: Number.isInteger(limitParam) && limitParam >= 1 && limitParam <= 200 ? limitParam : PAGE,
    };
    const cursor = q1(req, 'cursor');
    const now = deps.now();
    const [rows, counts, cal, units, staff, procedures] = await Promise.all([
      inbox(deps.db, p, {
        states: f.state === 'all' ? undefined : f.state ? [Number(f.state)] : OPEN_STATES,
        assigneeId: f.mine ? p.id : undefined,
        procedureCode: f.procedure || undefined,
        after: cursor ? cursorOf(cursor) : undefined,
        limit: f.limit,
      }),
      countsByState(deps.db, p),
      workCalendarFor(deps.db, p.communeId),
      listUnits(deps.db, p.communeId),
      listStaff(deps.db, p.communeId),
      searchProcedures(deps.db, { at: now, limit: 500 }),
    ]);
    const names = await procedureNames(deps.db, rows.map((r) => r.procedure_code));
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const staffName = new Map(staff.map((s) => [s.id, s.fullName]));
    const last = rows.length === f.limit ? rows[rows.length - 1] : undefined;
    const count = (s: number) => counts[String(s)] ?? 0;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const open = OPEN_STATES.reduce((a, s) => a + count(s), 0);
    const current = (state: string) => (f.state === state ? 'page' : undefined);

    return staffPage(reply, p, 'Hồ sơ', () => (
      <>
        <h1>Hồ sơ</h1>
        <nav aria-label="Số hồ sơ theo trạng thái">
          <ul class="nav-counts">
            <li><a href={href({ ...f, state: '' })} aria-current={current('')}>Đang mở: {open}</a></li>
            {STATE_CODES.map((s) => (
              <li><a href={href({ ...f, state: String(s) })} aria-current={current(String(s))}>{stateName(s)}: {count(s)}</a></li>
            ))}
            <li><a href={href({ ...f, state: 'all' })} aria-current={current('all')}>Tất cả: {total}</a></li>
          </ul>
        </nav>

        <form method="get" action="/can-bo/ho-so" class="filters">
          <h2>Lọc danh sách</h2>
          <Choice
            id="state" name="state" label="Trạng thái" value={f.state} empty="Đang mở (chưa trả kết quả)"
            options={[...STATE_CODES.map((s) => ({ value: String(s), label: stateName(s) })), { value: 'all', label: 'Tất cả trạng thái' }]}
          />
          <Choice
            id="procedure" name="procedure" label="Thủ tục" value={f.procedure} empty="Tất cả thủ tục"
            options={procedures.map((x) => ({ value: x.code, label: `${x.name} (${x.code})` }))}
          />
          <Options id="assignee" name="assignee" legend="Người xử lý" type="checkbox" value={f.mine ? 'me' : undefined}
            options={[{ value: 'me', label: 'Chỉ hồ sơ được giao cho tôi' }]} required />
          <button type="submit" class="button button--secondary">Lọc</button>
        </form>

        <h2>Danh sách hồ sơ</h2>
        <p class="hint">
          Hồ sơ nộp trực tuyến chờ tiếp nhận ở đầu danh sách, theo hạn tiếp nhận: phải tiếp nhận hoặc từ chối trong 01 ngày làm
          việc kể từ khi nộp (nộp ngoài giờ thì tính từ giờ làm việc kế tiếp). Sau đó là các hồ sơ khác theo hạn trả kết quả, hạn
          sớm nhất trước; hồ sơ chưa có hạn ở cuối. “Sắp đến hạn”: còn dưới 01 ngày làm việc (hạn tiếp nhận: dưới {RECEIPT_SOON_HOURS} giờ làm việc).
        </p>
        {rows.length === 0 ? (
          <p>Không có hồ sơ nào{cursor ? ' ở trang này' : ''}.</p>
        ) : (
          <Table caption="Hồ sơ trong phạm vi của bạn: chờ tiếp nhận trước, sau đó theo hạn trả kết quả" head={['Mã hồ sơ', 'Thủ tục', 'Người nộp', 'Trạng thái', 'Đang ở', 'Hạn']}>
            {rows.map((r) => {
              const { text, label } = deadline(r, now, cal);
              return (
                <tr class={label === 'late' || label === 'due-soon' ? label : undefined}>
                  <td>
                    <a href={`/can-bo/ho-so/${r.id}`}>{r.code ?? r.reference}</a>
                    {!r.code && <><br /><span class="muted">Mã tra cứu, chưa có mã hồ sơ</span></>}
                  </td>
                  <td>{names.get(r.procedure_code) ?? r.procedure_code}</td>
                  <td>{r.applicant_name}</td>
                  <td><StateTag state={r.state} name={stateName(r.state as StateCode)} /></td>
                  <td>
                    {r.current_unit_id ? (unitName.get(r.current_unit_id) ?? '') : ''}
                    {r.assignee_id ? <><br />{staffName.get(r.assignee_id) ?? ''}</> : null}
                  </td>
                  <td>{text} <DueTag label={label} /></td>
                </tr>
              );
            })}
          </Table>
        )}
        <p>
          {cursor && <a href={href(f)} class="button button--secondary">Về trang đầu</a>}
          {last && <a href={href(f, cursorAfter(last))} class="button button--secondary" rel="next">Trang sau</a>}
        </p>
      </>
    ));
  });
}

// The work list (/can-bo/ho-so): the caller's scope only (store.inbox / countsByState apply `scoped`), counts
// per state as links, filters, sorted by due time with late and due-soon dossiers labelled in words, and
// keyset pages (a "next page" link carrying the cursor of the last row).
import type { App, Deps } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import { decodeCursor, encodeCursor, type Cursor } from '../../dossiers/cursor.ts';
import { workCalendarFor } from '../../calendar/store.ts';
import { procedureNames, searchProcedures } from '../../catalogue/store.ts';
import { listStaff, listUnits } from '../../org/store.ts';
import { STATE_CODES, stateName, type StateCode } from '../../dossiers/core/index.ts';
import { countsByState, inbox } from '../../dossiers/store.ts';
import { staffOrLogin } from './guard.ts';
import { StateTag } from '../components.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { DueTag, dueLabel, q1, staffPage } from './common.tsx';
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
        <p class="hint">Sắp xếp theo hạn trả kết quả, hạn sớm nhất trước; hồ sơ chưa có hạn ở cuối. “Sắp đến hạn”: còn dưới 01 ngày làm việc.</p>
        {rows.length === 0 ? (
          <p>Không có hồ sơ nào{cursor ? ' ở trang này' : ''}.</p>
        ) : (
          <Table caption="Hồ sơ trong phạm vi của bạn, theo hạn trả kết quả" head={['Mã hồ sơ', 'Thủ tục', 'Người nộp', 'Trạng thái', 'Đang ở', 'Hạn trả kết quả']}>
            {rows.map((r) => {
              const label = dueLabel(r.state, r.due_at, now, cal);
              return (
                <tr class={label === 'late' || label === 'due-soon' ? label : undefined}>
                  <td><a href={`/can-bo/ho-so/${r.id}`}>{r.code ?? 'Chưa có mã (nộp trực tuyến)'}</a></td>
                  <td>{names.get(r.procedure_code) ?? r.procedure_code}</td>
                  <td>{r.applicant_name}</td>
                  <td><StateTag state={r.state} name={stateName(r.state as StateCode)} /></td>
                  <td>
                    {r.current_unit_id ? (unitName.get(r.current_unit_id) ?? '') : ''}
                    {r.assignee_id ? <><br />{staffName.get(r.assignee_id) ?? ''}</> : null}
                  </td>
                  <td>{r.due_at ? fmtDateTime(r.due_at) : 'Chưa có'} <DueTag label={label} /></td>
                </tr>
              );
            })}
          </Table>
        )}
        <p>
          {cursor && <a href={href(f)} class="button button--secondary">Về trang đầu</a>}
          {last && <a href={href(f, encodeCursor(last.due_at, last.id))} class="button button--secondary" rel="next">Trang sau</a>}
        </p>
      </>
    ));
  });
}

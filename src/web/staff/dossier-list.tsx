// The rows of a dossier list (the inbox's "Việc cần làm" groups and "Tất cả hồ sơ"): code or reference, procedure,
// applicant, state, where it is, and the deadline of its next step with late and due-soon labels in words.
import { Problem } from '../../http/problem.ts';
import { decodeCursor, type Cursor } from '../../dossiers/cursor.ts';
import type { inbox } from '../../dossiers/store.ts';
import { RECEIPT_TIME, stateName, type StateCode } from '../../dossiers/core/index.ts';
import { computeDue, type WorkCalendar } from '../../calendar/core/index.ts';
import { StateTag } from '../components.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { DueTag, dueLabel, type DueLabel } from './common.tsx';
import { Table } from '../fields.tsx';

export type ListRow = Awaited<ReturnType<typeof inbox>>[number];

/** The keyset cursor of a "next page" link, or 400 when it was tampered with. */
export function cursorOf(c: string): Cursor {
  const cursor = decodeCursor(c);
  if (!cursor) throw new Problem(400, 'BAD_CURSOR', 'Đường dẫn trang sau không hợp lệ.', 'Hãy quay lại trang đầu của danh sách.');
  return cursor;
}

/** Left of a receipt deadline before it is called due soon (the whole window is one working day). */
export const RECEIPT_SOON_HOURS = 2;

/** Late, or due soon (less than RECEIPT_SOON_HOURS working hours left), for a receipt deadline. */
export const receiptDueLabel = (due: Date, now: Date, cal: WorkCalendar): DueLabel =>
  +now > +due ? 'late' : cal.workingHoursBetween(now, due) < RECEIPT_SOON_HOURS ? 'due-soon' : null;

/** The deadline of a dossier's next step, with its label: receipt (state 1: core/receipt.ts; a submission from
 *  before the receipt deadline existed gets it from its submission time) or the result. */
function deadline(r: { state: number; receipt_due_at: Date | null; submitted_at: Date | null; due_at: Date | null }, now: Date, cal: WorkCalendar):
  { text: string; label: DueLabel } {
  if (r.state !== 1) return { text: r.due_at ? fmtDateTime(r.due_at) : 'Chưa có', label: dueLabel(r.state, r.due_at, now, cal) };
  const due = r.receipt_due_at ?? (r.submitted_at ? computeDue(r.submitted_at, RECEIPT_TIME, cal).dueAt : null);
  if (!due) return { text: 'Chưa có', label: null };
  return { text: `Tiếp nhận trước ${fmtDateTime(due)}`, label: receiptDueLabel(due, now, cal) };
}

export interface ListNames {
  procedure: Map<string, string>;
  unit: Map<number, string>;
  staff: Map<number, string>;
}

export function DossierTable({ rows, caption, names, now, cal }: { rows: ListRow[]; caption: string; names: ListNames; now: Date; cal: WorkCalendar }) {
  return (
    <Table caption={caption} head={['Mã hồ sơ', 'Thủ tục', 'Người nộp', 'Trạng thái', 'Đang ở', 'Hạn']}>
      {rows.map((r) => {
        const { text, label } = deadline(r, now, cal);
        return (
          <tr class={label === 'late' || label === 'due-soon' ? label : undefined}>
            <td>
              <a href={`/can-bo/ho-so/${r.id}`}>{r.code ?? r.reference}</a>
              {!r.code && <><br /><span class="muted">Mã tra cứu, chưa có mã hồ sơ</span></>}
              {r.from_portal && <><br /><span class="muted">Nộp trên Cổng Dịch vụ công quốc gia</span></>}
              {r.received_elsewhere && <><br /><span class="muted">Xã khác tiếp nhận, chuyển đến (không phụ thuộc địa giới)</span></>}
            </td>
            <td>{names.procedure.get(r.procedure_code) ?? r.procedure_code}</td>
            <td>{r.applicant_name}</td>
            <td><StateTag state={r.state} name={stateName(r.state as StateCode)} /></td>
            <td>
              {r.current_unit_id ? (names.unit.get(r.current_unit_id) ?? '') : ''}
              {r.assignee_id ? <><br />{names.staff.get(r.assignee_id) ?? ''}</> : null}
            </td>
            <td>{text} <DueTag label={label} /></td>
          </tr>
        );
      })}
    </Table>
  );
}

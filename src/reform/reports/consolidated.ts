// Gathers the facts of the commune's consolidated report for a call (core/consolidated.ts lays it out): the accepted
// unit reports, the live indicators of the period (src/indicators: the 766 index, the period report for the online
// share, the ratings and the plan's targets) and the plan task figures (src/reform/task-measures.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { orgFacts } from '../../documents/store.ts';
import { periodName, periodOf } from '../../indicators/core/periods.ts';
import { publicFigures } from '../../indicators/public.ts';
import { report } from '../../indicators/service.ts';
import { taskFigures, type TaskFigures } from '../task-measures.ts';
import type { ConsolidatedInput, Figure } from './core/consolidated.ts';
import { specOf } from './core/period.ts';
import { filesOf, firstLeader, listReports, type CallRow } from './store.ts';

type Db = Kysely<Database>;

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/** The figures of section III, from the indicator engine and the plan's tasks (null = no data, never zero). */
export function figuresOf(
  f: Awaited<ReturnType<typeof publicFigures>>, online: { online: number; total: number }, tasks: TaskFigures,
): Figure[] {
  const byId = new Map(f.index.groups.flatMap((g) => g.indicators).map((x) => [x.def.id, x]));
  const rate = (id: string) => { const x = byId.get(id); return x && x.status === 'ok' ? x.rate : null; };
  const noTasks = 'Chưa có nhiệm vụ đến hạn trong kỳ';
  return [
    { label: `Bộ chỉ số 766: điểm của các chỉ số tính được (tối đa ${f.index.maxPoints} điểm)`, value: f.index.score, format: 'points', max: f.index.computedMax },
    { label: 'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn (chỉ số 766 số 2.1)', value: rate('2.1'), format: 'rate' },
    { label: 'Tỷ lệ hồ sơ tiếp nhận trực tuyến trên tổng hồ sơ tiếp nhận trong kỳ', value: ratio(online.online, online.total), format: 'rate' },
    { label: 'Mức độ hài lòng trong tiếp nhận, giải quyết TTHC (chỉ số 766 số 5.4)', value: rate('5.4'), format: 'rate' },
    { label: `Người dân đánh giá hài lòng, rất hài lòng (${f.ratings.total} lượt đánh giá)`, value: ratio(f.ratings.very_satisfied + f.ratings.satisfied, f.ratings.total), format: 'rate' },
    { label: 'Nhiệm vụ của kế hoạch CCHC đến hạn trong kỳ', value: tasks.due || null, format: 'count', note: noTasks },
    { label: 'Tỷ lệ nhiệm vụ hoàn thành đúng hạn', value: ratio(tasks.onTime, tasks.due), format: 'rate', note: noTasks },
    { label: 'Nhiệm vụ quá hạn chưa hoàn thành', value: tasks.due ? tasks.overdue : null, format: 'count', note: noTasks },
    ...f.targets.map((t): Figure => ({
      label: `Mục tiêu: ${t.target.text}`, value: t.value, format: 'rate', target: t.target.target, met: t.met,
      note: t.target.measure === null ? 'Không đo được từ dữ liệu của Xã Số' : 'Chưa có dữ liệu trong kỳ',
    })),
  ];
}

export async function consolidatedInput(db: Db, call: CallRow, now: Date): Promise<ConsolidatedInput> {
  const communeId = call.commune_id;
  const spec = specOf({ kind: call.kind, year: call.period_year, quarter: call.period_quarter, month: call.period_month });
  const period = periodOf(spec);
  const [rows, figures, counts, tasks, { org }, leader] = await Promise.all([
    listReports(db, { communeId }, [call.id]),
    publicFigures(db, communeId, spec, now),
    report(db, { communeId }, period),
    taskFigures(db, { communeId, from: period.start, to: period.end }),
    orgFacts(db, communeId, []),
    firstLeader(db, communeId),
  ]);
  const files = await filesOf(db, rows.map((r) => r.id));
  const received = counts.receivedOnline + counts.receivedDirect + counts.receivedPostal;
  return {
    org, kind: call.kind, periodName: periodName(spec), year: call.period_year, start: period.start, end: period.end,
    units: rows.map((r) => ({
      code: r.unit_code, name: r.unit_name, status: r.status, submittedAt: r.first_submitted_at, lateDays: r.late_working_days,
      files: files.filter((f) => f.report_id === r.id).length,
    })),
    accepted: rows.filter((r) => r.status === 'accepted').map((r) => ({ unitName: r.unit_name, content: r.content })),
    figures: figuresOf(figures, { online: counts.receivedOnline, total: received }, tasks),
    leaderName: leader?.full_name ?? null,
    key: [communeId, call.kind, call.period_year, call.period_quarter ? `Q${call.period_quarter}` : call.period_month ? String(call.period_month).padStart(2, '0') : null]
      .filter(Boolean).join('-'),
    now,
  };
}

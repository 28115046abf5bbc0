// The standard period report on dossier handling (pure): per field and procedure, the dossiers carried over from
// the previous period, received in the period by channel (online / at the counter / by post), processed early, on
// time or late, still in progress (on time or already late at the period's end), and returned. The early / on
// time / late judgement is indicator 2.1's (progress.ts), so the report and the 766 index always agree.
import { progressOf, type Period, type Progress, type ProgressFacts } from './progress.ts';

export interface ReportDossier extends ProgressFacts {
  fieldCode: string;
  fieldName: string;
  procedureCode: string;
  procedureName: string;
  channel: 'direct' | 'online' | 'postal';
  returnedAt: Date | null;
}

export interface ReportCounts {
  carriedOver: number;
  receivedOnline: number;
  receivedDirect: number;
  receivedPostal: number;
  /** carriedOver + received in the period. */
  total: number;
  processedEarly: number;
  processedOnTime: number;
  processedLate: number;
  inProgressOnTime: number;
  inProgressLate: number;
  returned: number;
}

export interface ReportRow extends ReportCounts {
  code: string;
  name: string;
}

export interface ReportSection extends ReportCounts {
  fieldCode: string;
  fieldName: string;
  procedures: ReportRow[];
}

export interface PeriodReport extends ReportCounts {
  fields: ReportSection[];
}

const ZERO: ReportCounts = {
  carriedOver: 0, receivedOnline: 0, receivedDirect: 0, receivedPostal: 0, total: 0, processedEarly: 0,
  processedOnTime: 0, processedLate: 0, inProgressOnTime: 0, inProgressLate: 0, returned: 0,
};
const KEYS = Object.keys(ZERO) as (keyof ReportCounts)[];

/** How one dossier stands in the report of a period: its 2.1 status (null: out of scope), whether it finished
 *  within the period, whether it was received before it, its channel of receipt, whether it was returned in it. */
export interface ReportClass {
  status: Progress | null;
  finished: boolean;
  carriedOver: boolean;
  channel: string;
  returned: boolean;
}

/** The report's counts of n dossiers standing as `c` (all zeros when they play no part in it). */
export function countsOfClass(c: ReportClass, n = 1): ReportCounts {
  const r = { ...ZERO };
  if (c.returned) r.returned = n;
  if (c.status === null) return r;
  if (c.carriedOver) r.carriedOver = n;
  else if (c.channel === 'online') r.receivedOnline = n;
  else if (c.channel === 'postal') r.receivedPostal = n;
  else r.receivedDirect = n;
  r.total = n;
  if (c.finished) {
    if (c.status === 'early') r.processedEarly = n;
    else if (c.status === 'on_time') r.processedOnTime = n;
    else r.processedLate = n;
  } else if (c.status === 'late') r.inProgressLate = n;
  else r.inProgressOnTime = n;
  return r;
}

/** What one dossier adds to the report of the period (all zeros when it plays no part in it). */
export function reportCounts(d: ReportDossier, p: Period): ReportCounts {
  const status = progressOf(d, p);
  return countsOfClass({
    status,
    finished: !!d.finishedAt && d.finishedAt < p.end,
    carriedOver: status !== null && d.receivedAt! < p.start,
    channel: d.channel,
    returned: !!d.returnedAt && d.returnedAt >= p.start && d.returnedAt < p.end,
  });
}

function add(into: ReportCounts, c: ReportCounts) {
  for (const k of KEYS) into[k] += c[k];
}

/** A procedure's counts in the report (of one dossier, or already summed). */
export interface ReportItem {
  fieldCode: string;
  fieldName: string;
  procedureCode: string;
  procedureName: string;
  counts: ReportCounts;
}

/** The report by field (sorted by Vietnamese name) and procedure, with the totals. */
export function reportOf(items: Iterable<ReportItem>): PeriodReport {
  const fields = new Map<string, ReportSection & { byCode: Map<string, ReportRow> }>();
  const all: PeriodReport = { ...ZERO, fields: [] };
  for (const d of items) {
    const c = d.counts;
    if (KEYS.every((k) => c[k] === 0)) continue;
    let f = fields.get(d.fieldCode);
    if (!f) fields.set(d.fieldCode, (f = { ...ZERO, fieldCode: d.fieldCode, fieldName: d.fieldName, procedures: [], byCode: new Map() }));
    let row = f.byCode.get(d.procedureCode);
    if (!row) f.byCode.set(d.procedureCode, (row = { ...ZERO, code: d.procedureCode, name: d.procedureName }));
    add(row, c);
    add(f, c);
    add(all, c);
  }
  all.fields = [...fields.values()]
    .sort((a, b) => a.fieldName.localeCompare(b.fieldName, 'vi'))
    .map(({ byCode, ...f }) => ({ ...f, procedures: [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi')) }));
  return all;
}

export function periodReport(dossiers: Iterable<ReportDossier>, p: Period): PeriodReport {
  return reportOf([...dossiers].map((d) => ({ ...d, counts: reportCounts(d, p) })));
}

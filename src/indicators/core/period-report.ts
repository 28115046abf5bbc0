// The standard period report on dossier handling (pure): per field and procedure, the dossiers carried over from
// the previous period, received in the period by channel (online / at the counter / by post), processed early, on
// time or late, still in progress (on time or already late at the period's end), and returned. The early / on
// time / late judgement is indicator 2.1's (progress.ts), so the report and the 766 index always agree.
import { progressOf, type Period, type ProgressFacts } from './progress.ts';

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

/** What one dossier adds to the report of the period (all zeros when it plays no part in it). */
export function reportCounts(d: ReportDossier, p: Period): ReportCounts {
  const c = { ...ZERO };
  if (d.returnedAt && d.returnedAt >= p.start && d.returnedAt < p.end) c.returned = 1;
  const status = progressOf(d, p);
  if (status === null) return c;
  if (d.receivedAt! < p.start) c.carriedOver = 1;
  else if (d.channel === 'online') c.receivedOnline = 1;
  else if (d.channel === 'postal') c.receivedPostal = 1;
  else c.receivedDirect = 1;
  c.total = 1;
  const finished = !!d.finishedAt && d.finishedAt < p.end;
  if (finished) {
    if (status === 'early') c.processedEarly = 1;
    else if (status === 'on_time') c.processedOnTime = 1;
    else c.processedLate = 1;
  } else if (status === 'late') c.inProgressLate = 1;
  else c.inProgressOnTime = 1;
  return c;
}

function add(into: ReportCounts, c: ReportCounts) {
  for (const k of KEYS) into[k] += c[k];
}

export function periodReport(dossiers: Iterable<ReportDossier>, p: Period): PeriodReport {
  const fields = new Map<string, ReportSection & { byCode: Map<string, ReportRow> }>();
  const all: PeriodReport = { ...ZERO, fields: [] };
  for (const d of dossiers) {
    const c = reportCounts(d, p);
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

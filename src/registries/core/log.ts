// The administrator's view of the lookup log (pure): the filter's days as instants, the keyset cursor, the CSV.
import { parseDate } from './compare.ts';
import { OUTCOME_LABEL, REGISTRY_INFO, type Outcome, type RegistryCode } from './registry.ts';

const VN_OFFSET_MS = 7 * 3_600_000;

/** The instant a Vietnam-local day (YYYY-MM-DD or dd/MM/yyyy) starts; `next`: the day after it starts. */
export function vnDayStart(day: string, next = false): Date | null {
  const iso = parseDate(day);
  if (!iso) return null;
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + (next ? 1 : 0)) - VN_OFFSET_MS);
}

export const encodeLogCursor = (at: Date, id: number) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

export function decodeLogCursor(c: string): { at: Date; id: number } | null {
  if (c.length > 120) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(c, 'base64url').toString()) as [unknown, unknown];
    if (typeof at !== 'string' || !Number.isSafeInteger(id) || (id as number) < 1) return null;
    const d = new Date(at);
    return Number.isNaN(d.getTime()) ? null : { at: d, id: id as number };
  } catch {
    return null;
  }
}

export interface LogLine {
  id: number; at: Date; registry: string; purpose: string; outcome: string; subject_masked: string; subject_name: string | null;
  staff_name: string | null; citizen_id: number | null; dossier_code: string | null; dossier_reference: string | null; draft_id: string | null;
}

export const who = (l: Pick<LogLine, 'staff_name' | 'citizen_id'>) => l.staff_name ?? (l.citizen_id !== null ? 'Công dân (tự điền tờ khai)' : '');
export const caseOf = (l: Pick<LogLine, 'dossier_code' | 'dossier_reference' | 'draft_id'>) =>
  l.dossier_code ?? l.dossier_reference ?? (l.draft_id ? 'Hồ sơ đang soạn trên cổng' : '');
export const registryLabel = (r: string) => REGISTRY_INFO[r as RegistryCode]?.short ?? r;
export const outcomeLabel = (o: string) => OUTCOME_LABEL[o as Outcome] ?? o;

const cell = (s: string) => (/[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : s);

/** The log as CSV (UTF-8 with BOM for spreadsheets; formula-like cells neutralised). `fmt`: the time as shown. */
export function logCsv(lines: readonly LogLine[], fmt: (d: Date) => string): string {
  const head = ['Thời điểm', 'Người tra cứu', 'Hồ sơ', 'Mục đích', 'Cơ sở dữ liệu', 'Kết quả', 'Người được tra cứu', 'Số định danh (che)'];
  const rows = lines.map((l) => [fmt(l.at), who(l), caseOf(l), l.purpose, registryLabel(l.registry), outcomeLabel(l.outcome), l.subject_name ?? '', l.subject_masked]);
  return `\uFEFF${[head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

// The dashboard's "Tải báo cáo": the period report of the period shown (.xlsx, PDF) and the tracking book of a field
// for that period (PDF, .xlsx), through the staff API (src/indicators/export-routes.ts, src/documents/routes.ts).
import type { Deps } from '../../http/deps.ts';
import { openFields } from '../../catalogue/store.ts';
import { vnDate } from '../../calendar/core/vn-time.ts';
import type { PeriodSpec } from '../../indicators/core/periods.ts';
import { periodName, periodOf } from '../../indicators/core/periods.ts';
import { Select } from '../components.tsx';

/** The fields (lĩnh vực) of the procedures in force (the catalogue is national), by name. */
export async function bookFields(db: Deps['db']): Promise<{ code: string; name: string }[]> {
  const rows = await openFields(db);
  const seen = new Map<string, string>();
  for (const r of rows) if (!seen.has(r.field_code)) seen.set(r.field_code, r.field_name);
  return [...seen].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export function Downloads({ spec, fields }: { spec: PeriodSpec; fields: { code: string; name: string }[] }) {
  const q = `year=${spec.year}${spec.month ? `&month=${spec.month}` : ''}`;
  const p = periodOf(spec);
  return (
    <>
      <p>Tải báo cáo tình hình giải quyết hồ sơ {periodName(spec)}: <a href={`/api/v1/indicators/report.xlsx?${q}`} download>bảng tính (.xlsx)</a>, <a href={`/api/v1/indicators/report.pdf?${q}`} download>bản in (PDF)</a>.</p>
      {fields.length > 0 && (
        <form method="get" action="/api/v1/tracking-book" class="period-form">
          <input type="hidden" name="from" value={vnDate(p.start)} />
          <input type="hidden" name="to" value={vnDate(new Date(p.end.getTime() - 1))} />
          <Select name="field" label={`Sổ theo dõi hồ sơ ${periodName(spec)}, lĩnh vực`} options={fields.map((f) => ({ value: f.code, label: f.name }))} />
          <button class="button button--secondary" type="submit">Tải sổ (PDF)</button>{' '}
          <button class="button button--secondary" type="submit" formaction="/api/v1/tracking-book.xlsx">Tải sổ (.xlsx)</button>
        </form>
      )}
    </>
  );
}

// The year and month chooser of the province's views (staff dashboard `/can-bo/tinh`, public page `/tinh`): a GET
// form, no script; `keep` carries other query values (the dashboard's sort) through a change of period.
import type { PeriodSpec } from '../indicators/core/periods.ts';

export function YearMonthForm({ spec, action, keep = {} }: { spec: PeriodSpec; action: string; keep?: Record<string, string> }) {
  return (
    <form method="get" action={action} class="period-form">
      <div class="field">
        <label for="nam">Năm</label>
        <input id="nam" name="nam" type="number" inputMode="numeric" min={2020} max={2100} value={String(spec.year)} class="input--short" />
      </div>
      <div class="field">
        <label for="thang">Tháng</label>
        <select id="thang" name="thang">
          <option value="0" selected={spec.month === undefined}>Cả năm</option>
          {Array.from({ length: 12 }, (_, i) => <option value={String(i + 1)} selected={spec.month === i + 1}>Tháng {i + 1}</option>)}
        </select>
      </div>
      {Object.entries(keep).filter(([, v]) => v).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <button type="submit" class="button button--secondary">Xem</button>
    </form>
  );
}

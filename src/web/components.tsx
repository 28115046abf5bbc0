// Shared page parts, after the GOV.UK Design System patterns: error summary at the top, one label per field
// with hint and inline error, buttons, tags, summary lists. Accessible by construction (WCAG 2.2 AA).
import type { Children } from './render.tsx';
import { Area, Choice, Input } from './fields.tsx';

export interface FieldError {
  field: string; // id of the input it concerns
  message: string; // Vietnamese
}

export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">Có lỗi cần sửa</h2>
      <ul>
        {errors.map((e) => (
          <li><a href={`#${e.field}`}>{e.message}</a></li>
        ))}
      </ul>
    </div>
  );
}

export const errorFor = (errors: FieldError[] | undefined, field: string) => errors?.find((e) => e.field === field)?.message;

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string | number | null;
  type?: 'text' | 'date' | 'number' | 'email' | 'tel' | 'password' | 'search' | 'datetime-local' | 'file';
  required?: boolean;
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'tel' | 'email';
  accept?: string;
  width?: 'short' | 'full';
}

/** A field whose element id is its name (one form per page, as in the portal). */
const own = (p: Omit<FieldProps, 'type' | 'width'>) => ({ id: p.name, name: p.name, label: p.label, hint: p.hint, error: p.error, required: p.required });

export function TextField(p: FieldProps) {
  return <Input {...own(p)} value={p.value} type={p.type} autocomplete={p.autocomplete} inputmode={p.inputmode} accept={p.accept} short={p.width === 'short'} />;
}

export function TextArea(p: Omit<FieldProps, 'type'>) {
  return <Area {...own(p)} value={p.value === null || p.value === undefined ? p.value : String(p.value)} />;
}

export function Select(p: Omit<FieldProps, 'type'> & { options: { value: string; label: string }[] }) {
  return <Choice {...own(p)} value={p.value} options={p.options} />;
}

export function Radios(p: { name: string; legend: string; hint?: string; error?: string; value?: string; options: { value: string; label: string; hint?: string }[] }) {
  return (
    <div class={`field${p.error ? ' field--error' : ''}`}>
      <fieldset aria-describedby={p.hint ? `${p.name}-hint` : undefined}>
        <legend>{p.legend}</legend>
        {p.hint && <p class="hint" id={`${p.name}-hint`}>{p.hint}</p>}
        {p.error && <p class="error-message" id={`${p.name}-error`}><span class="visually-hidden">Lỗi: </span>{p.error}</p>}
        {p.options.map((o, i) => (
          <div class="radio">
            <input type="radio" id={i === 0 ? p.name : `${p.name}-${i}`} name={p.name} value={o.value} checked={p.value === o.value} />
            <label for={i === 0 ? p.name : `${p.name}-${i}`}>{o.label}</label>
            {o.hint && <p class="hint">{o.hint}</p>}
          </div>
        ))}
      </fieldset>
    </div>
  );
}

export function Button({ children, variant = 'primary', name, value }: { children: Children; variant?: 'primary' | 'secondary' | 'warning'; name?: string; value?: string }) {
  return <button type="submit" class={`button button--${variant}`} name={name} value={value}>{children}</button>;
}

/** A label/value list (GOV.UK "summary list"), e.g. for "check your answers". */
export function SummaryList({ rows }: { rows: { key: string; value: Children; change?: string }[] }) {
  return (
    <dl class="summary-list">
      {rows.map((r) => (
        <div class="summary-list__row">
          <dt>{r.key}</dt>
          <dd>{r.value}</dd>
          {r.change && <dd class="summary-list__action"><a href={r.change}>Thay đổi<span class="visually-hidden"> {r.key.toLowerCase()}</span></a></dd>}
        </div>
      ))}
    </dl>
  );
}

const STATE_TONE: Record<number, string> = { 1: 'blue', 2: 'blue', 3: 'red', 4: 'blue', 5: 'yellow', 6: 'yellow', 7: 'grey', 8: 'grey', 9: 'green', 10: 'green' };

export function StateTag({ state, name }: { state: number; name: string }) {
  return <strong class={`tag tag--${STATE_TONE[state] ?? 'grey'}`}>{name}</strong>;
}

export function Panel({ title, children }: { title: string; children: Children }) {
  return (
    <div class="panel">
      <h1 class="panel__title">{title}</h1>
      <div class="panel__body">{children}</div>
    </div>
  );
}

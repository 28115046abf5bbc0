// Form fields (label, hint, inline error, aria) in the GOV.UK pattern. The element id is separate from the field
// name: a staff dossier page holds several action forms whose fields share names (reason, items…), and ids must
// stay unique for the labels and the error summary links. The portal's TextField/TextArea/Select
// (components.tsx) are these with id = name.
import type { Children } from './render.tsx';

interface Base {
  id: string;
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

const describedBy = (p: Base) => [p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined;

function Wrap(p: Base & { children: Children }) {
  return (
    <div class={`field${p.error ? ' field--error' : ''}`}>
      <label for={p.id}>{p.label}{p.required ? '' : ' (không bắt buộc)'}</label>
      {p.hint && <p class="hint" id={`${p.id}-hint`}>{p.hint}</p>}
      {p.error && <p class="error-message" id={`${p.id}-error`}><span class="visually-hidden">Lỗi: </span>{p.error}</p>}
      {p.children}
    </div>
  );
}

export function Input(p: Base & {
  value?: string | number | null;
  type?: 'text' | 'date' | 'number' | 'email' | 'tel' | 'password' | 'search' | 'datetime-local' | 'file';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'tel' | 'email';
  accept?: string;
  short?: boolean;
}) {
  const secret = p.type === 'password' || p.type === 'file';
  return (
    <Wrap {...p}>
      <input
        id={p.id} name={p.name} type={p.type ?? 'text'} value={secret ? undefined : (p.value ?? '')} required={p.required}
        autocomplete={p.autocomplete} inputMode={p.inputmode} accept={p.accept} aria-describedby={describedBy(p)}
        aria-invalid={p.error ? 'true' : undefined} class={p.short ? 'input--short' : undefined}
      />
    </Wrap>
  );
}

export function Area(p: Base & { value?: string | null; rows?: number; spellcheck?: boolean }) {
  return (
    <Wrap {...p}>
      <textarea
        id={p.id} name={p.name} rows={p.rows ?? 4} required={p.required} spellcheck={p.spellcheck}
        aria-describedby={describedBy(p)} aria-invalid={p.error ? 'true' : undefined}
      >
        {p.value ?? ''}
      </textarea>
    </Wrap>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** Options shown under a heading of a select (<optgroup>), e.g. officers by unit. */
export interface OptionGroup {
  label: string;
  options: Option[];
}

export function Choice(p: Base & { value?: string | number | null; options: Option[]; groups?: OptionGroup[]; empty?: string }) {
  const option = (o: Option) => <option value={o.value} selected={String(p.value ?? '') === o.value}>{o.label}</option>;
  return (
    <Wrap {...p}>
      <select id={p.id} name={p.name} required={p.required} aria-describedby={describedBy(p)} aria-invalid={p.error ? 'true' : undefined}>
        {(p.empty !== undefined || !p.required) && <option value="">{p.empty ?? '— Chọn —'}</option>}
        {p.options.map(option)}
        {(p.groups ?? []).filter((g) => g.options.length > 0).map((g) => <optgroup label={g.label}>{g.options.map(option)}</optgroup>)}
      </select>
    </Wrap>
  );
}

/** Radio buttons (one value) or checkboxes (several), in a fieldset with a legend. */
export function Options(p: Omit<Base, 'label'> & { legend: string; type?: 'radio' | 'checkbox'; value?: string | string[]; options: Option[] }) {
  const chosen = Array.isArray(p.value) ? p.value : p.value ? [p.value] : [];
  return (
    <div class={`field${p.error ? ' field--error' : ''}`} id={`${p.id}-group`}>
      <fieldset aria-describedby={[p.hint ? `${p.id}-hint` : '', p.error ? `${p.id}-error` : ''].filter(Boolean).join(' ') || undefined}>
        <legend>{p.legend}{p.required ? '' : ' (không bắt buộc)'}</legend>
        {p.hint && <p class="hint" id={`${p.id}-hint`}>{p.hint}</p>}
        {p.error && <p class="error-message" id={`${p.id}-error`}><span class="visually-hidden">Lỗi: </span>{p.error}</p>}
        {p.options.map((o, i) => {
          const id = i === 0 ? p.id : `${p.id}-${i}`;
          return (
            <div class="radio">
              <input type={p.type ?? 'radio'} id={id} name={p.name} value={o.value} checked={chosen.includes(o.value)} />
              <label for={id}>{o.label}</label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** A table with a caption (read by screen readers), scrolling sideways on narrow screens (the scroller is
 *  focusable so that keyboard users can scroll it: WCAG 2.1.1). */
export function Table({ caption, head, children }: { caption: string; head: string[]; children: Children }) {
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={caption}>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead><tr>{head.map((h) => <th scope="col">{h}</th>)}</tr></thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

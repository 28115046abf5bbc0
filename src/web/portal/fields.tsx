// One e-form question, rendered from its catalogue definition with the shared GOV.UK-style components.
import type { FormField } from '../../catalogue/core/types.ts';
import { Radios, Select, TextArea, TextField } from '../components.tsx';

const RADIO_MAX = 8;

export function EFormField({ f, value, error }: { f: FormField; value: string | undefined; error: string | undefined }) {
  const common = { name: f.name, label: f.label, error, value: value ?? '', required: f.required };
  switch (f.type) {
    case 'textarea':
      return <TextArea {...common} />;
    case 'select': {
      const options = (f.options ?? []).map((o) => ({ value: o, label: o }));
      if (options.length <= RADIO_MAX) {
        return <Radios name={f.name} legend={`${f.label}${f.required ? '' : ' (không bắt buộc)'}`} error={error} value={value} options={options} />;
      }
      return <Select {...common} options={options} />;
    }
    case 'date':
      return <TextField {...common} type="date" hint="Ví dụ: 25/11/2026" width="short" />;
    case 'number':
      return <TextField {...common} inputmode="numeric" width="short" />;
    case 'id_number': {
      const passport = /hộ chiếu/i.test(f.label); // the same test as the check (eform.ts checkField)
      const hint = `Số định danh cá nhân (số thẻ Căn cước) gồm 12 chữ số${passport ? ', hoặc số hộ chiếu' : ''}`;
      return <TextField {...common} hint={hint} inputmode={passport ? 'text' : 'numeric'} autocomplete="off" />;
    }
    case 'phone':
      return <TextField {...common} type="tel" autocomplete="tel" width="short" />;
    case 'email':
      return <TextField {...common} type="email" autocomplete="email" />;
    case 'text':
      return <TextField {...common} />;
  }
}

/** A stored answer as the citizen reads it back ("check your answers"): dates as 25/11/2026. */
export function answerText(f: FormField, value: string | undefined): string {
  if (!value) return 'Không khai';
  if (f.type === 'date') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  return value;
}

// One e-form question, rendered from its catalogue definition with the shared GOV.UK-style components.
import type { FormField } from '../../catalogue/core/types.ts';
import { Radios, Select, TextArea, TextField } from '../components.tsx';
import { Choice } from '../fields.tsx';
import { answerText as storedAnswerText, takesPassport } from '../../dossiers/core/answers.ts';
import { choicesOf, codeListOf, findCode } from '../../dossiers/core/code-lists.ts';

const RADIO_MAX = 8;

const LIST_HINT = {
  ethnicity: 'Chọn trong danh sách 54 dân tộc Việt Nam.',
  country: 'Chọn trong danh sách quốc gia, vùng lãnh thổ; Việt Nam ở đầu danh sách.',
} as const;

export function EFormField({ f, value, error }: { f: FormField; value: string | undefined; error: string | undefined }) {
  const common = { name: f.name, label: f.label, error, value: value ?? '', required: f.required };
  const list = codeListOf(f);
  if (list) {
    // A code list (dân tộc, quốc tịch): the stored code is selected; a name typed before the lists existed is read as its code.
    const chosen = value ? (findCode(list, value)?.code ?? value) : '';
    return (
      <Choice id={f.name} name={f.name} label={f.label} hint={LIST_HINT[list]} error={error} required={f.required} value={chosen}
        empty="— Chọn —" options={choicesOf(list)} />
    );
  }
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
      const passport = takesPassport(f); // the same test as the check (dossiers/core/answers.ts)
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

/** A stored answer as the citizen reads it back ("check your answers"): dates as 25/11/2026, codes by their name. */
export const answerText = (f: FormField, value: string | undefined): string => storedAnswerText(f, value);

// The e-form (tờ khai) on staff pages: the fields of a procedure's e-form components by sections, rendered with the
// portal's field (web/portal/fields.tsx EFormField) so that the officer types what the citizen would, and read back
// from a posted form. Used by the correction page (declaration-edit.tsx) and the counter intake (intake.tsx).
import type { FormField } from '../../catalogue/core/types.ts';
import { PREFILLED, sectionsOf, type FormAnswers } from '../../dossiers/core/declaration.ts';
import type { FieldError } from '../components.tsx';
import { EFormField } from '../portal/fields.tsx';
import { str, type Form } from './common.tsx';

/** An e-form component as the page shows it: the catalogue's, or a stored form as filed. */
export interface EFormPart {
  code: string;
  name: string;
  fields: readonly FormField[];
}

/** The fields the officer types: not the requester's (they are the applicant's, filled from the applicant). */
export const typedFields = (part: EFormPart) => part.fields.filter((f) => !(f.name in PREFILLED));

/** The field names of the posted form, in page order (for the error summary's order). */
export const fieldOrder = (parts: readonly EFormPart[]) => parts.flatMap((p) => typedFields(p).map((f) => f.name));

/** The answers of a posted form, per component (a field name shared by two components answers both). */
export function answersFromForm(parts: readonly EFormPart[], f: Form): FormAnswers {
  return Object.fromEntries(parts.map((p) => [p.code, Object.fromEntries(typedFields(p).map((x) => [x.name, str(f, x.name)]))]));
}

/** A Problem's `errors` (paths /body/answers/<component>/<field>) as the page's field errors. */
export function answerErrors(errors: readonly { path: string; message: string }[] | undefined): FieldError[] {
  return (errors ?? []).flatMap((e) => {
    const m = /^\/body\/answers\/[^/]+\/(.+)$/.exec(e.path);
    return m ? [{ field: m[1]!, message: e.message }] : [];
  });
}

/** Each component's typed fields by sections (h3 per component when there are several, h4 per section). */
export function EFormSections({ parts, values, errors, level = 3 }: {
  parts: readonly EFormPart[]; values: (component: string, field: string) => string | undefined; errors: FieldError[]; level?: 3 | 4;
}) {
  const err = (name: string) => errors.find((e) => e.field === name)?.message;
  const H = level === 3 ? 'h3' : 'h4';
  return (
    <>
      {parts.map((part) => (
        <div class="eform-part">
          {parts.length > 1 && <p><strong>{part.name}</strong></p>}
          {sectionsOf(typedFields(part)).map((s) => (
            <>
              <H>{s.title}</H>
              {s.fields.map((f) => <EFormField f={f} value={values(part.code, f.name)} error={err(f.name)} />)}
            </>
          ))}
        </div>
      ))}
    </>
  );
}

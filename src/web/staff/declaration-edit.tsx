// "Sửa tờ khai": the officer's correction of a dossier's declaration, a form built from the e-form as filed with the
// current answers, the reason required, an error summary; posted under a one-time form key (declaration-routes.tsx).
import type { DeclaredForm } from '../../dossiers/core/declaration.ts';
import { CsrfField, ErrorSummary, type FieldError } from '../components.tsx';
import { Area } from '../fields.tsx';
import { KeyField } from './common.tsx';
import { EFormSections, type EFormPart } from './declaration-form.tsx';
import { declarationEditUrl } from './declaration-section.tsx';

export const partsOf = (forms: readonly DeclaredForm[]): EFormPart[] =>
  forms.map((f) => ({ code: f.componentCode, name: f.componentName, fields: f.fields }));

export interface EditProps {
  dossierId: string;
  /** The dossier's code, or its reference before receipt. */
  name: string;
  procedureName: string;
  forms: readonly DeclaredForm[];
  /** What the officer typed (after a refusal), else the current answers. */
  typed?: Record<string, string>;
  reason?: string;
  errors?: FieldError[];
  csrf: string;
}

export function DeclarationEdit(p: EditProps) {
  const errors = p.errors ?? [];
  const value = (component: string, field: string) =>
    p.typed ? p.typed[field] : p.forms.find((f) => f.componentCode === component)?.answers[field];
  return (
    <>
      <ErrorSummary errors={errors} />
      <p class="caption">Hồ sơ {p.name} — {p.procedureName}</p>
      <h1>Sửa tờ khai</h1>
      <p>Sửa những mục khai chưa đúng (ví dụ lỗi chính tả trong họ tên, ngày tháng) sau khi đã đối chiếu với giấy tờ. Nội dung đã khai
        trước đó vẫn được lưu; lần sửa được ghi vào nhật ký xử lý của hồ sơ với người sửa, thời điểm và lý do.</p>
      <p class="hint">Thông tin người yêu cầu lấy từ thông tin người nộp hồ sơ, không sửa ở đây.</p>
      <form method="post" action={declarationEditUrl(p.dossierId)} novalidate>
        <CsrfField token={p.csrf} />
        <KeyField />
        <EFormSections parts={partsOf(p.forms)} values={value} errors={errors} />
        <h2>Lý do sửa</h2>
        <Area id="reason" name="reason" label="Lý do sửa tờ khai" required value={p.reason ?? ''} rows={3}
          error={errors.find((e) => e.field === 'reason')?.message} hint="Ví dụ: người nộp khai nhầm ngày sinh, đã đối chiếu giấy chứng sinh." />
        <button type="submit" class="button button--primary">Lưu tờ khai đã sửa</button>{' '}
        <a href={`/can-bo/ho-so/${p.dossierId}`}>Hủy, quay lại hồ sơ</a>
      </form>
    </>
  );
}

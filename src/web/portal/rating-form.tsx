// The satisfaction rating form: the overall satisfaction, the optional criteria (the nine of the legacy form, the
// timeliness and, for a dossier filed online, the convenience of the online service: ratings/core/criteria.ts
// `criteriaFor`) and a comment, with the reading and checking of what was posted. One form for the counter tablet
// (kiosk.tsx, /danh-gia/quay), which speaks to the citizen as "ông/bà", and for the portal (rating-routes.tsx,
// /danh-gia/:id), which says "bạn"; each page gives the form's action, its hidden fields and what surrounds it.
import { LEVELS, OVERALL, OVERALL_LABEL, criteriaFor, isOverall, parseCriteria, type Criteria, type RatingInput } from '../../ratings/core/criteria.ts';
import { Button, CsrfField, Radios, TextArea, errorFor, type FieldError } from '../components.tsx';
import type { Children } from '../render.tsx';
import { str } from './common.ts';

const MAX_COMMENT = 2000;

export type RatingAudience = 'counter' | 'portal';

/** What the two places word differently. */
const WORDING: Record<RatingAudience, { question: string; missing: string; criteriaHint?: string }> = {
  counter: {
    question: 'Nhìn chung, ông/bà có hài lòng với việc giải quyết hồ sơ này không?',
    missing: 'Chọn mức độ hài lòng',
  },
  portal: {
    question: 'Nhìn chung, bạn có hài lòng với việc giải quyết hồ sơ này không?',
    missing: 'Chọn mức độ hài lòng của bạn',
    criteriaHint: 'Theo các tiêu chí đánh giá việc giải quyết thủ tục hành chính.',
  },
};

/** The answers as the form shows them. */
export interface RatingValues {
  overall?: string;
  criteria: Criteria;
  comment: string;
}

export const NO_ANSWERS: RatingValues = { criteria: {}, comment: '' };

/** A posted form about a dossier filed through `channel`: the answers to show again, the errors, and the rating to
 *  save when there are none (a criterion not asked for that channel is dropped). */
export function readRating(body: Record<string, unknown>, audience: RatingAudience, channel: string): { values: RatingValues; errors: FieldError[]; rating: RatingInput | null } {
  const overall = str(body.muc_do);
  const values: RatingValues = { overall, criteria: parseCriteria(body, channel), comment: str(body.y_kien).trim() };
  const errors: FieldError[] = [];
  if (!isOverall(overall)) errors.push({ field: 'muc_do', message: WORDING[audience].missing });
  if (values.comment.length > MAX_COMMENT) errors.push({ field: 'y_kien', message: `Góp ý không được dài quá ${MAX_COMMENT} ký tự` });
  const rating = !errors.length && isOverall(overall) ? { overall, criteria: values.criteria, comment: values.comment || null } : null;
  return { values, errors, rating };
}

/** The form about a dossier filed through `channel`; `children` are the page's hidden fields. The error summary is the
 *  page's (at the top of its main). */
export function RatingForm(p: { audience: RatingAudience; channel: string; action: string; csrf: string; values: RatingValues; errors?: FieldError[]; children?: Children }) {
  const w = WORDING[p.audience];
  const none = { value: '', label: 'Không đánh giá' };
  return (
    <form method="post" action={p.action} novalidate>
      <CsrfField token={p.csrf} />
      {p.children}
      <Radios name="muc_do" legend={w.question} value={p.values.overall}
        error={errorFor(p.errors, 'muc_do')} options={OVERALL.map((o) => ({ value: o, label: OVERALL_LABEL[o] }))} />
      <h2>Đánh giá chi tiết (không bắt buộc)</h2>
      {w.criteriaHint && <p class="hint">{w.criteriaHint}</p>}
      {criteriaFor(p.channel).map((c) => (
        <Radios name={c.key} legend={c.label} value={p.values.criteria[c.key] === undefined ? '' : String(p.values.criteria[c.key])}
          options={[none, ...LEVELS.map((l) => ({ value: String(l.points), label: l.label }))]} />
      ))}
      <TextArea name="y_kien" label="Góp ý thêm" hint="Không ghi thông tin cá nhân như số điện thoại, số định danh." value={p.values.comment} error={errorFor(p.errors, 'y_kien')} />
      <Button>Gửi đánh giá</Button>
    </form>
  );
}

// The PAR index tree (Chỉ số cải cách hành chính cấp xã) as province-issued, effective-dated data (pure): a template
// (issued by the province, in force from a year) → areas (lĩnh vực) → criteria (tiêu chí) → sub-criteria (tiêu chí
// thành phần). Only sub-criteria are scored; each carries its maximum points, scoring rule, expected evidence, owner
// unit and due date. Commune indices are set by each province (domain.md §5): weights are data, never constants.

/** How a sub-criterion's points follow from what is entered or measured. */
export type ScoringRule =
  | { type: 'manual' } // points entered (0 … max), by judgement against the evidence
  | { type: 'full_or_none' } // met: all points; not met: none
  | { type: 'proportional'; fullAt: number; zeroBelow?: number } // max × min(1, rate ÷ fullAt); 0 below zeroBelow
  | { type: 'banded'; bands: { atLeast: number; share: number }[] }; // the share of max of the first band reached

/** Where an auto-filled sub-criterion takes its rate from (system data of the year). */
export type AutoSource =
  | { source: 'indicator766'; id: string } // one Decision 766 indicator's numerator ÷ denominator
  | { source: 'index766' } // the Decision 766 total score ÷ the points computable
  | { source: 'index766_group'; group: string } // one 766 group's score ÷ its computable points
  | { source: 'online_share' } // dossiers received online ÷ all received (period report)
  | { source: 'plan_tasks' }; // plan tasks done on time ÷ plan tasks due in the year

export interface TemplateNode {
  code: string;
  name: string;
  maxPoints: number;
  /** The value could not be confirmed in the province's decision (domain.md §5, §12 item 5). */
  uncertain?: boolean;
  note?: string;
  // Sub-criteria only:
  rule?: ScoringRule;
  evidence?: string[];
  /** The unit code that self-scores it (VP, VHXH, KT, TTPVHCC…). */
  owner?: string;
  /** Due date in the assessment year, MM-DD. */
  due?: string;
  auto?: AutoSource;
  children?: TemplateNode[];
}

export interface TemplateFile {
  code: string;
  name: string;
  province: string;
  issuedBy: string;
  legalBasis: string;
  /** First assessment year the template applies to; a later template of the province replaces it from its year. */
  effectiveYear: number;
  uncertain?: boolean;
  note?: string;
  areas: TemplateNode[];
}

export type Level = 'area' | 'criterion' | 'sub';
const LEVELS: Level[] = ['area', 'criterion', 'sub'];

export interface FlatNode extends Omit<TemplateNode, 'children'> {
  level: Level;
  parentCode: string | null;
  sort: number;
}

/** The tree as rows in reading order, each naming its parent. */
export function flatten(t: Pick<TemplateFile, 'areas'>): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (nodes: TemplateNode[], depth: number, parentCode: string | null) => {
    for (const { children, ...n } of nodes) {
      out.push({ ...n, level: LEVELS[Math.min(depth, 2)]!, parentCode, sort: out.length });
      if (children) walk(children, depth + 1, n.code);
    }
  };
  walk(t.areas, 0, null);
  return out;
}

const close = (a: number, b: number) => Math.abs(a - b) < 0.005;

/** Everything wrong with a template, in Vietnamese (empty: valid). */
export function templateErrors(t: TemplateFile): string[] {
  const errs: string[] = [];
  if (!t.code || !t.name || !t.province) errs.push('Thiếu mã, tên hoặc tỉnh ban hành bộ chỉ số.');
  if (!Number.isInteger(t.effectiveYear) || t.effectiveYear < 2000 || t.effectiveYear > 2100) errs.push('Năm áp dụng không hợp lệ.');
  if (!t.areas?.length) errs.push('Bộ chỉ số chưa có lĩnh vực nào.');
  const seen = new Set<string>();
  const check = (n: TemplateNode, depth: number) => {
    if (seen.has(n.code)) errs.push(`Mã ${n.code} bị trùng.`);
    seen.add(n.code);
    if (!n.name?.trim()) errs.push(`${n.code}: thiếu tên.`);
    if (!(n.maxPoints > 0) || !Number.isFinite(n.maxPoints)) errs.push(`${n.code}: điểm tối đa phải lớn hơn 0.`);
    const kids = n.children ?? [];
    if (depth < 2) {
      if (!kids.length) errs.push(`${n.code}: ${depth === 0 ? 'lĩnh vực' : 'tiêu chí'} cần có ít nhất một mục con.`);
      if (n.rule || n.auto) errs.push(`${n.code}: chỉ tiêu chí thành phần mới có cách chấm điểm.`);
      const sum = kids.reduce((s, k) => s + k.maxPoints, 0);
      if (kids.length && !close(sum, n.maxPoints)) errs.push(`${n.code}: tổng điểm các mục con (${sum}) khác điểm tối đa (${n.maxPoints}).`);
      kids.forEach((k) => check(k, depth + 1));
    } else {
      if (kids.length) errs.push(`${n.code}: tiêu chí thành phần không có mục con.`);
      if (!n.rule) errs.push(`${n.code}: thiếu cách chấm điểm.`);
      else errs.push(...ruleErrors(n.code, n.rule));
      if (n.due && !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(n.due)) errs.push(`${n.code}: hạn phải có dạng MM-DD.`);
      if (n.auto && n.rule?.type !== 'proportional' && n.rule?.type !== 'banded') errs.push(`${n.code}: tiêu chí tự động cần cách chấm theo tỷ lệ.`);
    }
  };
  (t.areas ?? []).forEach((a) => check(a, 0));
  return errs;
}

function ruleErrors(code: string, r: ScoringRule): string[] {
  if (r.type === 'proportional') {
    const ok = r.fullAt > 0 && r.fullAt <= 1 && (r.zeroBelow === undefined || (r.zeroBelow >= 0 && r.zeroBelow < r.fullAt));
    return ok ? [] : [`${code}: ngưỡng tỷ lệ không hợp lệ.`];
  }
  if (r.type === 'banded') {
    const b = r.bands;
    const ok = b.length > 0 && b.every((x, i) => x.atLeast >= 0 && x.atLeast <= 1 && x.share >= 0 && x.share <= 1 && (i === 0 || (x.atLeast < b[i - 1]!.atLeast && x.share <= b[i - 1]!.share)));
    return ok ? [] : [`${code}: các mức điểm phải giảm dần, tỷ lệ và phần điểm trong khoảng 0–1.`];
  }
  return [];
}

/** The template in force for an assessment year: the latest whose effective year is not after it. */
export function templateFor<T extends { effectiveYear: number }>(templates: readonly T[], year: number): T | undefined {
  return [...templates].sort((a, b) => b.effectiveYear - a.effectiveYear).find((t) => t.effectiveYear <= year);
}

// What a unit writes in its yearly CCHC plan or periodic report: sections by the plan's six areas (plan section II,
// docs/plan/ke-hoach-cchc-xa-xuan-duong-2026-2030.md), the difficulties and the proposals; for the yearly plan, the
// unit's tasks under each area (plan section IV.1: each unit builds its own plan from the commune's). Pure.

export const AREAS = [
  { code: 'institutions', name: 'Cải cách thể chế', planRef: 'II.1' },
  { code: 'procedures', name: 'Cải cách thủ tục hành chính', planRef: 'II.2' },
  { code: 'organisation', name: 'Cải cách tổ chức bộ máy hành chính nhà nước', planRef: 'II.3' },
  { code: 'civil_service', name: 'Cải cách chế độ công vụ', planRef: 'II.4' },
  { code: 'public_finance', name: 'Cải cách tài chính công', planRef: 'II.5' },
  { code: 'digital_government', name: 'Xây dựng và phát triển chính quyền điện tử, chính quyền số', planRef: 'II.6' },
] as const;
export type AreaCode = (typeof AREAS)[number]['code'];
export const AREA_CODES = AREAS.map((a) => a.code) as readonly AreaCode[];

export interface PlanTask {
  area: AreaCode;
  text: string;
  /** 'YYYY-MM-DD', when the unit set one. */
  deadline?: string;
  /** The expected result (sản phẩm). */
  result?: string;
}

export interface ReportContent {
  /** Periodic report: "Công tác chỉ đạo, điều hành"; yearly plan: "Mục đích, yêu cầu". */
  direction?: string;
  /** Periodic report: the results of the period in each area. */
  areas?: Partial<Record<AreaCode, string>>;
  /** Yearly plan: the unit's tasks. */
  tasks?: PlanTask[];
  difficulties?: string;
  proposals?: string;
}

export const MAX_TEXT = 8000;
export const MAX_TASKS = 100;

const clean = (s: unknown, max = MAX_TEXT): string | undefined => {
  if (typeof s !== 'string') return undefined;
  const t = s.normalize('NFC').replace(/\r\n?/g, '\n').trim().slice(0, max);
  return t || undefined;
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The content as stored: texts trimmed (NFC), empty sections dropped, unknown areas ignored. */
export function normalizeContent(raw: ReportContent): ReportContent {
  const out: ReportContent = {};
  const direction = clean(raw.direction);
  if (direction) out.direction = direction;
  const areas: Partial<Record<AreaCode, string>> = {};
  for (const code of AREA_CODES) {
    const t = clean(raw.areas?.[code]);
    if (t) areas[code] = t;
  }
  if (Object.keys(areas).length) out.areas = areas;
  const tasks = (raw.tasks ?? [])
    .filter((t) => AREA_CODES.includes(t.area))
    .map((t) => ({ area: t.area, text: clean(t.text, 1000), deadline: t.deadline && DATE.test(t.deadline) ? t.deadline : undefined, result: clean(t.result, 1000) }))
    .flatMap((t): PlanTask[] => (t.text ? [{ area: t.area, text: t.text, ...(t.deadline ? { deadline: t.deadline } : {}), ...(t.result ? { result: t.result } : {}) }] : []))
    .slice(0, MAX_TASKS);
  if (tasks.length) out.tasks = tasks;
  const difficulties = clean(raw.difficulties);
  if (difficulties) out.difficulties = difficulties;
  const proposals = clean(raw.proposals);
  if (proposals) out.proposals = proposals;
  return out;
}

/** Tasks typed one per line in an area's box (the form without JavaScript). */
export function tasksFromLines(area: AreaCode, text: string): PlanTask[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => ({ area, text: l }));
}

/** The sections still missing before the content may be submitted (Vietnamese names; empty = complete). A yearly
 *  plan needs its purpose and at least one task; a report needs its results in at least one area. */
export function missingSections(isPlan: boolean, c: ReportContent): string[] {
  const missing: string[] = [];
  if (isPlan) {
    if (!c.direction) missing.push('Mục đích, yêu cầu');
    if (!c.tasks?.length) missing.push('Nhiệm vụ của đơn vị (ít nhất một nhiệm vụ)');
  } else if (!Object.keys(c.areas ?? {}).length) {
    missing.push('Kết quả thực hiện (ít nhất một lĩnh vực)');
  }
  return missing;
}

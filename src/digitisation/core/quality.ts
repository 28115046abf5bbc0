// What an officer is told about a scan (pure): the digitisation guide's measurable rules applied to measured facts
// (facts.ts), each finding a Vietnamese sentence saying what is wrong and what is needed. The thresholds are
// effective-dated data (QUALITY_VERSIONS). Source of every rule: the digitisation guide of the Ministry of Science
// and Technology (late 2025, after Công văn 9318/VPCP-KSTT of 21/12/2025): ≥ 300 dpi, ≥ 200 dpi for ordinary
// administrative papers; colour for stamped, annotated or biometric pages; storage copy PDF/A with an OCR layer.
import { foldVietnamese } from './naming.ts';
import type { ScanFacts } from './facts.ts';

export interface QualityRules {
  effectiveFrom: string;
  /** Below this on any page: an error, the page must be scanned again. */
  minDpi: number;
  /** Below this on a page that must be in colour (seal, photo): a warning. */
  recommendedDpi: number;
  /** Most pages one component's file may have. */
  maxPages: number;
  /** An image page whose OCR text has fewer letters than this: "blurred, skewed or blank". */
  minLettersPerPage: number;
  basis: string;
}

export const QUALITY_VERSIONS: readonly QualityRules[] = [
  {
    effectiveFrom: '2025-12-21', // Công văn 9318/VPCP-KSTT; the guide relies on it
    minDpi: 200, // "≥ 200 dpi cho văn bản hành chính thông thường"
    recommendedDpi: 300, // "≥ 300 dpi"
    maxPages: 200, // not the guide's: a bound on one OCR job (a 200-page scan is about an hour of OCR on 2 cores)
    minLettersPerPage: 20, // not the guide's: the least text a page of a paper has; fewer means OCR read nothing
    basis: 'Hướng dẫn số hóa tài liệu của Bộ Khoa học và Công nghệ (theo Công văn 9318/VPCP-KSTT ngày 21/12/2025)',
  },
];

/** The rules in force on a Vietnam date `YYYY-MM-DD` (before the first version: the first). */
export function qualityRulesAt(date: string, versions: readonly QualityRules[] = QUALITY_VERSIONS): QualityRules {
  let r = versions[0]!;
  for (const v of versions) if (v.effectiveFrom <= date && v.effectiveFrom >= r.effectiveFrom) r = v;
  return r;
}

/** Why a component must be scanned in colour: a red seal, a portrait photo, or no need. */
export type ColourNeed = 'seal' | 'photo' | 'none';

const PHOTO = /\b(can cuoc|chung minh nhan dan|ho chieu|giay to tuy than|anh chan dung|anh 4x6|anh 3x4|the bao hiem)\b/;
const SEAL = /\b(giay chung nhan|giay khai sinh|giay chung tu|trich luc|quyet dinh|giay phep|ban sao|giay xac nhan|xac nhan cua|so ho khau|so ho tich|van bang|chung chi|cong chung|chung thuc|bien ban|giay bao tu|giay ket hon)\b/;

/** Whether a dossier component must be scanned in colour, from its catalogue entry: ID papers carry a photo (biometric
 *  pages); issued papers, certified copies and the result carry a red seal. */
export function colourNeedOf(c: { code: string; name: string; kind?: string }): ColourNeed {
  const name = foldVietnamese(c.name).toLowerCase();
  if (PHOTO.test(name) || c.code === 'GIAY_TO_TUY_THAN') return 'photo';
  if (c.kind === 'certified_copy' || c.code === 'KET_QUA' || SEAL.test(name)) return 'seal';
  return 'none';
}

export type FindingCode =
  | 'UNREADABLE' | 'NO_PAGES' | 'TOO_MANY_PAGES' | 'MISSING_PAGES' | 'EXTRA_PAGES'
  | 'LOW_DPI' | 'BELOW_RECOMMENDED_DPI' | 'NOT_COLOUR' | 'NO_TEXT';

export interface Finding {
  code: FindingCode;
  /** error: scan again; warning: the officer decides. */
  severity: 'error' | 'warning';
  /** Pages concerned (1-based), when the finding is about pages. */
  pages?: number[];
  message: string;
}

export const hasErrors = (f: readonly Finding[]) => f.some((x) => x.severity === 'error');

/** "1–3, 5": pages as ranges. */
export function pageRanges(pages: readonly number[]): string {
  const s = [...new Set(pages)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j]! + 1) j++;
    out.push(j === i ? `${s[i]}` : j === i + 1 ? `${s[i]}, ${s[j]}` : `${s[i]}–${s[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** " (trang 2, 4)" for a file of several pages; nothing for a one-page file. */
const where = (pages: number[], total: number) => (total > 1 ? ` (trang ${pageRanges(pages)})` : '');

const WHY_COLOUR: Record<Exclude<ColourNeed, 'none'>, string> = {
  seal: 'giấy tờ có dấu đỏ cần quét màu',
  photo: 'giấy tờ có ảnh chân dung cần quét màu',
};

export interface ScanExpectation {
  colour: ColourNeed;
  /** Pages the officer (or the procedure) expects; absent: not checked. */
  expectedPages?: number;
}

/** The findings on a scan before OCR: readable, page count, resolution and colour of each page. */
export function checkScan(facts: ScanFacts, expect: ScanExpectation, rules: QualityRules): Finding[] {
  if (!facts.readable) {
    return [{ code: 'UNREADABLE', severity: 'error', message: 'Không đọc được tệp: tệp bị hỏng hoặc không đúng định dạng PDF, JPEG, PNG. Hãy quét lại.' }];
  }
  const n = facts.pages.length;
  if (n === 0) return [{ code: 'NO_PAGES', severity: 'error', message: 'Tệp không có trang nào. Hãy quét lại.' }];
  const out: Finding[] = [];
  if (n > rules.maxPages) {
    out.push({ code: 'TOO_MANY_PAGES', severity: 'error', message: `Tệp có ${n} trang, vượt quá ${rules.maxPages} trang cho một thành phần hồ sơ: hãy chia thành nhiều tệp.` });
  }
  const e = expect.expectedPages;
  if (e !== undefined && n < e) out.push({ code: 'MISSING_PAGES', severity: 'error', message: `Thiếu trang: tệp có ${n} trang, cần ${e} trang.` });
  if (e !== undefined && n > e) out.push({ code: 'EXTRA_PAGES', severity: 'warning', message: `Thừa trang: tệp có ${n} trang, dự kiến ${e} trang.` });

  const scanned = facts.pages.filter((p) => p.dpi !== null);
  const low = scanned.filter((p) => p.dpi! < rules.minDpi);
  if (low.length) {
    const worst = Math.min(...low.map((p) => p.dpi!));
    const estimated = low.some((p) => p.dpiEstimated) ? ', ước tính theo khổ A4 vì ảnh không ghi độ phân giải' : '';
    out.push({
      code: 'LOW_DPI', severity: 'error', pages: low.map((p) => p.page),
      message: `Độ phân giải thấp: ${worst} dpi${estimated}, cần ít nhất ${rules.minDpi} dpi${where(low.map((p) => p.page), n)}.`,
    });
  }
  if (expect.colour !== 'none') {
    const fair = scanned.filter((p) => p.dpi! >= rules.minDpi && p.dpi! < rules.recommendedDpi);
    if (fair.length) {
      const worst = Math.min(...fair.map((p) => p.dpi!));
      out.push({
        code: 'BELOW_RECOMMENDED_DPI', severity: 'warning', pages: fair.map((p) => p.page),
        message: `Độ phân giải ${worst} dpi: ${expect.colour === 'seal' ? 'giấy tờ có dấu đỏ' : 'giấy tờ có ảnh chân dung'} nên quét ở ${rules.recommendedDpi} dpi${where(fair.map((p) => p.page), n)}.`,
      });
    }
    const grey = facts.pages.filter((p) => p.colour === 'gray' || p.colour === 'bilevel');
    if (grey.length) {
      out.push({
        code: 'NOT_COLOUR', severity: 'error', pages: grey.map((p) => p.page),
        message: `Ảnh đen trắng: ${WHY_COLOUR[expect.colour]}${where(grey.map((p) => p.page), n)}.`,
      });
    }
  }
  return out;
}

/** Letters (any script) in a text. */
export const letters = (s: string) => (s.match(/\p{L}/gu) ?? []).length;

/** The findings after OCR: image pages on which it read (almost) nothing. `pageTexts[i]` is page i + 1's text. */
export function checkOcr(facts: ScanFacts, pageTexts: readonly string[], rules: QualityRules): Finding[] {
  const blank = facts.pages
    .filter((p) => p.colour !== null && letters(pageTexts[p.page - 1] ?? '') < rules.minLettersPerPage)
    .map((p) => p.page);
  if (!blank.length) return [];
  return [{
    code: 'NO_TEXT', severity: 'warning', pages: blank,
    message: `Không đọc được chữ${where(blank, facts.pages.length)}: ảnh có thể bị mờ, nghiêng hoặc là trang trắng. Hãy kiểm tra và quét lại nếu cần.`,
  }];
}

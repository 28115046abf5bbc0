// The commune plan's 2026–2030 targets (docs/plan/ke-hoach-cchc-xa-xuan-duong-2026-2030.md, the commune's text) mapped to
// computable definitions (domain.md §11), as data: the plan's words, the target rate, and the measure that tracks
// it — or why no record in Xã Số can measure it. Pure.
// What staff read (the definitions, the measures' names) is plain Vietnamese: the brief's references stay here.
import { INDEX_766_VERSIONS } from './index766-data.ts';

export interface PlanTarget {
  readonly id: string;
  /** The plan's own words. */
  readonly text: string;
  /** Where in the plan (line of the markdown file, section). */
  readonly planRef: string;
  /** The rate (0–1) to reach or exceed by 2030. */
  readonly target: number;
  /** The measure that tracks it (a Decision 766 indicator id, or one of ours: OWN_MEASURES), or null when not
   *  measurable here. A key, never shown: people read measureName(measure). */
  readonly measure: string | null;
  /** How the measure is defined here, or why it cannot be measured from our records. */
  readonly definition: string;
  /** Restriction of the measure (e.g. fields), when the plan sets a separate target for them. */
  readonly scope?: { fields: readonly string[] };
}

const PLAN = 'Kế hoạch CCHC xã Xuân Dương 2026–2030';

export const PLAN_TARGETS: readonly PlanTarget[] = [
  {
    id: 'online-processing', text: '100% hồ sơ thủ tục hành chính được xử lý trực tuyến.', planRef: `${PLAN}, dòng 79`, target: 1,
    measure: 'online-processed',
    // domain.md §11: "xử lý trực tuyến" is no legal term; this is our definition.
    definition: 'Hồ sơ có toàn bộ thành phần được số hóa, quá trình xử lý ghi trên hệ thống và kết quả điện tử (khi thủ tục trả kết quả giấy) ÷ hồ sơ tiếp nhận trong kỳ ("xử lý trực tuyến" không phải thuật ngữ được văn bản pháp luật định nghĩa; đây là cách tính của Xã Số).',
  },
  {
    id: 'full-online-services', text: '100% dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ điều kiện được cung cấp trực tuyến.', planRef: `${PLAN}, dòng 81`, target: 1,
    measure: 'full-online-procedures',
    definition: 'Thủ tục cung cấp trực tuyến toàn trình ÷ thủ tục đủ điều kiện toàn trình trong danh mục thủ tục do xã giải quyết, không tính thủ tục xã chỉ hướng dẫn, chuyển đến cơ quan khác (766 chỉ số 3.1, biến thể toàn trình).',
  },
  {
    id: 'fee-procedures-online', text: '100% thủ tục hành chính có yêu cầu nghĩa vụ tài chính được triển khai thanh toán trực tuyến.', planRef: `${PLAN}, dòng 73`, target: 1,
    measure: '3.5a', definition: 'Thủ tục có phí, lệ phí được thanh toán trực tuyến ÷ thủ tục có phí, lệ phí do xã giải quyết (766 chỉ số 3.5).',
  },
  {
    id: 'payments-online', text: 'Tỷ lệ giao dịch thanh toán trực tuyến đạt từ 80% trở lên.', planRef: `${PLAN}, dòng 73`, target: 0.8,
    measure: '3.6', definition: 'Hồ sơ thanh toán trực tuyến ÷ hồ sơ của thủ tục có phí, trừ hồ sơ được miễn (766 chỉ số 3.6).',
  },
  {
    id: 'digitised', text: '100% hồ sơ, kết quả giải quyết thủ tục hành chính được số hóa.', planRef: `${PLAN}, dòng 83`, target: 1,
    measure: '4.2', definition: 'Hồ sơ có đủ thành phần được số hóa và kết quả điện tử khi có ÷ hồ sơ trong kỳ (766 chỉ số 4.2; kết quả: 4.1).',
  },
  {
    id: 'reuse', text: 'Tối thiểu 80% dữ liệu về kết quả thực hiện các thủ tục hành chính được tái sử dụng, chia sẻ.', planRef: `${PLAN}, dòng 83`, target: 0.8,
    measure: '4.3', definition: 'Hồ sơ có ít nhất một thành phần tái sử dụng dữ liệu số hóa ÷ hồ sơ tiếp nhận trong kỳ (766 chỉ số 4.3).',
  },
  {
    id: 'eid', text: '90% trở lên số người dân, doanh nghiệp … được xác thực định danh điện tử.', planRef: `${PLAN}, dòng 85`, target: 0.9,
    measure: '4.5b', definition: 'Hồ sơ nộp bằng tài khoản xác thực VNeID hoặc dùng dữ liệu dân cư ÷ tổng hồ sơ (766 chỉ số 4.5b).',
  },
  {
    id: 'satisfaction', text: 'Mức độ hài lòng của người dân, doanh nghiệp về giải quyết thủ tục hành chính đạt tối thiểu 95%.', planRef: `${PLAN}, dòng 87`, target: 0.95,
    measure: '5.4', definition: '100% − (tỷ lệ hồ sơ trễ hạn + tỷ lệ hồ sơ có phản ánh, kiến nghị hoặc đánh giá không hài lòng) (766 chỉ số 5.4).',
  },
  {
    id: 'satisfaction-land', text: 'Mức độ hài lòng về giải quyết các thủ tục hành chính lĩnh vực đất đai, xây dựng, đầu tư đạt tối thiểu 90%.', planRef: `${PLAN}, dòng 87`, target: 0.9,
    // The catalogue's field codes (catalogue/seed/builders.ts FIELDS): a commune handles no investment procedure.
    measure: '5.4', scope: { fields: ['DATDAI', 'XAYDUNG'] },
    definition: 'Chỉ số 5.4 chỉ tính hồ sơ thuộc lĩnh vực đất đai, xây dựng (xã không giải quyết thủ tục lĩnh vực đầu tư).',
  },
  {
    id: 'publish-satisfaction', text: '100% cơ quan hành chính nhà nước công khai mức độ hài lòng của người dân sử dụng dịch vụ công trực tuyến.', planRef: `${PLAN}, dòng 71`, target: 1,
    measure: 'satisfaction-published', definition: 'Trang công khai của xã đăng kết quả đánh giá mức độ hài lòng (có hoặc không).',
  },
  {
    id: 'borderless', text: '100% thủ tục hành chính được tiếp nhận, giải quyết phi địa giới.', planRef: `${PLAN}, dòng 75`, target: 1,
    measure: 'borderless-procedures', definition: 'Thủ tục được đánh dấu tiếp nhận không phụ thuộc địa giới ÷ thủ tục do xã giải quyết (danh mục, không tính thủ tục xã chỉ hướng dẫn, chuyển đến cơ quan khác).',
  },
  {
    id: 'vneid-accounts', text: 'Tỷ lệ người dân có tài khoản định danh điện tử (VNeID) đạt từ 98% trở lên.', planRef: `${PLAN}, dòng 229`, target: 0.98,
    measure: null, definition: 'Không đo được từ dữ liệu của Xã Số: số người có tài khoản VNeID do Bộ Công an quản lý; chỉ đo được tỷ lệ hồ sơ nộp bằng VNeID (chỉ tiêu xác thực định danh điện tử).',
  },
  {
    id: 'staff-digital-skills', text: '100% cán bộ, công chức được bồi dưỡng kỹ năng số căn bản.', planRef: `${PLAN}, dòng 219`, target: 1,
    measure: null, definition: 'Không có dữ liệu đào tạo cán bộ trong Xã Số (ghi nhận thủ công trong báo cáo CCHC).',
  },
];

/** Our own measures (the others are Decision 766 indicators), by key: what staff read instead of the key. */
export const OWN_MEASURES: Readonly<Record<string, string>> = {
  'online-processed': 'Tỷ lệ hồ sơ được xử lý trực tuyến',
  'full-online-procedures': 'Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến toàn trình',
  'satisfaction-published': 'Công khai kết quả đánh giá mức độ hài lòng',
  'borderless-procedures': 'Tỷ lệ thủ tục tiếp nhận, giải quyết không phụ thuộc địa giới hành chính',
};

/** The name of a measure as people read it: ours by its label, a Decision 766 indicator by its number and name. */
export function measureName(measure: string): string {
  if (OWN_MEASURES[measure]) return OWN_MEASURES[measure];
  const def = INDEX_766_VERSIONS.flatMap((v) => v.indicators).reverse().find((d) => d.id === measure);
  return def ? `Chỉ số ${def.id} theo Quyết định 766/QĐ-TTg: ${def.name}` : measure;
}

export interface TargetStatus {
  readonly target: PlanTarget;
  /** null when not measurable here or nothing to measure in the period. */
  readonly value: number | null;
  readonly met: boolean | null;
  /** target − value when not met (0–1), else 0; null when not measured. */
  readonly gap: number | null;
}

export function targetStatus(target: PlanTarget, value: number | null): TargetStatus {
  if (target.measure === null || value === null) return { target, value: null, met: null, gap: null };
  const met = value >= target.target - 1e-9;
  return { target, value, met, gap: met ? 0 : Math.round((target.target - value) * 10_000) / 10_000 };
}

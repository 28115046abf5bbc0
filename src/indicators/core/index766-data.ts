// The Decision 766 service index as effective-dated data: groups, indicators, maximum points and the rate at which
// an indicator earns full points (QĐ 766/QĐ-TTg ngày 23/6/2022; domain.md §4). Weights and thresholds change with
// the national coordination system's formula specification, so they are data with an effective date, never
// constants in the formulas. What domain.md could not confirm in an official text (UNCERTAIN there) says so in its source.

export type GroupId = 'transparency' | 'progress' | 'online' | 'payment' | 'digitisation' | 'satisfaction';

export interface IndicatorDef {
  /** The number used in domain.md §4 (e.g. '2.1'). */
  readonly id: string;
  /** The national API metric code where known (domain.md §4 table), else our own. */
  readonly code: string;
  readonly group: GroupId;
  readonly name: string;
  readonly maxPoints: number;
  /** The rate (0–1) at which the indicator earns its full points; below it, points are pro-rated. */
  readonly fullAt: number;
  readonly source: string;
}

export interface GroupDef {
  readonly id: GroupId;
  readonly name: string;
  readonly maxPoints: number;
}

export interface Index766Version {
  readonly effectiveFrom: string; // YYYY-MM-DD
  readonly legalBasis: string;
  readonly groups: readonly GroupDef[];
  readonly indicators: readonly IndicatorDef[];
}

// The formula specification of the national coordination system (domain.md §4). What it could not confirm in an
// official text (UNCERTAIN in the brief) is said in words staff read: "chưa đối chiếu văn bản gốc".
const SPEC = 'Mô tả công thức tính chỉ số 766 của Hệ thống điều phối';
const UNCHECKED_THRESHOLD = `${SPEC} (ngưỡng chưa đối chiếu văn bản gốc)`;

export const INDEX_766_VERSIONS: readonly Index766Version[] = [
  {
    effectiveFrom: '2022-06-23',
    legalBasis: 'QĐ 766/QĐ-TTg ngày 23/6/2022; điểm thành phần theo dịch vụ đánh giá của Cổng Dịch vụ công quốc gia',
    groups: [
      { id: 'transparency', name: 'Công khai, minh bạch', maxPoints: 18 },
      { id: 'progress', name: 'Tiến độ giải quyết', maxPoints: 20 },
      { id: 'online', name: 'Dịch vụ công trực tuyến', maxPoints: 12 },
      { id: 'payment', name: 'Thanh toán trực tuyến', maxPoints: 10 },
      { id: 'digitisation', name: 'Số hóa hồ sơ', maxPoints: 22 },
      { id: 'satisfaction', name: 'Mức độ hài lòng', maxPoints: 18 },
    ],
    indicators: [
      { id: '1.1', code: 'PUBLISH_ON_TIME', group: 'transparency', name: 'TTHC công bố đúng hạn', maxPoints: 6, fullAt: 1, source: SPEC },
      { id: '1.2', code: 'PUBLIC_UPDATE_ON_TIME', group: 'transparency', name: 'TTHC cập nhật, công khai đúng hạn', maxPoints: 4, fullAt: 1, source: SPEC },
      { id: '1.3', code: 'PUBLIC_CONTENT_FULL', group: 'transparency', name: 'TTHC công khai đầy đủ nội dung', maxPoints: 2, fullAt: 1, source: `${SPEC}; NĐ 63/2010 Đ8 k2` },
      { id: '1.4', code: 'DOSSIER_SYNC', group: 'transparency', name: 'Hồ sơ đồng bộ lên Cổng DVCQG', maxPoints: 6, fullAt: 1, source: SPEC },
      { id: '2.1', code: 'DOSSIER_ON_TIME', group: 'progress', name: 'Hồ sơ xử lý trước hạn, đúng hạn', maxPoints: 20, fullAt: 1, source: SPEC },
      { id: '3.2', code: 'FULL_ONLINE_DOSSIER', group: 'online', name: 'Hồ sơ trực tuyến toàn trình trên tổng hồ sơ của TTHC đủ điều kiện toàn trình', maxPoints: 12, fullAt: 0.8, source: SPEC },
      // The 2 + 2 + 6 split of the payment group was reconciled by a third party: UNCERTAIN (domain.md §4).
      { id: '3.5a', code: 'FEE_FORMALITY_ON_PORTAL', group: 'payment', name: 'TTHC có nghĩa vụ tài chính được cung cấp thanh toán trực tuyến', maxPoints: 2, fullAt: 0.8, source: `${SPEC} (cách chia điểm 2 + 2 + 6 chưa đối chiếu văn bản gốc)` },
      { id: '3.5b', code: 'FEE_FORMALITY_WITH_PAYMENT', group: 'payment', name: 'TTHC có giao dịch thanh toán trực tuyến', maxPoints: 2, fullAt: 0.8, source: `${SPEC} (cách chia điểm 2 + 2 + 6 chưa đối chiếu văn bản gốc)` },
      { id: '3.6', code: 'DOSSIER_PAID_ONLINE', group: 'payment', name: 'Hồ sơ thanh toán trực tuyến', maxPoints: 6, fullAt: 0.8, source: UNCHECKED_THRESHOLD },
      { id: '4.1', code: 'ORIGINAL_RESULT_AVAILABLE', group: 'digitisation', name: 'Hồ sơ có kết quả điện tử', maxPoints: 6, fullAt: 0.8, source: UNCHECKED_THRESHOLD },
      { id: '4.2', code: 'SO_HOA_GIAY_TO_GIAI_QUYET', group: 'digitisation', name: 'Hồ sơ thực hiện số hóa', maxPoints: 4, fullAt: 0.8, source: SPEC },
      { id: '4.2b', code: 'ELECTRONIC_CERTIFIED_COPY', group: 'digitisation', name: 'Chứng thực điện tử bản sao từ bản chính', maxPoints: 2, fullAt: 0.8, source: UNCHECKED_THRESHOLD },
      { id: '4.3', code: 'REUSED_DIGITIZED_DATA', group: 'digitisation', name: 'Tái sử dụng dữ liệu số hóa', maxPoints: 2, fullAt: 0.8, source: SPEC },
      { id: '4.4', code: 'SYNCED_WITH_DVCQG_PERSONAL_STORAGE', group: 'digitisation', name: 'Hồ sơ số hóa kết nối, chia sẻ với Kho DVCQG', maxPoints: 4, fullAt: 0.8, source: UNCHECKED_THRESHOLD },
      { id: '4.5b', code: 'CITIZEN_DATA_CONNECTED_DOSSIER', group: 'digitisation', name: 'Hồ sơ sử dụng dữ liệu dân cư (VNeID)', maxPoints: 2, fullAt: 0.8, source: UNCHECKED_THRESHOLD },
      { id: '4.5a', code: 'CITIZEN_DATA_CONNECTED_FORMALITY', group: 'digitisation', name: 'TTHC có hồ sơ sử dụng dữ liệu dân cư', maxPoints: 2, fullAt: 0.8, source: UNCHECKED_THRESHOLD },
      { id: '5.2', code: 'PETITION_PROCESSING_ON_TIME', group: 'satisfaction', name: 'Phản ánh, kiến nghị xử lý đúng hạn', maxPoints: 6, fullAt: 1, source: UNCHECKED_THRESHOLD },
      { id: '5.3', code: 'PETITION_HANDLING_SATISFACTION', group: 'satisfaction', name: 'Hài lòng xử lý phản ánh, kiến nghị', maxPoints: 6, fullAt: 0.9, source: SPEC },
      { id: '5.4', code: 'DOSSIER_RECEIVING_SATISFACTION', group: 'satisfaction', name: 'Hài lòng trong tiếp nhận, giải quyết TTHC', maxPoints: 6, fullAt: 0.9, source: SPEC },
    ],
  },
];

/** The version in force on a date (YYYY-MM-DD). */
export function index766At(date: string, versions: readonly Index766Version[] = INDEX_766_VERSIONS): Index766Version {
  const v = [...versions].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)).find((x) => x.effectiveFrom <= date);
  if (!v) throw new Error(`no Decision 766 definition in force on ${date}`);
  return v;
}

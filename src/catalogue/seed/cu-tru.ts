// Residence registration and confirmation: ROUTING ENTRIES ONLY. Công an xã decides these through VNeID / DVCQG;
// they are not UBND xã procedures (domain.md §6, last row). They are listed so the centre can guide citizens and
// route a paper dossier to the police; times and fees are [M].
import type { ProcedureVersionInput } from '../core/types.ts';
import {
  FIELDS, GENDERS, ONLINE_CHANNEL, PAPER_CHANNELS, SRC, basis, declaration, fee, field, paper, person, procedure, variant, workingDays,
} from './builders.ts';

const RESIDENCE_LAW = 'Luật Cư trú 68/2020/QH14';
// The amounts are [M] (domain.md §6, last row: "Ministry of Finance fee, lower online"): marked uncertain below. A
// dossier is charged one of the two lines, the one of its channel (paper: at the counter or by post; online).
const FEE_BASIS = 'Thông tư 75/2022/TT-BTC';
const ROUTING_NOTE = 'Chỉ dùng để hướng dẫn và định tuyến: thủ tục do Công an xã giải quyết, không do Ủy ban nhân dân xã xử lý';

interface Residence {
  code: string;
  name: string;
  kind: string; // "thường trú" | "tạm trú"
  days: number;
  direct: number;
  online: number;
  article: string;
  candidate: string;
}

const POLICE = 'Công an cấp xã';
const applicantFields = (who: string) => [
  ...person('applicant', who, { parts: ['fullName', 'dateOfBirth', 'idNumber'] }),
  field('applicantGender', 'Giới tính', 'select', true, GENDERS),
  field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
  field('requesterEmail', 'Thư điện tử', 'email', false),
];

const residence = (r: Residence) =>
  procedure({
    code: r.code,
    name: r.name,
    field: FIELDS.cuTru,
    authority: POLICE,
    routingOnly: true,
    handlingUnitCode: 'CA',
    targetPersons: [`Công dân có yêu cầu đăng ký ${r.kind}`],
    steps: [`Công an xã thẩm định hồ sơ, cập nhật thông tin ${r.kind} vào Cơ sở dữ liệu về cư trú và thông báo kết quả cho người đăng ký.`],
    components: [
      declaration('TO_KHAI', 'Tờ khai thay đổi thông tin cư trú', `ct-${r.kind === 'thường trú' ? 'thuong-tru' : 'tam-tru'}`, [
        ...applicantFields('của người đăng ký'),
        field('newResidence', `Nơi đề nghị đăng ký ${r.kind}`),
        field('householdHeadFullName', 'Họ, chữ đệm, tên chủ hộ', 'text', false),
        field('relationToHead', 'Quan hệ với chủ hộ', 'text', false),
        field('content', 'Nội dung đề nghị', 'textarea'),
      ]),
      paper('GIAY_TO_CHO_O', 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', { kind: 'copy' }),
    ],
    processingTime: workingDays(r.days),
    fees: [
      fee('LP_TRUC_TIEP', `Lệ phí đăng ký ${r.kind} (nộp hồ sơ trực tiếp hoặc qua bưu chính)`, r.direct, FEE_BASIS, { channels: PAPER_CHANNELS }),
      fee('LP_TRUC_TUYEN', `Lệ phí đăng ký ${r.kind} (nộp hồ sơ trực tuyến)`, r.online, FEE_BASIS, { channels: ONLINE_CHANNEL }),
    ],
    legalBasis: [basis(RESIDENCE_LAW, r.article)],
    resultType: `Thông tin ${r.kind} được cập nhật vào Cơ sở dữ liệu về cư trú; thông báo kết quả`,
    process: { appraisal: 'Công an xã thẩm định hồ sơ và cập nhật Cơ sở dữ liệu về cư trú', leader: 'Trưởng Công an xã phê duyệt' },
    flags: { fullOnline: true, paperResult: false },
    uncertain: ['processingTime', 'fees.0.amountVnd', 'fees.1.amountVnd', 'legalBasis.0.article'],
    sources: [ROUTING_NOTE, SRC.listed, SRC.candidate(r.candidate)],
  });

// Confirmation of residence information (domain.md §6, last row: "xác nhận cư trú", no time or fee given there). The
// national portal's entry for the procedure gives 01 working day when the information is in the national population
// database, 03 working days when it must be verified, no fee, filed at any Công an cấp xã; the article of Thông tư
// 55/2021/TT-BCA is from memory. All of these are marked uncertain.
const CONFIRMATION_RULES = 'Thông tư 55/2021/TT-BCA (sửa đổi, bổ sung bởi Thông tư 66/2023/TT-BCA)';
const xacNhanCuTru = procedure({
  code: 'CA.LOCAL.003',
  name: 'Xác nhận thông tin về cư trú',
  field: FIELDS.cuTru,
  authority: POLICE,
  routingOnly: true,
  handlingUnitCode: 'CA',
  targetPersons: ['Công dân có yêu cầu xác nhận thông tin về cư trú'],
  steps: ['Công an xã khai thác Cơ sở dữ liệu về cư trú và Cơ sở dữ liệu quốc gia về dân cư, cấp văn bản xác nhận thông tin về cư trú cho người đề nghị.'],
  components: [
    declaration('TO_KHAI', 'Tờ khai thay đổi thông tin cư trú', 'ct-xac-nhan', [
      ...applicantFields('của người đề nghị xác nhận'),
      field('content', 'Nội dung đề nghị xác nhận', 'textarea'),
    ]),
  ],
  processingTime: workingDays(1),
  timeVariants: [variant('XAC_MINH', 'Trường hợp cần xác minh', workingDays(3), `${CONFIRMATION_RULES}, Điều 17`)],
  fees: [],
  legalBasis: [basis(RESIDENCE_LAW), basis(CONFIRMATION_RULES, 'Điều 17')],
  resultType: 'Văn bản xác nhận thông tin về cư trú (bản điện tử hoặc bản giấy)',
  process: { appraisal: 'Công an xã khai thác Cơ sở dữ liệu về cư trú và dự thảo văn bản xác nhận', leader: 'Trưởng Công an xã ký xác nhận' },
  flags: { fullOnline: true, paperResult: false, anywhere: true },
  uncertain: ['processingTime', 'timeVariants.0', 'fees', 'legalBasis.1.article', 'flags.receivableAnywhereInProvince'],
  sources: [ROUTING_NOTE, SRC.listed, 'Cổng Dịch vụ công quốc gia, thủ tục "Xác nhận thông tin về cư trú" (thời hạn giải quyết, phí)'],
});

export const cuTruProcedures: ProcedureVersionInput[] = [
  residence({ code: 'CA.LOCAL.001', name: 'Đăng ký thường trú', kind: 'thường trú', days: 7, direct: 20_000, online: 10_000, article: 'Điều 22', candidate: '1.004222' }),
  residence({ code: 'CA.LOCAL.002', name: 'Đăng ký tạm trú', kind: 'tạm trú', days: 3, direct: 15_000, online: 7_000, article: 'Điều 28', candidate: '1.004194' }),
  xacNhanCuTru,
];

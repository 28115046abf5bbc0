// Certification (chứng thực) at the commune (domain.md §6 rows 13–17): Nghị định 23/2015/NĐ-CP for the
// procedure and the 15:00 rule (Đ7), Thông tư 226/2016/TT-BTC Đ4 for the fees.
import type { Component, Fee, FormField, ProcedureVersionInput } from '../core/types.ts';
import {
  FIELDS,
  ID_PAPER,
  LAW,
  SAME_DAY,
  sameDay,
  SRC,
  basis,
  declaration,
  fee,
  field,
  paper,
  procedure,
  requester,
  variant,
  workingDays,
} from './builders.ts';

const SAME_DAY_RULE = basis(LAW.nd23, 'Điều 7', 'Trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo');
const TT226 = `${LAW.tt226} Điều 4`;
const CERTIFIER = 'Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký chứng thực';
const CERTIFY_PROCESS = { appraisal: 'Kiểm tra giấy tờ, đối chiếu và ghi lời chứng', leader: CERTIFIER };

/** TT 226/2016/TT-BTC Đ4: 2.000 đ/trang for pages 1–2, 1.000 đ/trang from page 3, at most 200.000 đ per copy. */
export const CERTIFIED_COPY_FEE: Fee = fee('PHI_CHUNG_THUC_BAN_SAO', 'Phí chứng thực bản sao từ bản chính', 2_000, TT226, {
  kind: 'fee',
  perUnit: {
    unit: 'trang',
    tiers: [
      { fromUnit: 1, amountVnd: 2_000 },
      { fromUnit: 3, amountVnd: 1_000 },
    ],
    maxPerCopyVnd: 200_000,
  },
  unitsField: 'pages', // "Số trang của bản chính" of the request form (PHIEU_YEU_CAU)
  copiesField: 'copies',
});

const banSao = procedure({
  code: '2.000815',
  name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
  field: FIELDS.chungThuc,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Cá nhân, tổ chức có yêu cầu chứng thực bản sao từ bản chính'],
  methods: ['direct'],
  steps: [
    'Người thực hiện chứng thực kiểm tra bản chính, đối chiếu với bản sao (hoặc chụp từ bản chính), ghi lời chứng theo mẫu, ký, ghi rõ họ tên, đóng dấu và ghi vào sổ chứng thực.',
  ],
  components: [
    paper('BAN_CHINH', 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao', { kind: 'shown' }),
    paper('BAN_SAO', 'Bản sao cần chứng thực (nếu người yêu cầu không tự chuẩn bị thì cơ quan chụp từ bản chính)', {
      required: false,
      kind: 'copy',
    }),
    {
      ...declaration('PHIEU_YEU_CAU', 'Phiếu yêu cầu chứng thực bản sao (dùng khi yêu cầu cấp bản sao điện tử có chứng thực)', 'ct-ban-sao', [
        ...requester(),
        field('documentName', 'Tên giấy tờ, văn bản cần chứng thực'),
        field('pages', 'Số trang của bản chính', 'number'),
        field('copies', 'Số bản sao cần chứng thực', 'number'),
      ]),
      required: false,
    },
  ],
  processingTime: SAME_DAY,
  timeVariants: [
    variant(
      'NHIEU_BAN',
      'Yêu cầu chứng thực nhiều loại giấy tờ, nhiều trang, nhiều bản hoặc nội dung phức tạp (kéo dài không quá 02 ngày làm việc)',
      sameDay(2), // the same-day time (15:00 rule) extended by at most 2 working days
      'Nghị định 23/2015/NĐ-CP Điều 21',
    ),
  ],
  fees: [CERTIFIED_COPY_FEE],
  legalBasis: [SAME_DAY_RULE, basis(LAW.nd23, 'Điều 20', 'Thủ tục chứng thực bản sao từ bản chính'), basis(LAW.nd23, 'Điều 21'), basis(LAW.tt226, 'Điều 4')],
  resultType: 'Bản sao có chứng thực từ bản chính (bản giấy hoặc bản điện tử)',
  resultCode: 'BAN_SAO_CHUNG_THUC',
  process: CERTIFY_PROCESS,
  flags: { fullOnline: false, anywhere: true },
  uncertain: ['components.2', 'legalBasis.1.article', 'flags.receivableAnywhereInProvince'],
  sources: [SRC.listed, 'Nghị định 23/2015/NĐ-CP Điều 5: chứng thực bản sao, chữ ký không phụ thuộc nơi cư trú (chưa đối chiếu khoản)'],
});

const chuKy = procedure({
  code: '2.000884',
  name: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
  field: FIELDS.chungThuc,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Cá nhân có yêu cầu chứng thực chữ ký của mình trong giấy tờ, văn bản'],
  methods: ['direct'],
  steps: [
    'Người yêu cầu ký trước mặt người thực hiện chứng thực; người thực hiện chứng thực kiểm tra giấy tờ, ghi lời chứng, ký, đóng dấu và ghi vào sổ chứng thực.',
  ],
  components: [
    paper('GIAY_TO_CAN_KY', 'Giấy tờ, văn bản mà người yêu cầu chứng thực sẽ ký'),
    ID_PAPER,
  ],
  processingTime: SAME_DAY,
  fees: [fee('PHI_CHUNG_THUC_CHU_KY', 'Phí chứng thực chữ ký (một hoặc nhiều chữ ký trong một giấy tờ, văn bản)', 10_000, TT226, { kind: 'fee' })],
  legalBasis: [SAME_DAY_RULE, basis(LAW.nd23, 'Điều 24', 'Thủ tục chứng thực chữ ký'), basis(LAW.tt226, 'Điều 4')],
  resultType: 'Giấy tờ, văn bản đã được chứng thực chữ ký',
  process: CERTIFY_PROCESS,
  flags: { fullOnline: false, anywhere: true, inPerson: true },
  uncertain: ['legalBasis.1.article', 'flags.receivableAnywhereInProvince'],
  sources: [SRC.listed],
});

const nguoiDich = procedure({
  code: 'CT.LOCAL.001',
  name: 'Chứng thực chữ ký người dịch',
  field: FIELDS.chungThuc,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Người dịch là cộng tác viên dịch thuật của Ủy ban nhân dân xã hoặc người dịch có đủ điều kiện theo Nghị định 23/2015/NĐ-CP'],
  methods: ['direct'],
  steps: ['Người dịch ký trước mặt người thực hiện chứng thực (hoặc đối chiếu chữ ký mẫu của cộng tác viên); người thực hiện chứng thực ghi lời chứng, ký, đóng dấu và ghi vào sổ chứng thực.'],
  components: [
    paper('BAN_DICH', 'Bản dịch kèm theo bản gốc giấy tờ, văn bản cần dịch'),
    paper('BANG_CAP_NGUOI_DICH', 'Bản sao bằng tốt nghiệp đại học trở lên hoặc văn bằng, chứng chỉ ngoại ngữ của người dịch (người dịch không phải cộng tác viên)', {
      required: false,
      kind: 'certified_copy',
    }),
    ID_PAPER,
  ],
  processingTime: SAME_DAY,
  fees: [fee('PHI_CHU_KY_NGUOI_DICH', 'Phí chứng thực chữ ký người dịch', 10_000, TT226, { kind: 'fee' })],
  legalBasis: [basis(LAW.nd23, 'Điều 33', 'Thời hạn: trong ngày hoặc dài hơn theo thỏa thuận bằng văn bản'), basis(LAW.tt226, 'Điều 4')],
  resultType: 'Bản dịch đã được chứng thực chữ ký người dịch',
  process: CERTIFY_PROCESS,
  flags: { fullOnline: false, inPerson: true },
  uncertain: ['fees.0.amountVnd', 'flags.requiresInPersonSigning'],
  sources: [SRC.listed, SRC.candidate('2.001008 (người dịch không phải cộng tác viên), 2.000992 (cộng tác viên)')],
});

const contractForm = (extra: FormField[]) => [...requester(), ...extra, field('partiesCount', 'Số bên tham gia hợp đồng, giao dịch', 'number')];

interface ContractSpec {
  code: string;
  name: string;
  templateId: string;
  formFields: FormField[];
  papers: Component[];
  amountVnd: number;
  feeName: string;
  resultType: string;
  uncertain: string[];
}

/** The three contract procedures share parties, signing in person, time (≤ 02 working days, NĐ 23 Đ37) and fees. */
const contract = (c: ContractSpec) =>
  procedure({
    code: c.code,
    name: c.name,
    field: FIELDS.chungThuc,
    handlingUnitCode: 'VHXH',
    targetPersons: ['Các bên tham gia hợp đồng, giao dịch (cá nhân, tổ chức)'],
    methods: ['direct'],
    steps: [
      'Người thực hiện chứng thực kiểm tra năng lực hành vi dân sự, sự tự nguyện của các bên và nội dung văn bản; các bên ký trước mặt người thực hiện chứng thực.',
      `${CERTIFIER}, đóng dấu và ghi vào sổ chứng thực hợp đồng, giao dịch.`,
    ],
    components: [declaration('PHIEU_YEU_CAU', 'Phiếu yêu cầu chứng thực hợp đồng, giao dịch', c.templateId, contractForm(c.formFields)), ...c.papers, ID_PAPER],
    processingTime: workingDays(2),
    fees: [fee('PHI_HOP_DONG', c.feeName, c.amountVnd, TT226, { kind: 'fee' })],
    legalBasis: [basis(LAW.nd23, 'Điều 37', 'Thời hạn không quá 02 ngày làm việc'), basis(LAW.tt226, 'Điều 4')],
    resultType: c.resultType,
    process: CERTIFY_PROCESS,
    flags: { fullOnline: false, inPerson: true },
    uncertain: c.uncertain,
    sources: [SRC.listed],
  });

const hopDong = contract({
  code: 'CT.LOCAL.002',
  name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở',
  templateId: 'ct-hop-dong',
  formFields: [
    field('contractType', 'Loại hợp đồng, giao dịch', 'select', true, [
      'Chuyển nhượng quyền sử dụng đất',
      'Tặng cho quyền sử dụng đất',
      'Thế chấp quyền sử dụng đất',
      'Thuê, cho thuê quyền sử dụng đất',
      'Hợp đồng liên quan đến nhà ở',
      'Hợp đồng liên quan đến động sản',
      'Văn bản thỏa thuận phân chia di sản',
      'Khác',
    ]),
    field('assetDescription', 'Mô tả tài sản (thửa đất, nhà ở, động sản)', 'textarea'),
    field('certificateNumber', 'Số Giấy chứng nhận quyền sử dụng đất, quyền sở hữu (nếu có)', 'text', false),
    field('draftedBy', 'Dự thảo hợp đồng', 'select', true, ['Người yêu cầu tự soạn thảo', 'Đề nghị cơ quan thực hiện chứng thực soạn thảo']),
  ],
  papers: [
    paper('DU_THAO_HOP_DONG', 'Dự thảo hợp đồng, giao dịch'),
    paper('GIAY_CHUNG_NHAN', 'Bản sao Giấy chứng nhận quyền sở hữu, quyền sử dụng hoặc giấy tờ thay thế (đối với tài sản phải đăng ký quyền sở hữu, quyền sử dụng)', {
      required: false,
      kind: 'copy',
      note: 'Bắt buộc với hợp đồng, giao dịch về quyền sử dụng đất, nhà ở.',
    }),
  ],
  amountVnd: 50_000,
  feeName: 'Phí chứng thực hợp đồng, giao dịch',
  resultType: 'Hợp đồng, giao dịch đã được chứng thực',
  uncertain: [],
});

const suaDoiHopDong = contract({
  code: 'CT.LOCAL.003',
  name: 'Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch',
  templateId: 'ct-sua-doi-hop-dong',
  formFields: [
    field('certifiedContractNumber', 'Số chứng thực của hợp đồng, giao dịch đã được chứng thực'),
    field('changeType', 'Yêu cầu', 'select', true, ['Sửa đổi', 'Bổ sung', 'Hủy bỏ']),
    field('changeContent', 'Nội dung sửa đổi, bổ sung, hủy bỏ', 'textarea'),
  ],
  papers: [
    paper('DU_THAO_SUA_DOI', 'Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch'),
    paper('HOP_DONG_DA_CHUNG_THUC', 'Hợp đồng, giao dịch đã được chứng thực', { kind: 'shown' }),
  ],
  amountVnd: 30_000,
  feeName: 'Phí chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch',
  resultType: 'Văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch đã được chứng thực',
  uncertain: ['processingTime'],
});

const suaLoiHopDong = contract({
  code: 'CT.LOCAL.004',
  name: 'Sửa lỗi sai sót trong hợp đồng, giao dịch đã được chứng thực',
  templateId: 'ct-sua-loi-hop-dong',
  formFields: [
    field('certifiedContractNumber', 'Số chứng thực của hợp đồng, giao dịch đã được chứng thực'),
    field('errorDescription', 'Nội dung sai sót', 'textarea'),
    field('correctContent', 'Nội dung đề nghị sửa', 'textarea'),
  ],
  papers: [paper('HOP_DONG_DA_CHUNG_THUC', 'Hợp đồng, giao dịch đã được chứng thực', { kind: 'shown' })],
  amountVnd: 25_000,
  feeName: 'Phí sửa lỗi sai sót trong hợp đồng, giao dịch đã được chứng thực',
  resultType: 'Hợp đồng, giao dịch đã được sửa lỗi sai sót',
  uncertain: ['processingTime', 'flags.requiresInPersonSigning'],
});

const banSaoTuSoGoc = procedure({
  code: '2.000908',
  name: 'Cấp bản sao từ sổ gốc',
  field: FIELDS.chungThuc,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Người được cấp bản chính; người đại diện theo pháp luật, người được ủy quyền hoặc người thân thích (cha, mẹ, con, vợ, chồng…) khi người được cấp bản chính đã chết'],
  steps: ['Cơ quan đang quản lý sổ gốc đối chiếu sổ gốc và cấp bản sao; Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký, đóng dấu.'],
  components: [
    declaration('DON_DE_NGHI', 'Đơn đề nghị cấp bản sao từ sổ gốc', 'ct-ban-sao-so-goc', [
      ...requester('Quan hệ với người được cấp bản chính (nếu không phải chính người đó)'),
      field('documentName', 'Tên giấy tờ đề nghị cấp bản sao'),
      field('subjectFullName', 'Họ, chữ đệm, tên người được cấp bản chính'),
      field('documentNumber', 'Số, ký hiệu của giấy tờ (nếu biết)', 'text', false),
      field('issueDate', 'Ngày cấp bản chính (nếu biết)', 'date', false),
      field('copies', 'Số bản sao đề nghị cấp', 'number'),
    ]),
    ID_PAPER,
    paper('GIAY_TO_QUAN_HE', 'Giấy tờ chứng minh quan hệ với người được cấp bản chính (trường hợp người yêu cầu là người thân thích)', { required: false, kind: 'copy' }),
  ],
  processingTime: SAME_DAY,
  fees: [],
  legalBasis: [SAME_DAY_RULE, basis(LAW.nd23, undefined, 'Cấp bản sao từ sổ gốc'), basis('Quyết định 663/QĐ-UBND năm 2026 của UBND thành phố Hà Nội', undefined, 'Quy trình nội bộ mẫu: tiếp nhận 2 giờ, thẩm định 3 giờ, ký 2 giờ, trả 1 giờ')],
  resultType: 'Bản sao từ sổ gốc',
  flags: { fullOnline: true },
  uncertain: ['fees', 'processingTime', 'legalBasis.2', 'flags.eligibleFullOnline'],
  sources: [SRC.listed],
});

export const chungThucProcedures: ProcedureVersionInput[] = [banSao, chuKy, nguoiDich, hopDong, suaDoiHopDong, suaLoiHopDong, banSaoTuSoGoc];

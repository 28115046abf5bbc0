// Civil status (hộ tịch), changes and relationships: change/correction, additions, recognition of parent and
// child, guardianship, confirmation of civil-status information (domain.md §6 rows 5–8, 30). Most of these
// may be filed at any commune of the province (Nghị định 120/2025, domain.md §2.2).
import type { ProcedureVersionInput } from '../core/types.ts';
import {
  civilStatusExempt,
  EXEMPTION_PROOF,
  exemptGroupField,
  FIELDS,
  ID_PAPER,
  LAW,
  POWER_OF_ATTORNEY,
  SAME_DAY,
  SRC,
  basis,
  declaration,
  field,
  noCharge,
  paper,
  person,
  procedure,
  provincialFee,
  requester,
  variant,
  workingDays,
} from './builders.ts';

/** The civil-status papers the commune issues: any of them, kept in the applicant's store, stands for the paper to
 *  change or complete (catalogue/core/document-types.ts). */
const CIVIL_STATUS_PAPERS = ['GIAY_KHAI_SINH', 'GCN_KET_HON', 'TRICH_LUC_KHAI_TU', 'TRICH_LUC_HO_TICH'];
const SIGN_STEP = 'Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký cấp trích lục; công chức ghi vào Sổ hộ tịch và cập nhật Cơ sở dữ liệu hộ tịch điện tử.';
const ANYWHERE = basis(LAW.nd120, undefined, 'Nộp tại Ủy ban nhân dân xã bất kỳ trong tỉnh; không bắt buộc có mặt ký Sổ hộ tịch');
const subjectFields = () =>
  person('subject', 'của người có sự kiện hộ tịch', { parts: ['fullName', 'dateOfBirth', 'idNumber'] });

const thayDoiCaiChinh = procedure({
  code: 'HT.LOCAL.001',
  name: 'Đăng ký thay đổi, cải chính hộ tịch',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Cá nhân có yêu cầu thay đổi, cải chính hộ tịch; người đại diện theo pháp luật của người chưa thành niên, người mất năng lực hành vi dân sự'],
  steps: [
    'Công chức tư pháp - hộ tịch kiểm tra căn cứ thay đổi, cải chính; trường hợp cần xác minh thì thời hạn kéo dài thêm không quá 03 ngày làm việc.',
    SIGN_STEP,
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'ht-thay-doi-cai-chinh', [
      ...requester('Quan hệ với người có sự kiện hộ tịch'),
      ...subjectFields(),
      field('changeType', 'Loại yêu cầu', 'select', true, ['Thay đổi họ, chữ đệm, tên', 'Cải chính nội dung hộ tịch']),
      field('registeredContent', 'Nội dung đã đăng ký', 'textarea'),
      field('requestedContent', 'Nội dung đề nghị thay đổi, cải chính', 'textarea'),
      field('reason', 'Lý do', 'textarea'),
      exemptGroupField(),
    ]),
    paper('GIAY_TO_HO_TICH', 'Giấy tờ hộ tịch có nội dung cần thay đổi, cải chính', { kind: 'shown', reusable: true, accepts: CIVIL_STATUS_PAPERS }),
    paper('GIAY_TO_CAN_CU', 'Giấy tờ làm căn cứ cho việc thay đổi, cải chính hộ tịch', { kind: 'copy' }),
    paper('VAN_BAN_DONG_Y', 'Văn bản đồng ý của người được thay đổi họ, tên (người từ đủ 09 tuổi trở lên)', { required: false }),
    EXEMPTION_PROOF,
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: workingDays(3),
  timeVariants: [variant('XAC_MINH', 'Trường hợp cần xác minh (kéo dài thêm không quá 03 ngày làm việc)', workingDays(6), 'Luật Hộ tịch 2014 Điều 28')],
  fees: [provincialFee('LP_THAY_DOI_CAI_CHINH', 'Lệ phí đăng ký thay đổi, cải chính hộ tịch', 10_000, civilStatusExempt({ declared: true }))],
  legalBasis: [basis(LAW.hoTich, 'Điều 28'), basis(LAW.hoTich, 'Điều 11'), ANYWHERE],
  resultType: 'Trích lục thay đổi, cải chính hộ tịch',
  resultCode: 'TRICH_LUC_HO_TICH',
  flags: { fullOnline: true, anywhere: true },
  uncertain: ['flags.eligibleFullOnline'],
  sources: [SRC.listed, SRC.candidate('1.004859')],
});

const boSung = procedure({
  code: 'HT.LOCAL.002',
  name: 'Bổ sung thông tin hộ tịch',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Cá nhân có yêu cầu bổ sung thông tin hộ tịch còn thiếu trong Sổ hộ tịch, giấy tờ hộ tịch'],
  steps: ['Công chức tư pháp - hộ tịch kiểm tra giấy tờ làm căn cứ bổ sung, ghi nội dung bổ sung vào Sổ hộ tịch và giấy tờ hộ tịch.', SIGN_STEP],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'ht-bo-sung', [
      ...requester('Quan hệ với người có sự kiện hộ tịch'),
      ...subjectFields(),
      field('eventType', 'Sự kiện hộ tịch cần bổ sung thông tin', 'select', true, ['Khai sinh', 'Kết hôn', 'Khai tử', 'Khác']),
      field('missingContent', 'Nội dung đề nghị bổ sung', 'textarea'),
      exemptGroupField(),
    ]),
    paper('GIAY_TO_HO_TICH', 'Giấy tờ hộ tịch cần bổ sung thông tin', { kind: 'shown', reusable: true, accepts: CIVIL_STATUS_PAPERS }),
    paper('GIAY_TO_CAN_CU', 'Giấy tờ làm căn cứ cho việc bổ sung thông tin hộ tịch', { kind: 'copy' }),
    EXEMPTION_PROOF,
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: SAME_DAY,
  fees: [provincialFee('LP_BO_SUNG', 'Lệ phí bổ sung thông tin hộ tịch', 5_000, civilStatusExempt({ declared: true }))],
  legalBasis: [basis(LAW.hoTich, 'Điều 5 khoản 3'), basis(LAW.hoTich, 'Điều 29', 'Thủ tục bổ sung thông tin hộ tịch'), ANYWHERE],
  resultType: 'Nội dung bổ sung được ghi vào Sổ hộ tịch và giấy tờ hộ tịch; trích lục (nếu có yêu cầu)',
  flags: { fullOnline: true, anywhere: true },
  uncertain: ['processingTime', 'legalBasis.1', 'flags.eligibleFullOnline'],
  sources: [SRC.listed],
});

const nhanChaMeCon = procedure({
  code: '1.001022',
  name: 'Đăng ký nhận cha, mẹ, con',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Cha, mẹ, con có yêu cầu nhận cha, mẹ, con khi không có tranh chấp'],
  steps: [
    'Công chức tư pháp - hộ tịch kiểm tra chứng cứ chứng minh quan hệ cha, mẹ, con và niêm yết công khai; trường hợp cần xác minh thì thời hạn kéo dài thêm không quá 05 ngày làm việc.',
    SIGN_STEP,
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký nhận cha, mẹ, con', 'ht-nhan-cha-me-con', [
      ...person('recognizer', 'của người nhận', { parts: ['fullName', 'dateOfBirth', 'ethnicity', 'nationality', 'idNumber', 'residence'] }),
      ...person('recognized', 'của người được nhận', { parts: ['fullName', 'dateOfBirth', 'gender', 'idNumber', 'residence'] }),
      field('relationship', 'Quan hệ được nhận', 'select', true, ['Cha nhận con', 'Mẹ nhận con', 'Con nhận cha', 'Con nhận mẹ']),
      field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
      exemptGroupField(),
    ]),
    paper('CHUNG_CU_QUAN_HE', 'Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan có thẩm quyền xác nhận quan hệ cha, mẹ, con; nếu không có thì thư từ, phim ảnh, đồ dùng… chứng minh và văn bản cam đoan có ít nhất hai người làm chứng'),
    EXEMPTION_PROOF,
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: workingDays(3),
  timeVariants: [variant('XAC_MINH', 'Trường hợp cần xác minh (kéo dài thêm không quá 05 ngày làm việc)', workingDays(8), 'Luật Hộ tịch 2014 Điều 25')],
  fees: [provincialFee('LP_NHAN_CHA_ME_CON', 'Lệ phí đăng ký nhận cha, mẹ, con', 10_000, civilStatusExempt({ declared: true }))],
  legalBasis: [basis(LAW.hoTich, 'Điều 25'), basis(LAW.hoTich, 'Điều 11'), ANYWHERE],
  resultType: 'Trích lục đăng ký nhận cha, mẹ, con',
  resultCode: 'TRICH_LUC_HO_TICH',
  flags: { fullOnline: true, anywhere: true },
  uncertain: ['flags.eligibleFullOnline'],
  sources: [SRC.listed],
});

const guardianFields = () => [
  ...person('guardian', 'của người giám hộ', { parts: ['fullName', 'dateOfBirth', 'idNumber', 'residence'] }),
  ...person('ward', 'của người được giám hộ', { parts: ['fullName', 'dateOfBirth', 'gender', 'idNumber', 'residence'] }),
  field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
];

const giamHo = procedure({
  code: '1.004837',
  name: 'Đăng ký giám hộ',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Người được cử làm giám hộ hoặc người giám hộ đương nhiên theo Bộ luật Dân sự'],
  steps: ['Công chức tư pháp - hộ tịch kiểm tra điều kiện giám hộ theo Bộ luật Dân sự.', SIGN_STEP],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký giám hộ', 'ht-giam-ho', [
      ...guardianFields(),
      field('guardianshipType', 'Hình thức giám hộ', 'select', true, ['Giám hộ cử', 'Giám hộ đương nhiên']),
    ]),
    paper('VAN_BAN_CU_GIAM_HO', 'Văn bản cử người giám hộ (giám hộ cử) hoặc giấy tờ chứng minh điều kiện giám hộ đương nhiên'),
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: workingDays(3),
  fees: [noCharge('LP_GIAM_HO', 'Lệ phí đăng ký giám hộ (miễn)', 'Luật Hộ tịch 2014 Điều 11 khoản 1 điểm b')],
  legalBasis: [basis(LAW.hoTich, 'Điều 20'), basis(LAW.hoTich, 'Điều 11'), ANYWHERE],
  resultType: 'Trích lục đăng ký giám hộ',
  resultCode: 'TRICH_LUC_HO_TICH',
  flags: { fullOnline: true, anywhere: true },
  uncertain: ['flags.eligibleFullOnline'],
  sources: [SRC.listed],
});

const chamDutGiamHo = procedure({
  code: 'HT.LOCAL.003',
  name: 'Đăng ký chấm dứt giám hộ',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Người yêu cầu chấm dứt giám hộ khi có căn cứ theo Bộ luật Dân sự'],
  steps: ['Công chức tư pháp - hộ tịch kiểm tra căn cứ chấm dứt giám hộ.', SIGN_STEP],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký chấm dứt giám hộ', 'ht-cham-dut-giam-ho', [
      ...guardianFields(),
      field('terminationReason', 'Lý do chấm dứt giám hộ', 'textarea'),
    ]),
    paper('GIAY_TO_CHAM_DUT', 'Giấy tờ làm căn cứ chấm dứt giám hộ theo quy định của Bộ luật Dân sự'),
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: workingDays(2),
  fees: [noCharge('LP_CHAM_DUT_GIAM_HO', 'Lệ phí đăng ký chấm dứt giám hộ (miễn)', 'Luật Hộ tịch 2014 Điều 11 khoản 1 điểm b')],
  legalBasis: [basis(LAW.hoTich, 'Điều 22', 'Thủ tục đăng ký chấm dứt giám hộ'), ANYWHERE],
  resultType: 'Trích lục đăng ký chấm dứt giám hộ',
  resultCode: 'TRICH_LUC_HO_TICH',
  flags: { fullOnline: true, anywhere: true },
  uncertain: ['fees', 'legalBasis.0.article', 'flags.eligibleFullOnline', 'flags.receivableAnywhereInProvince'],
  sources: [SRC.listed, SRC.candidate('1.004845')],
});

const xacNhanThongTin = procedure({
  code: 'HT.LOCAL.004',
  name: 'Xác nhận thông tin hộ tịch',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Cá nhân, cơ quan, tổ chức có yêu cầu xác nhận thông tin hộ tịch trong Cơ sở dữ liệu hộ tịch điện tử'],
  steps: [
    'Công chức tư pháp - hộ tịch khai thác Cơ sở dữ liệu hộ tịch điện tử và dự thảo văn bản xác nhận thông tin hộ tịch.',
    'Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký văn bản xác nhận thông tin hộ tịch.',
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đề nghị xác nhận thông tin hộ tịch', 'ht-xac-nhan-thong-tin', [
      ...requester('Quan hệ với người được xác nhận thông tin'),
      ...subjectFields(),
      field('requestedInformation', 'Thông tin hộ tịch cần xác nhận', 'textarea'),
      field('purpose', 'Mục đích sử dụng'),
    ]),
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: SAME_DAY,
  fees: [provincialFee('PHI_XAC_NHAN_THONG_TIN', 'Phí xác nhận thông tin hộ tịch', 8_000, { kind: 'fee' })],
  legalBasis: [basis('Nghị định 87/2020/NĐ-CP (sửa đổi bởi Nghị định 120/2025/NĐ-CP)', 'Điều 8'), basis(LAW.nd120)],
  resultType: 'Văn bản xác nhận thông tin hộ tịch (bản điện tử hoặc bản giấy)',
  resultCode: 'XAC_NHAN_THONG_TIN_HO_TICH',
  flags: { fullOnline: true, paperResult: false },
  uncertain: ['processingTime', 'fees', 'flags.returnsPaperResult'],
  sources: [SRC.listed],
});

export const hoTichThayDoiProcedures: ProcedureVersionInput[] = [
  thayDoiCaiChinh,
  boSung,
  nhanChaMeCon,
  giamHo,
  chamDutGiamHo,
  xacNhanThongTin,
];

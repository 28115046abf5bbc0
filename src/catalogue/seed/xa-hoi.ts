// Social protection and poverty (domain.md §6 rows 18–21). Decided by the Chủ tịch UBND xã since the
// two-tier reform; times are NOT verified in domain.md ([M]) and are marked uncertain — replace them with the
// province's publication decision. No fees.
import type { ProcedureVersionInput } from '../core/types.ts';
import {
  CHU_TICH_XA,
  FIELDS,
  ID_PAPER,
  POWER_OF_ATTORNEY,
  SRC,
  basis,
  declaration,
  field,
  paper,
  person,
  procedure,
  requester,
  workingDays,
} from './builders.ts';

const ND20 = 'Nghị định 20/2021/NĐ-CP (sửa đổi, bổ sung bởi Nghị định 76/2024/NĐ-CP)';
const DECIDE = 'Chủ tịch Ủy ban nhân dân xã xem xét, quyết định';
const PROCESS = { appraisal: 'Xem xét, rà soát hồ sơ, trình Hội đồng xét duyệt (nếu có) và dự thảo quyết định', leader: 'Chủ tịch Ủy ban nhân dân xã ký quyết định' };

const paymentFields = () => [
  field('paymentMethod', 'Hình thức nhận trợ cấp', 'select', true, ['Nhận tiền mặt tại điểm chi trả', 'Nhận qua tài khoản ngân hàng']),
  field('bankAccount', 'Số tài khoản, tên ngân hàng (nếu nhận qua tài khoản)', 'text', false),
];
const beneficiary = () =>
  person('beneficiary', 'của đối tượng', { parts: ['fullName', 'dateOfBirth', 'gender', 'ethnicity', 'idNumber', 'residence'] });

const troCapHangThang = procedure({
  code: 'XH.LOCAL.001',
  name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng',
  field: FIELDS.baoTroXaHoi,
  authority: CHU_TICH_XA,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Đối tượng bảo trợ xã hội theo Nghị định 20/2021/NĐ-CP: trẻ em không có nguồn nuôi dưỡng, người cao tuổi, người khuyết tật, người đơn thân nghèo đang nuôi con và các đối tượng khác; người đại diện hoặc người chăm sóc'],
  steps: [
    'Công chức phụ trách lao động - thương binh và xã hội rà soát hồ sơ, khai thác cơ sở dữ liệu (dân cư, khuyết tật, hộ nghèo); trình Hội đồng xét duyệt và niêm yết công khai theo quy định.',
    `${DECIDE} thực hiện, điều chỉnh hoặc thôi hưởng trợ cấp; trường hợp không đủ điều kiện thì trả lời bằng văn bản, nêu rõ lý do.`,
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đề nghị trợ giúp xã hội', 'xh-tro-cap-hang-thang', [
      ...requester('Quan hệ với đối tượng (nếu nộp thay)'),
      ...beneficiary(),
      field('beneficiaryGroup', 'Nhóm đối tượng', 'select', true, [
        'Trẻ em dưới 16 tuổi không có nguồn nuôi dưỡng',
        'Người cao tuổi',
        'Người khuyết tật',
        'Người đơn thân thuộc hộ nghèo đang nuôi con',
        'Người nhiễm HIV/AIDS thuộc hộ nghèo',
        'Khác',
      ]),
      field('requestType', 'Nội dung đề nghị', 'select', true, ['Thực hiện trợ cấp', 'Điều chỉnh mức trợ cấp', 'Thôi hưởng trợ cấp']),
      ...paymentFields(),
    ]),
    paper('GIAY_XAC_NHAN_KHUYET_TAT', 'Giấy xác nhận khuyết tật (đối với người khuyết tật)', {
      required: false, kind: 'shown', reusable: true, accepts: ['GIAY_XAC_NHAN_KHUYET_TAT'], keepAs: 'GIAY_XAC_NHAN_KHUYET_TAT',
    }),
    paper('GIAY_TO_DOI_TUONG', 'Giấy tờ chứng minh thuộc đối tượng hưởng trợ cấp (khi thông tin chưa có trong cơ sở dữ liệu)', { required: false, kind: 'copy' }),
    ID_PAPER,
  ],
  processingTime: workingDays(20),
  legalBasis: [basis(ND20)],
  resultType: 'Quyết định thực hiện, điều chỉnh hoặc thôi hưởng trợ cấp xã hội hằng tháng của Chủ tịch Ủy ban nhân dân xã',
  process: PROCESS,
  flags: { fullOnline: true },
  uncertain: ['processingTime', 'flags.eligibleFullOnline'],
  sources: [SRC.listed, SRC.candidate('1.001776'), 'Thời hạn 20 ngày làm việc: ước tính bằng tổng các bước xã 10 + huyện 7 + quyết định 3 ngày trước cải cách (chưa kiểm chứng)'],
});

const huuTriXaHoi = procedure({
  code: 'XH.LOCAL.002',
  name: 'Giải quyết hưởng trợ cấp hưu trí xã hội',
  field: FIELDS.baoTroXaHoi,
  authority: CHU_TICH_XA,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Công dân Việt Nam từ đủ 75 tuổi trở lên không hưởng lương hưu hoặc trợ cấp bảo hiểm xã hội hằng tháng; từ đủ 70 đến dưới 75 tuổi thuộc hộ nghèo, hộ cận nghèo'],
  steps: [
    'Công chức phụ trách lao động - thương binh và xã hội kiểm tra điều kiện hưởng, đối chiếu dữ liệu bảo hiểm xã hội và dân cư.',
    `${DECIDE} hưởng trợ cấp hưu trí xã hội; trường hợp không đủ điều kiện thì trả lời bằng văn bản, nêu rõ lý do.`,
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đề nghị hưởng trợ cấp hưu trí xã hội', 'xh-huu-tri-xa-hoi', [
      ...requester('Quan hệ với người đề nghị hưởng (nếu nộp thay)'),
      ...beneficiary(),
      field('pensionStatus', 'Tình trạng hưởng lương hưu, trợ cấp bảo hiểm xã hội', 'select', true, [
        'Không hưởng lương hưu, trợ cấp bảo hiểm xã hội hằng tháng',
        'Đang hưởng trợ cấp bảo hiểm xã hội hằng tháng thấp hơn mức trợ cấp hưu trí xã hội',
      ]),
      ...paymentFields(),
    ]),
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: workingDays(15),
  legalBasis: [basis('Luật Bảo hiểm xã hội 41/2024/QH15', undefined, 'Trợ cấp hưu trí xã hội, từ 01/7/2025'), basis('Nghị định 176/2025/NĐ-CP', undefined, 'Quy định chi tiết về trợ cấp hưu trí xã hội')],
  resultType: 'Quyết định hưởng trợ cấp hưu trí xã hội của Chủ tịch Ủy ban nhân dân xã',
  process: PROCESS,
  flags: { fullOnline: true },
  uncertain: ['processingTime', 'targetPersons.0', 'legalBasis.1', 'field', 'flags.eligibleFullOnline'],
  sources: [SRC.listed, SRC.candidate('1.014027')],
});

const maiTang = procedure({
  code: 'XH.LOCAL.003',
  name: 'Hỗ trợ chi phí mai táng đối với đối tượng bảo trợ xã hội',
  field: FIELDS.baoTroXaHoi,
  authority: CHU_TICH_XA,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Cơ quan, tổ chức, doanh nghiệp, cá nhân hoặc gia đình trực tiếp tổ chức mai táng cho đối tượng bảo trợ xã hội đang hưởng trợ cấp hằng tháng khi chết'],
  steps: [
    'Công chức phụ trách lao động - thương binh và xã hội đối chiếu thông tin khai tử trong Cơ sở dữ liệu hộ tịch điện tử và danh sách đối tượng đang hưởng trợ cấp.',
    `${DECIDE} hỗ trợ chi phí mai táng.`,
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đề nghị hỗ trợ chi phí mai táng', 'xh-mai-tang', [
      ...requester('Quan hệ với người chết'),
      ...person('deceased', 'của người chết', { parts: ['fullName', 'dateOfBirth', 'idNumber', 'residence'] }),
      field('dateOfDeath', 'Ngày, tháng, năm chết', 'date'),
      field('deathRegistrationNumber', 'Số đăng ký khai tử (nếu đã đăng ký)', 'text', false),
      ...paymentFields(),
    ]),
    paper('TRICH_LUC_KHAI_TU', 'Trích lục khai tử hoặc giấy báo tử (khi chưa khai thác được từ Cơ sở dữ liệu hộ tịch điện tử)', {
      required: false,
      kind: 'copy',
      reusable: true,
      accepts: ['TRICH_LUC_KHAI_TU'],
    }),
    ID_PAPER,
  ],
  processingTime: workingDays(5),
  legalBasis: [basis(ND20, undefined, 'Hỗ trợ chi phí mai táng')],
  resultType: 'Quyết định hỗ trợ chi phí mai táng của Chủ tịch Ủy ban nhân dân xã',
  process: PROCESS,
  flags: { fullOnline: true },
  uncertain: ['processingTime', 'flags.eligibleFullOnline'],
  sources: [SRC.listed, SRC.candidate('1.001731')],
});

const hoNgheo = procedure({
  code: 'XH.LOCAL.004',
  name: 'Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm',
  field: FIELDS.giamNgheo,
  authority: CHU_TICH_XA,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Hộ gia đình có mức sống thấp hơn chuẩn nghèo, chuẩn cận nghèo do thay đổi hoàn cảnh trong năm'],
  steps: [
    'Ban giảm nghèo xã tổ chức thẩm định, rà soát điều kiện sống của hộ theo phiếu rà soát; niêm yết công khai kết quả.',
    `${DECIDE} công nhận hộ nghèo, hộ cận nghèo và cấp giấy chứng nhận; trường hợp không đủ điều kiện thì thông báo, nêu rõ lý do.`,
  ],
  components: [
    declaration('GIAY_DE_NGHI', 'Giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo', 'xh-ho-ngheo', [
      ...person('householdHead', 'của chủ hộ', { parts: ['fullName', 'dateOfBirth', 'idNumber', 'residence'] }),
      field('requesterPhone', 'Số điện thoại liên hệ', 'phone', false),
      field('householdSize', 'Số nhân khẩu trong hộ', 'number'),
      field('requestType', 'Đề nghị công nhận', 'select', true, ['Hộ nghèo', 'Hộ cận nghèo']),
      field('reason', 'Hoàn cảnh phát sinh (lý do đề nghị)', 'textarea'),
    ]),
    ID_PAPER,
  ],
  processingTime: workingDays(10),
  legalBasis: [basis('Quyết định 24/2021/QĐ-TTg', undefined, 'Quy trình rà soát hộ nghèo, hộ cận nghèo (cần xác nhận văn bản áp dụng giai đoạn 2026–2030)')],
  resultType: 'Quyết định công nhận và Giấy chứng nhận hộ nghèo, hộ cận nghèo',
  process: PROCESS,
  flags: { fullOnline: false },
  uncertain: ['processingTime', 'legalBasis.0', 'field'],
  sources: [SRC.listed, SRC.candidate('1.011606 hoặc 1.011607')],
});

export const xaHoiProcedures: ProcedureVersionInput[] = [troCapHangThang, huuTriXaHoi, maiTang, hoNgheo];

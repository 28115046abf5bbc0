// Civil status (hộ tịch), main events: birth, marriage, death, marital-status certificate, birth
// re-registration, copies of extracts (domain.md §6 rows 1–4, 9, 10). Handled by the tư pháp - hộ tịch officers
// of the Văn hóa - Xã hội office; "trong ngày" procedures follow the 15:00 rule (Luật Hộ tịch 2014 Đ5 k3).
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
  ocrField,
  paper,
  person,
  procedure,
  provincialFee,
  requester,
  variant,
  workingDays,
} from './builders.ts';

const BIRTH_ON_TIME = 'Đăng ký khai sinh đúng hạn (trong thời hạn 60 ngày kể từ ngày sinh)';
const DEATH_ON_TIME = 'Đăng ký khai tử đúng hạn (trong thời hạn 15 ngày kể từ ngày chết)';

const SAME_DAY_RULE = basis(LAW.hoTich, 'Điều 5 khoản 3', 'Giải quyết ngay trong ngày; nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo');

const khaiSinh = procedure({
  code: '1.001193',
  name: 'Đăng ký khai sinh',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Cha, mẹ, ông, bà, người thân thích khác của trẻ; cá nhân, tổ chức đang nuôi dưỡng trẻ'],
  steps: [
    'Công chức tư pháp - hộ tịch kiểm tra thông tin, khai thác Cơ sở dữ liệu hộ tịch điện tử và Cơ sở dữ liệu quốc gia về dân cư; nếu hợp lệ thì ghi vào Sổ đăng ký khai sinh, cập nhật Cơ sở dữ liệu hộ tịch điện tử và lấy số định danh cá nhân cho trẻ.',
    'Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký Giấy khai sinh; trường hợp nộp trực tuyến, người yêu cầu xác nhận dự thảo giấy tờ hộ tịch điện tử trước khi cấp.',
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký khai sinh', 'ht-khai-sinh', [
      ...requester('Quan hệ với người được khai sinh'),
      ...person('child', 'của trẻ', { parts: ['fullName', 'dateOfBirth', 'gender', 'ethnicity', 'nationality'] }),
      field('childPlaceOfBirth', 'Nơi sinh của trẻ'),
      field('childHometown', 'Quê quán của trẻ'),
      ...person('mother', 'của người mẹ', { required: false }),
      ...person('father', 'của người cha', { required: false }),
      exemptGroupField(),
    ]),
    paper('GIAY_CHUNG_SINH', 'Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận việc sinh hoặc giấy cam đoan về việc sinh', {
      // The labels of the Giấy chứng sinh printed by the health facility (Bộ Y tế's form); the officer confirms each value.
      ocrFill: [
        ocrField('childFullName', 'Dự định đặt tên con là'),
        ocrField('childDateOfBirth', 'Đã sinh con vào lúc', 'Sinh con vào lúc'),
        ocrField('childGender', 'Giới tính của con'),
        ocrField('childPlaceOfBirth', 'Tại', 'Nơi sinh'),
        ocrField('motherFullName', 'Họ và tên mẹ/Người nuôi dưỡng', 'Họ và tên mẹ', 'Họ, chữ đệm, tên mẹ'),
        ocrField('motherIdNumber', 'Số CCCD/Hộ chiếu', 'Số CMND/Hộ chiếu', 'Số định danh cá nhân'),
      ],
      note: 'Trẻ bị bỏ rơi: biên bản xác nhận việc trẻ bị bỏ rơi; trẻ sinh ra do mang thai hộ: văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản.',
    }),
    ID_PAPER,
    paper('GCN_KET_HON_CHA_ME', 'Giấy chứng nhận kết hôn của cha, mẹ trẻ (nếu cha, mẹ đã đăng ký kết hôn)', {
      required: false,
      kind: 'shown',
      reusable: true,
      accepts: ['GCN_KET_HON'],
      keepAs: 'GCN_KET_HON',
      note: 'Không phải xuất trình nếu thông tin kết hôn đã có trong Cơ sở dữ liệu hộ tịch điện tử.',
    }),
    EXEMPTION_PROOF,
    POWER_OF_ATTORNEY,
  ],
  processingTime: SAME_DAY,
  fees: [
    provincialFee('LP_KHAI_SINH', 'Lệ phí đăng ký khai sinh (đăng ký quá hạn)', 5_000, {
      ...civilStatusExempt({ declared: true, before: [BIRTH_ON_TIME] }),
      // Luật Hộ tịch 2014 Đ15 k1: 60 days from the birth; Đ11 k1 điểm b: on-time birth registration is exempt.
      exemptWhen: [{
        exemption: BIRTH_ON_TIME, dateField: 'childDateOfBirth', withinDays: 60, reason: 'đăng ký khai sinh đúng hạn',
        legalBasis: 'Luật Hộ tịch 2014, Điều 11 khoản 1 điểm b và Điều 15 khoản 1',
      }],
    }),
  ],
  legalBasis: [
    SAME_DAY_RULE,
    basis(LAW.hoTich, 'Điều 11 khoản 1', 'Miễn lệ phí đăng ký khai sinh đúng hạn'),
    basis(LAW.hoTich, 'Điều 15', 'Thời hạn đi đăng ký khai sinh 60 ngày kể từ ngày sinh'),
    basis(LAW.hoTich, 'Điều 16', 'Thủ tục đăng ký khai sinh'),
    basis(LAW.nd120, undefined, 'Nộp tại Ủy ban nhân dân xã bất kỳ trong tỉnh; không bắt buộc có mặt ký Sổ hộ tịch'),
  ],
  resultType: 'Giấy khai sinh (bản chính hoặc bản điện tử); số định danh cá nhân của trẻ',
  resultCode: 'GIAY_KHAI_SINH',
  flags: { fullOnline: true, anywhere: true },
  // The 60-day rule is [S] in domain.md; the Giấy chứng sinh's printed labels are not checked against the Bộ Y tế form.
  uncertain: ['fees.0.exemptions.0', 'legalBasis.2', 'components.1.ocrFill'],
  sources: [SRC.listed, 'Nghị định 120/2025/NĐ-CP: các việc hộ tịch không phụ thuộc nơi cư trú'], // domain.md §2.2
});

const ketHon = procedure({
  code: '1.000894',
  name: 'Đăng ký kết hôn',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Nam, nữ là công dân Việt Nam cư trú ở trong nước có yêu cầu đăng ký kết hôn'],
  methods: ['direct', 'online'],
  steps: [
    'Công chức tư pháp - hộ tịch kiểm tra điều kiện kết hôn, khai thác tình trạng hôn nhân trong Cơ sở dữ liệu hộ tịch điện tử và Cơ sở dữ liệu quốc gia về dân cư; trường hợp cần xác minh thì thời hạn không quá 05 ngày làm việc.',
    'Hai bên nam, nữ có mặt, ký vào Sổ đăng ký kết hôn và Giấy chứng nhận kết hôn; Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký và trao Giấy chứng nhận kết hôn cho mỗi bên.',
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký kết hôn', 'ht-ket-hon', [
      ...person('bride', 'của bên nữ'),
      field('brideMarriageOrdinal', 'Kết hôn lần thứ (bên nữ)', 'number', false),
      ...person('groom', 'của bên nam'),
      field('groomMarriageOrdinal', 'Kết hôn lần thứ (bên nam)', 'number', false),
      field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
    ], 'Hai bên có thể dùng chung một Tờ khai.'),
    ID_PAPER,
    paper('GXN_TINH_TRANG_HON_NHAN', 'Giấy xác nhận tình trạng hôn nhân (trường hợp thông tin chưa có trong Cơ sở dữ liệu hộ tịch điện tử)', {
      required: false,
      reusable: true,
      accepts: ['GXN_TINH_TRANG_HON_NHAN'],
      keepAs: 'GXN_TINH_TRANG_HON_NHAN',
    }),
    paper('TRICH_LUC_LY_HON', 'Trích lục ghi chú ly hôn (công dân đã ly hôn tại cơ quan có thẩm quyền của nước ngoài)', { required: false, kind: 'copy' }),
  ],
  processingTime: SAME_DAY,
  timeVariants: [variant('XAC_MINH', 'Trường hợp cần xác minh điều kiện kết hôn', workingDays(5), 'Luật Hộ tịch 2014 Điều 18 khoản 2')],
  fees: [noCharge('LP_KET_HON', 'Lệ phí đăng ký kết hôn (miễn đối với công dân Việt Nam cư trú ở trong nước)', 'Luật Hộ tịch 2014 Điều 11 khoản 1 điểm b')],
  legalBasis: [SAME_DAY_RULE, basis(LAW.hoTich, 'Điều 11 khoản 1'), basis(LAW.hoTich, 'Điều 18'), basis(LAW.nd120)],
  resultType: 'Giấy chứng nhận kết hôn (bản chính, mỗi bên một bản)',
  resultCode: 'GCN_KET_HON',
  flags: { fullOnline: false, inPerson: true },
  uncertain: ['timeVariants.0.legalBasis'],
  sources: [SRC.listed],
});

const khaiTu = procedure({
  code: '1.000656',
  name: 'Đăng ký khai tử',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Vợ, chồng, con, cha, mẹ hoặc người thân thích khác của người chết; cơ quan, tổ chức, cá nhân liên quan'],
  steps: [
    'Công chức tư pháp - hộ tịch kiểm tra Giấy báo tử hoặc giấy tờ thay thế, ghi vào Sổ đăng ký khai tử và cập nhật Cơ sở dữ liệu hộ tịch điện tử.',
    'Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký cấp Trích lục khai tử.',
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký khai tử', 'ht-khai-tu', [
      ...requester('Quan hệ với người chết'),
      ...person('deceased', 'của người chết', { parts: ['fullName', 'dateOfBirth', 'gender', 'ethnicity', 'nationality', 'idNumber', 'residence'] }),
      field('dateOfDeath', 'Ngày, tháng, năm chết', 'date'),
      field('timeOfDeath', 'Giờ, phút chết', 'text', false),
      field('placeOfDeath', 'Nơi chết'),
      field('causeOfDeath', 'Nguyên nhân chết', 'textarea', false),
      exemptGroupField(),
    ]),
    paper('GIAY_BAO_TU', 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp', {
      // The labels of the Giấy báo tử (Bộ Y tế's form; older and newer wordings); the officer confirms each value.
      ocrFill: [
        ocrField('deceasedFullName', 'Họ và tên', 'Họ, chữ đệm, tên'),
        ocrField('deceasedDateOfBirth', 'Ngày, tháng, năm sinh', 'Ngày sinh'),
        ocrField('deceasedGender', 'Giới tính'),
        ocrField('deceasedIdNumber', 'Số định danh cá nhân', 'Số CMND/Hộ chiếu/CCCD', 'Số CCCD/Hộ chiếu', 'Số CCCD'),
        ocrField('dateOfDeath', 'Đã tử vong vào lúc', 'Đã chết vào lúc', 'Chết vào lúc', 'Ngày, tháng, năm chết'),
        ocrField('placeOfDeath', 'Nơi tử vong', 'Nơi chết'),
      ],
    }),
    EXEMPTION_PROOF,
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: SAME_DAY,
  timeVariants: [variant('XAC_MINH', 'Trường hợp cần xác minh', workingDays(3))],
  fees: [
    provincialFee('LP_KHAI_TU', 'Lệ phí đăng ký khai tử (đăng ký quá hạn)', 5_000, {
      ...civilStatusExempt({ declared: true, before: [DEATH_ON_TIME] }),
      // Luật Hộ tịch 2014 Đ33 k1: 15 days from the death; Đ11 k1 điểm b: on-time death registration is exempt.
      exemptWhen: [{
        exemption: DEATH_ON_TIME, dateField: 'dateOfDeath', withinDays: 15, reason: 'đăng ký khai tử đúng hạn',
        legalBasis: 'Luật Hộ tịch 2014, Điều 11 khoản 1 điểm b và Điều 33 khoản 1',
      }],
    }),
  ],
  legalBasis: [SAME_DAY_RULE, basis(LAW.hoTich, 'Điều 11 khoản 1'), basis(LAW.hoTich, 'Điều 33', 'Thời hạn đi đăng ký khai tử'), basis(LAW.hoTich, 'Điều 34'), basis(LAW.nd120)],
  resultType: 'Trích lục khai tử (bản chính hoặc bản điện tử)',
  resultCode: 'TRICH_LUC_KHAI_TU',
  flags: { fullOnline: true, anywhere: true },
  // The Giấy báo tử's printed labels (components.1.ocrFill) are not checked against the Bộ Y tế form.
  uncertain: ['timeVariants.0', 'fees.0.exemptions.0', 'legalBasis.2', 'components.1.ocrFill'],
  sources: [SRC.listed],
});

const xacNhanHonNhan = procedure({
  code: '1.004873',
  name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Công dân Việt Nam cư trú ở trong nước có yêu cầu xác nhận tình trạng hôn nhân'],
  steps: [
    'Công chức tư pháp - hộ tịch kiểm tra, khai thác Cơ sở dữ liệu hộ tịch điện tử; trường hợp người yêu cầu đã cư trú nhiều nơi hoặc đề nghị cấp lại thì xác minh theo quy định.',
    'Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký cấp Giấy xác nhận tình trạng hôn nhân (bản giấy hoặc bản điện tử).',
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', 'ht-xac-nhan-tthn', [
      ...requester(),
      ...person('subject', 'của người được xác nhận', { parts: ['fullName', 'dateOfBirth', 'gender', 'ethnicity', 'nationality', 'idNumber', 'residence'] }),
      field('maritalStatus', 'Tình trạng hôn nhân', 'select', true, ['Chưa đăng ký kết hôn với ai', 'Đang có vợ/chồng', 'Đã ly hôn', 'Vợ/chồng đã chết']),
      field('purpose', 'Mục đích sử dụng Giấy xác nhận'),
    ]),
    ID_PAPER,
    paper('GXN_DA_CAP', 'Giấy xác nhận tình trạng hôn nhân đã được cấp trước đây (trường hợp đề nghị cấp lại)', {
      required: false,
      accepts: ['GXN_TINH_TRANG_HON_NHAN'],
      keepAs: 'GXN_TINH_TRANG_HON_NHAN',
    }),
    paper('GIAY_TO_LY_HON', 'Bản án, quyết định ly hôn hoặc trích lục khai tử của vợ/chồng (nếu thông tin chưa có trong cơ sở dữ liệu)', {
      required: false,
      kind: 'copy',
      reusable: true,
      accepts: ['TRICH_LUC_KHAI_TU'],
    }),
  ],
  processingTime: workingDays(3),
  fees: [provincialFee('LP_XAC_NHAN_TTHN', 'Lệ phí cấp Giấy xác nhận tình trạng hôn nhân', 10_000)],
  legalBasis: [basis(LAW.hoTich), basis(LAW.nd123, undefined, 'Cấp Giấy xác nhận tình trạng hôn nhân'), basis(LAW.nd120)],
  resultType: 'Giấy xác nhận tình trạng hôn nhân (bản giấy hoặc bản điện tử)',
  resultCode: 'GXN_TINH_TRANG_HON_NHAN',
  flags: { fullOnline: true },
  uncertain: ['processingTime'],
  sources: [SRC.listed],
});

const dangKyLaiKhaiSinh = procedure({
  code: '1.004884',
  name: 'Đăng ký lại khai sinh',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Người đã đăng ký khai sinh tại cơ quan có thẩm quyền của Việt Nam nhưng Sổ hộ tịch và bản chính Giấy khai sinh đều bị mất'],
  methods: ['direct', 'postal', 'online'],
  steps: [
    'Công chức tư pháp - hộ tịch kiểm tra hồ sơ, xác minh việc lưu giữ Sổ hộ tịch tại nơi đã đăng ký khai sinh trước đây (nếu cần).',
    'Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký cấp Giấy khai sinh; công chức ghi vào Sổ đăng ký khai sinh và cập nhật Cơ sở dữ liệu hộ tịch điện tử.',
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký lại khai sinh', 'ht-dang-ky-lai-khai-sinh', [
      ...requester('Quan hệ với người được đăng ký lại khai sinh'),
      ...person('subject', 'của người được đăng ký lại khai sinh', { parts: ['fullName', 'dateOfBirth', 'gender', 'ethnicity', 'nationality', 'idNumber'] }),
      field('subjectPlaceOfBirth', 'Nơi sinh'),
      field('subjectHometown', 'Quê quán'),
      field('motherFullName', 'Họ, chữ đệm, tên của người mẹ', 'text', false),
      field('fatherFullName', 'Họ, chữ đệm, tên của người cha', 'text', false),
      field('previousRegistrationPlace', 'Cơ quan đã đăng ký khai sinh trước đây'),
      exemptGroupField(),
    ]),
    paper('BAN_SAO_GIAY_KHAI_SINH', 'Bản sao Giấy khai sinh trước đây (nếu có)', { required: false, kind: 'copy', accepts: ['GIAY_KHAI_SINH'] }),
    paper('GIAY_TO_NHAN_THAN', 'Giấy tờ, tài liệu có nội dung về họ, chữ đệm, tên, ngày sinh, quan hệ cha - con, mẹ - con (hồ sơ học tập, hồ sơ cán bộ, hồ sơ bảo hiểm xã hội…)', {
      kind: 'copy',
    }),
    paper('VAN_BAN_CAM_DOAN', 'Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không còn lưu giữ được bản sao Giấy khai sinh', { required: false }),
    EXEMPTION_PROOF,
    ID_PAPER,
  ],
  processingTime: workingDays(5),
  fees: [provincialFee('LP_DANG_KY_LAI_KS', 'Lệ phí đăng ký lại khai sinh', 5_000, civilStatusExempt({ declared: true }))],
  legalBasis: [basis(LAW.hoTich), basis(LAW.nd123, undefined, 'Đăng ký lại khai sinh'), basis(LAW.nd120)],
  resultType: 'Giấy khai sinh (bản chính) có ghi "Đăng ký lại"',
  resultCode: 'GIAY_KHAI_SINH',
  flags: { fullOnline: false },
  uncertain: ['processingTime', 'flags.eligibleFullOnline', 'flags.receivableAnywhereInProvince'],
  sources: [SRC.listed],
});

// Copy of a civil-status extract: two versions to exercise versioning (domain.md §2.10). Version 2 is
// ILLUSTRATIVE: its date and amount are invented until the province publishes a real change.
const trichLuc = (v: { amountVnd: number; effectiveFrom: string; effectiveTo: string | null; extra: { uncertain: string[]; sources: string[] } }) =>
  procedure({
    code: '2.000635',
    name: 'Cấp bản sao trích lục hộ tịch',
    field: FIELDS.hoTich,
    handlingUnitCode: 'VHXH',
    targetPersons: ['Cá nhân có yêu cầu cấp bản sao trích lục về sự kiện hộ tịch của mình hoặc của người khác khi được ủy quyền hoặc là người thân thích'],
    steps: [
      'Công chức tư pháp - hộ tịch tra cứu Sổ hộ tịch, Cơ sở dữ liệu hộ tịch điện tử; nếu có thông tin thì in bản sao trích lục hộ tịch.',
      'Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký cấp bản sao trích lục hộ tịch.',
    ],
    components: [
      declaration('TO_KHAI', 'Tờ khai cấp bản sao trích lục hộ tịch', 'ht-trich-luc', [
        ...requester('Quan hệ với người được cấp bản sao trích lục'),
        field('subjectFullName', 'Họ, chữ đệm, tên người có sự kiện hộ tịch'),
        field('subjectDateOfBirth', 'Ngày, tháng, năm sinh người có sự kiện hộ tịch', 'date'),
        field('eventType', 'Loại sự kiện hộ tịch', 'select', true, ['Khai sinh', 'Kết hôn', 'Khai tử', 'Nhận cha, mẹ, con', 'Giám hộ', 'Thay đổi, cải chính, bổ sung hộ tịch', 'Khác']),
        field('registrationNumber', 'Số, quyển đăng ký (nếu biết)', 'text', false),
        field('registrationDate', 'Ngày đăng ký (nếu biết)', 'date', false),
        field('copies', 'Số bản sao đề nghị cấp', 'number'),
      ]),
      ID_PAPER,
      POWER_OF_ATTORNEY,
    ],
    processingTime: SAME_DAY,
    fees: [
      provincialFee('PHI_TRICH_LUC', 'Phí cấp bản sao trích lục hộ tịch (mỗi bản)', v.amountVnd, {
        kind: 'fee',
        copiesField: 'copies',
        legalBasis: 'Thông tư 281/2016/TT-BTC và nghị quyết HĐND tỉnh', // the rate is to be checked: uncertain below
      }),
    ],
    legalBasis: [SAME_DAY_RULE, basis(LAW.nd123), basis(LAW.nd120)],
    resultType: 'Bản sao trích lục hộ tịch (bản giấy hoặc bản điện tử)',
    resultCode: 'TRICH_LUC_HO_TICH',
    flags: { fullOnline: true },
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    uncertain: ['fees.0.legalBasis', ...v.extra.uncertain],
    sources: [SRC.listed, ...v.extra.sources],
  });

export const CHANGE_DATE = '2026-07-01';

export const hoTichProcedures: ProcedureVersionInput[] = [
  khaiSinh,
  ketHon,
  khaiTu,
  xacNhanHonNhan,
  dangKyLaiKhaiSinh,
  trichLuc({ amountVnd: 8_000, effectiveFrom: '2025-07-01', effectiveTo: CHANGE_DATE, extra: { uncertain: [], sources: [] } }),
  trichLuc({
    amountVnd: 10_000,
    effectiveFrom: CHANGE_DATE,
    effectiveTo: null,
    extra: {
      uncertain: ['effectiveFrom'],
      // domain.md §2.10: the versioning mechanism, shown on illustrative data.
      sources: ['Phiên bản 2 là dữ liệu mẫu minh họa việc ban hành phiên bản mới: ngày hiệu lực và mức phí là giả định, cần thay bằng văn bản thực tế trước khi sử dụng chính thức'],
    },
  }),
];

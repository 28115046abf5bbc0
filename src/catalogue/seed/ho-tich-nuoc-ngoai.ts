// Civil status with a foreign element, moved from the district to the commune on 01/7/2025 by Nghị định
// 120/2025 (domain.md §6 rows 7, 11–12): marriage with a foreigner, recording a marriage or divorce done abroad,
// recognition of parent and child with a foreign element.
import type { FormField, ProcedureVersionInput } from '../core/types.ts';
import {
  civilStatusExempt,
  EXEMPTION_PROOF,
  exemptGroupField,
  FIELDS,
  ID_PAPER,
  LAW,
  POWER_OF_ATTORNEY,
  SRC,
  basis,
  declaration,
  field,
  paper,
  person,
  procedure,
  provincialFee,
  variant,
  workingDays,
} from './builders.ts';

const LEGALISED = '(đã hợp pháp hóa lãnh sự, trừ trường hợp được miễn, và dịch sang tiếng Việt có chứng thực)';
const COMMUNE_SINCE_2025 = basis(LAW.nd120, undefined, 'Thẩm quyền chuyển từ cấp huyện sang Ủy ban nhân dân xã từ 01/7/2025');

const spouseFields = (idLabel: string) => [
  ...person('wife', 'của bên nữ', { parts: ['fullName', 'dateOfBirth', 'nationality', 'idNumber', 'residence'], idLabel }),
  ...person('husband', 'của bên nam', { parts: ['fullName', 'dateOfBirth', 'nationality', 'idNumber', 'residence'], idLabel }),
  field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
];

const ketHonNuocNgoai = procedure({
  code: '2.000806',
  name: 'Đăng ký kết hôn có yếu tố nước ngoài',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Công dân Việt Nam kết hôn với người nước ngoài; công dân Việt Nam cư trú ở trong nước kết hôn với công dân Việt Nam định cư ở nước ngoài'],
  methods: ['direct', 'online'],
  steps: [
    'Công chức tư pháp - hộ tịch nghiên cứu, thẩm tra hồ sơ và xác minh (nếu cần); trường hợp cần xác minh thì thời hạn không quá 10 ngày làm việc.',
    'Hai bên nam, nữ có mặt, ký vào Sổ đăng ký kết hôn và Giấy chứng nhận kết hôn; Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký và trao Giấy chứng nhận kết hôn.',
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký kết hôn', 'ht-ket-hon-nuoc-ngoai', [...spouseFields('Số định danh cá nhân hoặc số hộ chiếu'), exemptGroupField()]),
    paper('GXN_TTHN_NUOC_NGOAI', `Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài do cơ quan có thẩm quyền nước ngoài cấp ${LEGALISED}`),
    paper('GIAY_KHAM_SUC_KHOE', 'Giấy xác nhận của tổ chức y tế có thẩm quyền xác nhận người kết hôn không mắc bệnh tâm thần hoặc bệnh khác mà không có khả năng nhận thức, làm chủ được hành vi của mình'),
    paper('HO_CHIEU', 'Bản sao hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của người nước ngoài', { kind: 'copy' }),
    EXEMPTION_PROOF,
    ID_PAPER,
  ],
  processingTime: workingDays(5),
  timeVariants: [variant('XAC_MINH', 'Trường hợp cần xác minh', workingDays(10), 'Nghị định 120/2025/NĐ-CP')],
  fees: [provincialFee('LP_KET_HON_NN', 'Lệ phí đăng ký kết hôn có yếu tố nước ngoài', 1_000_000, civilStatusExempt({ declared: true }))],
  legalBasis: [basis(LAW.hoTich), basis(LAW.nd123), COMMUNE_SINCE_2025],
  resultType: 'Giấy chứng nhận kết hôn (bản chính, mỗi bên một bản)',
  resultCode: 'GCN_KET_HON',
  flags: { fullOnline: false, inPerson: true },
  sources: [SRC.listed],
});

interface RecordAbroad {
  code: string;
  name: string;
  event: string; // "việc kết hôn" | "việc ly hôn, hủy việc kết hôn"
  templateId: string;
  evidence: string;
  resultType: string;
  eventFields: FormField[];
}

/** "Ghi vào Sổ hộ tịch" of an event settled abroad: one shape, two events (domain.md §6 row 12). */
const recordAbroad = (r: RecordAbroad) =>
  procedure({
    code: r.code,
    name: r.name,
    field: FIELDS.hoTich,
    handlingUnitCode: 'VHXH',
    targetPersons: [`Công dân Việt Nam có ${r.event} đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài`],
    methods: ['direct', 'postal', 'online'],
    steps: [
      `Công chức tư pháp - hộ tịch kiểm tra giấy tờ về ${r.event}; trường hợp cần xác minh thì thời hạn không quá 08 ngày làm việc.`,
      `Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã ký cấp trích lục; công chức ghi ${r.event} vào Sổ hộ tịch.`,
    ],
    components: [
      declaration('TO_KHAI', `Tờ khai ghi vào Sổ hộ tịch ${r.event}`, r.templateId, [
        ...spouseFields('Số định danh cá nhân hoặc số hộ chiếu'),
        field('foreignAuthority', 'Cơ quan có thẩm quyền nước ngoài đã giải quyết'),
        field('foreignCountry', 'Quốc gia'),
        ...r.eventFields,
        exemptGroupField(),
      ]),
      paper('GIAY_TO_NUOC_NGOAI', `${r.evidence} ${LEGALISED}`, { kind: 'certified_copy' }),
      EXEMPTION_PROOF,
      ID_PAPER,
      POWER_OF_ATTORNEY,
    ],
    processingTime: workingDays(5),
    timeVariants: [variant('XAC_MINH', 'Trường hợp cần xác minh', workingDays(8), 'Nghị định 120/2025/NĐ-CP')],
    fees: [provincialFee('LP_GHI_CHU', `Lệ phí ghi vào Sổ hộ tịch ${r.event}`, 50_000, civilStatusExempt({ declared: true }))],
    legalBasis: [basis(LAW.hoTich), basis(LAW.nd123), COMMUNE_SINCE_2025],
    resultType: r.resultType,
    resultCode: 'TRICH_LUC_HO_TICH',
    flags: { fullOnline: false },
    sources: [SRC.listed],
  });

// Recognition of parent and child with a foreign element (domain.md §6 row 7: 10 working days, posting 5 + 5,
// [V] NĐ 120/2025; who may file: Luật Hộ tịch 2014 Đ43; papers: Đ44 k1). The e-form keeps the field names of the
// domestic procedure (1.001022: recognizer…, recognized…, relationship), without ethnicity (the code list is of
// Vietnam's ethnic groups) and with a passport number allowed. No national code in domain.md: a local code.
const nhanChaMeConNuocNgoai = procedure({
  code: 'HT.LOCAL.007',
  name: 'Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài',
  field: FIELDS.hoTich,
  handlingUnitCode: 'VHXH',
  targetPersons: [
    'Công dân Việt Nam với người nước ngoài; công dân Việt Nam với nhau mà ít nhất một bên định cư ở nước ngoài; người nước ngoài với nhau mà ít nhất một bên thường trú tại Việt Nam, có yêu cầu nhận cha, mẹ, con khi không có tranh chấp',
  ],
  methods: ['direct', 'postal', 'online'],
  steps: [
    // Posting 05 working days at each of the two communes: NĐ 120/2025 (domain.md §6 row 7, "posting 5 + 5").
    'Công chức tư pháp - hộ tịch kiểm tra chứng cứ chứng minh quan hệ cha, mẹ, con, xác minh (nếu cần) và niêm yết việc nhận cha, mẹ, con tại trụ sở Ủy ban nhân dân xã trong thời gian 05 ngày làm việc liên tục; đồng thời đề nghị Ủy ban nhân dân xã nơi thường trú của người được nhận niêm yết trong thời gian 05 ngày làm việc liên tục.',
    'Chủ tịch hoặc Phó Chủ tịch Ủy ban nhân dân xã xem xét, ký cấp trích lục đăng ký nhận cha, mẹ, con; công chức ghi vào Sổ hộ tịch và cập nhật Cơ sở dữ liệu hộ tịch điện tử.',
  ],
  components: [
    declaration('TO_KHAI', 'Tờ khai đăng ký nhận cha, mẹ, con', 'ht-nhan-cha-me-con-nuoc-ngoai', [
      ...person('recognizer', 'của người nhận', { parts: ['fullName', 'dateOfBirth', 'nationality', 'idNumber', 'residence'], idLabel: 'Số định danh cá nhân hoặc số hộ chiếu' }),
      ...person('recognized', 'của người được nhận', { parts: ['fullName', 'dateOfBirth', 'gender', 'nationality', 'idNumber', 'residence'], idLabel: 'Số định danh cá nhân hoặc số hộ chiếu' }),
      field('relationship', 'Quan hệ được nhận', 'select', true, ['Cha nhận con', 'Mẹ nhận con', 'Con nhận cha', 'Con nhận mẹ']),
      field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
      exemptGroupField(),
    ]),
    paper('CHUNG_CU_QUAN_HE', `Văn bản của cơ quan y tế, cơ quan giám định hoặc cơ quan có thẩm quyền ở trong nước hoặc nước ngoài xác nhận quan hệ cha, mẹ, con ${LEGALISED}; nếu không có thì thư từ, phim ảnh, băng, đĩa, đồ dùng, vật dụng khác chứng minh và văn bản cam đoan có ít nhất hai người làm chứng`),
    paper('HO_CHIEU', 'Bản sao hộ chiếu hoặc giấy tờ có giá trị thay hộ chiếu của bên là người nước ngoài hoặc công dân Việt Nam định cư ở nước ngoài', { kind: 'copy' }),
    EXEMPTION_PROOF,
    ID_PAPER,
  ],
  processingTime: workingDays(10),
  fees: [provincialFee('LP_NHAN_CHA_ME_CON_NN', 'Lệ phí đăng ký nhận cha, mẹ, con có yếu tố nước ngoài', 1_000_000, civilStatusExempt({ declared: true }))],
  legalBasis: [
    basis(LAW.hoTich, 'Điều 43, Điều 44'),
    basis(LAW.hoTich, 'Điều 11'),
    basis(LAW.nd123),
    basis(LAW.nd120, undefined, 'Thẩm quyền chuyển từ cấp huyện sang Ủy ban nhân dân xã từ 01/7/2025; thời hạn giải quyết 10 ngày làm việc, niêm yết 05 ngày làm việc'),
  ],
  resultType: 'Trích lục đăng ký nhận cha, mẹ, con',
  resultCode: 'TRICH_LUC_HO_TICH',
  flags: { fullOnline: false, anywhere: true },
  // The split of the posting between the two communes is read from "posting 5 + 5"; whether the parties must attend
  // (Luật Hộ tịch 2014 Đ44 k1) or may file anywhere is stated for nhận cha mẹ con without telling the foreign case.
  uncertain: ['steps.2', 'flags.eligibleFullOnline', 'flags.receivableAnywhereInProvince', 'flags.requiresInPersonSigning'],
  sources: [SRC.listed],
});

const ghiChuKetHon = recordAbroad({
  code: 'HT.LOCAL.005',
  name: 'Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài',
  event: 'việc kết hôn',
  templateId: 'ht-ghi-chu-ket-hon',
  evidence: 'Bản sao giấy tờ chứng nhận việc kết hôn do cơ quan có thẩm quyền nước ngoài cấp',
  resultType: 'Trích lục ghi chú kết hôn',
  eventFields: [field('marriageDate', 'Ngày đăng ký kết hôn', 'date')],
});

const ghiChuLyHon = recordAbroad({
  code: 'HT.LOCAL.006',
  name: 'Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài',
  event: 'việc ly hôn, hủy việc kết hôn',
  templateId: 'ht-ghi-chu-ly-hon',
  evidence: 'Bản sao bản án, quyết định ly hôn, hủy việc kết hôn đã có hiệu lực pháp luật của cơ quan có thẩm quyền nước ngoài',
  resultType: 'Trích lục ghi chú ly hôn',
  eventFields: [
    field('judgmentNumber', 'Số bản án, quyết định'),
    field('judgmentDate', 'Ngày có hiệu lực pháp luật', 'date'),
  ],
});

export const hoTichNuocNgoaiProcedures: ProcedureVersionInput[] = [ketHonNuocNgoai, ghiChuKetHon, ghiChuLyHon, nhanChaMeConNuocNgoai];

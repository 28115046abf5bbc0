// The result templates (mẫu kết quả) as data: per procedure code, what the result document is called, which lines
// it prints and which answer of the declaration (tờ khai) fills each line. Pure. The builder (build.ts) turns a
// template, the declaration and the dossier's facts into a document; a procedure without a template here gets the
// generic "Kết quả giải quyết thủ tục hành chính" listing the declaration's answers (GENERIC_TITLE).
//
// Layouts follow the civil-status forms (Thông tư 04/2020/TT-BTP as amended by Thông tư 01/2022/TT-BTP: Giấy khai
// sinh, Giấy chứng nhận kết hôn, trích lục, Giấy xác nhận tình trạng hôn nhân) and the certification statements
// (lời chứng, Nghị định 23/2015/NĐ-CP; Thông tư 01/2020/TT-BTP), reduced to the information the e-forms collect.

/** Where a line's value comes from: an e-form field name, or one of the dossier's facts ('$…'). */
export type Source =
  | string
  | '$applicantName' | '$applicantAddress' | '$authority' | '$today' | '$code' | '$procedureName';

export interface Line {
  readonly label: string;
  readonly from: Source;
}

export interface Section {
  /** Printed in bold above the lines; none for the main block. */
  readonly title?: string;
  readonly lines: readonly Line[];
}

export interface ResultTemplate {
  /** What the document is (printed as its title, and how the verification page names it). */
  readonly title: string;
  /** The register's code in the document number ("Số: …/TLKT"). */
  readonly numberCode: string;
  /** A paragraph before the sections. */
  readonly intro?: string;
  readonly sections: readonly Section[];
  /** Paragraphs after the sections (in italics). */
  readonly closing?: readonly string[];
  /** The signer's block, upper case. */
  readonly signer: readonly string[];
}

export const GENERIC_TITLE = 'Kết quả giải quyết thủ tục hành chính';
export const REFUSAL_TITLE = 'Văn bản từ chối giải quyết hồ sơ';

const CHAIR = ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'];
const EXTRACT_SIGNER = ['NGƯỜI KÝ TRÍCH LỤC'];
const CERTIFIER = ['NGƯỜI THỰC HIỆN CHỨNG THỰC'];

type Part = 'FullName' | 'DateOfBirth' | 'Gender' | 'Ethnicity' | 'Nationality' | 'IdNumber' | 'Residence' | 'PlaceOfBirth' | 'Hometown';
const PART_LABEL: Record<Part, string> = {
  FullName: 'Họ, chữ đệm, tên',
  DateOfBirth: 'Ngày, tháng, năm sinh',
  Gender: 'Giới tính',
  Ethnicity: 'Dân tộc',
  Nationality: 'Quốc tịch',
  IdNumber: 'Số định danh cá nhân',
  Residence: 'Nơi cư trú',
  PlaceOfBirth: 'Nơi sinh',
  Hometown: 'Quê quán',
};
const ALL: Part[] = ['FullName', 'DateOfBirth', 'Ethnicity', 'Nationality', 'IdNumber', 'Residence'];

/** One person's lines, from the e-form fields `${prefix}FullName`, `${prefix}DateOfBirth`… */
function person(prefix: string, title: string | undefined, parts: Part[] = ALL, labels: Partial<Record<Part, string>> = {}): Section {
  return { ...(title ? { title } : {}), lines: parts.map((p) => ({ label: labels[p] ?? PART_LABEL[p], from: `${prefix}${p}` })) };
}

const line = (label: string, from: Source): Line => ({ label, from });
const registered = (label = 'Nơi đăng ký'): Section => ({
  lines: [line(label, '$authority'), line('Ngày đăng ký', '$today')],
});
const requesterOf = (relationship = true): Section => ({
  title: 'Người yêu cầu',
  lines: [line(PART_LABEL.FullName, 'requesterFullName'), ...(relationship ? [line('Quan hệ', 'relationship')] : [])],
});
const PASSPORT = { IdNumber: 'Số định danh cá nhân hoặc số hộ chiếu' };
const SUBJECT_BASIC: Part[] = ['FullName', 'DateOfBirth', 'IdNumber'];

/** A certification statement (lời chứng) for the requester: who asked, what, and the register's numbers. */
function certification(title: string, intro: string, lines: Line[]): ResultTemplate {
  return {
    title, numberCode: 'SCT', intro,
    sections: [
      { title: 'Người yêu cầu chứng thực', lines: [line(PART_LABEL.FullName, '$applicantName'), line('Nơi cư trú', '$applicantAddress')] },
      { title: 'Nội dung chứng thực', lines },
      { lines: [line('Nơi chứng thực', '$authority'), line('Ngày chứng thực', '$today')] },
    ],
    closing: ['Số chứng thực và quyển số được ghi theo Sổ chứng thực của Ủy ban nhân dân xã.'],
    signer: CERTIFIER,
  };
}

/** The templates by procedure code (mã TTHC). Civil status (hộ tịch) and certification (chứng thực): every
 *  procedure of the catalogue's two fields has one. */
export const RESULT_TEMPLATES: Readonly<Record<string, ResultTemplate>> = {
  // Luật Hộ tịch 2014 Đ16; Giấy khai sinh (TT 04/2020/TT-BTP, mẫu giấy khai sinh).
  '1.001193': {
    title: 'Giấy khai sinh', numberCode: 'GKS',
    sections: [
      person('child', undefined, ['FullName', 'DateOfBirth', 'Gender', 'Ethnicity', 'Nationality', 'PlaceOfBirth', 'Hometown']),
      person('mother', 'Thông tin của người mẹ', ALL),
      person('father', 'Thông tin của người cha', ALL),
      requesterOf(),
      registered(),
    ],
    signer: ['NGƯỜI KÝ GIẤY KHAI SINH'],
  },
  // Luật Hộ tịch 2014 Đ18: each party receives the certificate.
  '1.000894': {
    title: 'Giấy chứng nhận kết hôn', numberCode: 'GCNKH',
    sections: [person('groom', 'Thông tin bên nam'), person('bride', 'Thông tin bên nữ'), registered()],
    signer: CHAIR,
  },
  // Luật Hộ tịch 2014 Đ34.
  '1.000656': {
    title: 'Trích lục khai tử', numberCode: 'TLKT',
    sections: [
      person('deceased', 'Thông tin người đã chết', ['FullName', 'DateOfBirth', 'Gender', 'Ethnicity', 'Nationality', 'IdNumber', 'Residence'],
        { Residence: 'Nơi cư trú cuối cùng' }),
      { lines: [line('Đã chết vào lúc', 'timeOfDeath'), line('Ngày, tháng, năm chết', 'dateOfDeath'), line('Nơi chết', 'placeOfDeath'), line('Nguyên nhân chết', 'causeOfDeath')] },
      requesterOf(),
      registered(),
    ],
    signer: EXTRACT_SIGNER,
  },
  // Nghị định 123/2015/NĐ-CP Đ23: valid six months from the date of issue.
  '1.004873': {
    title: 'Giấy xác nhận tình trạng hôn nhân', numberCode: 'XNTTHN',
    sections: [
      person('subject', 'Xác nhận cho', ['FullName', 'DateOfBirth', 'Gender', 'Ethnicity', 'Nationality', 'IdNumber', 'Residence']),
      { lines: [line('Tình trạng hôn nhân', 'maritalStatus'), line('Giấy này được cấp để', 'purpose')] },
    ],
    closing: ['Giấy này có giá trị sử dụng 06 tháng kể từ ngày cấp.'],
    signer: CHAIR,
  },
  // Nghị định 123/2015/NĐ-CP Đ26–27 (đăng ký lại khai sinh).
  '1.004884': {
    title: 'Giấy khai sinh (đăng ký lại)', numberCode: 'GKS',
    sections: [
      person('subject', undefined, ['FullName', 'DateOfBirth', 'Gender', 'Ethnicity', 'Nationality', 'IdNumber', 'PlaceOfBirth', 'Hometown']),
      { lines: [line('Họ, chữ đệm, tên người mẹ', 'motherFullName'), line('Họ, chữ đệm, tên người cha', 'fatherFullName')] },
      { lines: [line('Nơi đã đăng ký khai sinh trước đây', 'previousRegistrationPlace')] },
      registered('Nơi đăng ký lại'),
    ],
    closing: ['Đăng ký lại.'],
    signer: ['NGƯỜI KÝ GIẤY KHAI SINH'],
  },
  // Luật Hộ tịch 2014 Đ64.
  '2.000635': {
    title: 'Bản sao trích lục hộ tịch', numberCode: 'BSTL',
    sections: [
      person('subject', 'Người có sự kiện hộ tịch', ['FullName', 'DateOfBirth']),
      { lines: [line('Loại sự kiện hộ tịch', 'eventType'), line('Số, quyển đăng ký', 'registrationNumber'), line('Ngày đăng ký', 'registrationDate'), line('Số bản sao được cấp', 'copies')] },
      requesterOf(),
    ],
    signer: EXTRACT_SIGNER,
  },
  // Luật Hộ tịch 2014 Đ28.
  'HT.LOCAL.001': {
    title: 'Trích lục thay đổi, cải chính hộ tịch', numberCode: 'TLCC',
    sections: [
      person('subject', 'Người có sự kiện hộ tịch', SUBJECT_BASIC),
      { lines: [line('Nội dung', 'changeType'), line('Nội dung đã đăng ký', 'registeredContent'), line('Nội dung sau khi thay đổi, cải chính', 'requestedContent'), line('Lý do', 'reason')] },
      registered(),
    ],
    signer: EXTRACT_SIGNER,
  },
  // Luật Hộ tịch 2014 Đ29.
  'HT.LOCAL.002': {
    title: 'Trích lục bổ sung thông tin hộ tịch', numberCode: 'TLBS',
    sections: [
      person('subject', 'Người có sự kiện hộ tịch', SUBJECT_BASIC),
      { lines: [line('Sự kiện hộ tịch', 'eventType'), line('Nội dung bổ sung', 'missingContent')] },
      registered(),
    ],
    signer: EXTRACT_SIGNER,
  },
  // Luật Hộ tịch 2014 Đ25.
  '1.001022': {
    title: 'Trích lục đăng ký nhận cha, mẹ, con', numberCode: 'TLNCMC',
    sections: [
      person('recognizer', 'Người nhận'),
      person('recognized', 'Người được nhận', ['FullName', 'DateOfBirth', 'Gender', 'IdNumber', 'Residence']),
      { lines: [line('Quan hệ', 'relationship')] },
      registered(),
    ],
    signer: EXTRACT_SIGNER,
  },
  // Luật Hộ tịch 2014 Đ43–44 (nhận cha, mẹ, con có yếu tố nước ngoài, at the commune since 01/7/2025: NĐ 120/2025).
  'HT.LOCAL.007': {
    title: 'Trích lục đăng ký nhận cha, mẹ, con', numberCode: 'TLNCMC',
    sections: [
      person('recognizer', 'Người nhận', ['FullName', 'DateOfBirth', 'Nationality', 'IdNumber', 'Residence'], PASSPORT),
      person('recognized', 'Người được nhận', ['FullName', 'DateOfBirth', 'Gender', 'Nationality', 'IdNumber', 'Residence'], PASSPORT),
      { lines: [line('Quan hệ', 'relationship')] },
      registered(),
    ],
    signer: EXTRACT_SIGNER,
  },
  // Luật Hộ tịch 2014 Đ20.
  '1.004837': {
    title: 'Trích lục đăng ký giám hộ', numberCode: 'TLGH',
    sections: [
      person('guardian', 'Người giám hộ', ['FullName', 'DateOfBirth', 'IdNumber', 'Residence']),
      person('ward', 'Người được giám hộ', ['FullName', 'DateOfBirth', 'Gender', 'IdNumber', 'Residence']),
      { lines: [line('Hình thức giám hộ', 'guardianshipType')] },
      registered(),
    ],
    signer: EXTRACT_SIGNER,
  },
  // Luật Hộ tịch 2014 Đ23.
  'HT.LOCAL.003': {
    title: 'Trích lục đăng ký chấm dứt giám hộ', numberCode: 'TLCDGH',
    sections: [
      person('guardian', 'Người giám hộ', ['FullName', 'DateOfBirth', 'IdNumber', 'Residence']),
      person('ward', 'Người được giám hộ', ['FullName', 'DateOfBirth', 'Gender', 'IdNumber', 'Residence']),
      { lines: [line('Lý do chấm dứt giám hộ', 'terminationReason')] },
      registered(),
    ],
    signer: EXTRACT_SIGNER,
  },
  'HT.LOCAL.004': {
    title: 'Văn bản xác nhận thông tin hộ tịch', numberCode: 'XNTTHT',
    sections: [
      person('subject', 'Người có sự kiện hộ tịch', SUBJECT_BASIC),
      { lines: [line('Thông tin hộ tịch được xác nhận', 'requestedInformation'), line('Mục đích sử dụng', 'purpose')] },
      requesterOf(),
    ],
    signer: CHAIR,
  },
  // Luật Hộ tịch 2014 Đ37–38 (kết hôn có yếu tố nước ngoài, as devolved to the commune from 01/7/2025).
  '2.000806': {
    title: 'Giấy chứng nhận kết hôn', numberCode: 'GCNKH',
    sections: [
      person('husband', 'Thông tin bên nam', ['FullName', 'DateOfBirth', 'Nationality', 'IdNumber', 'Residence'], PASSPORT),
      person('wife', 'Thông tin bên nữ', ['FullName', 'DateOfBirth', 'Nationality', 'IdNumber', 'Residence'], PASSPORT),
      registered(),
    ],
    signer: CHAIR,
  },
  // Nghị định 123/2015/NĐ-CP Đ34–35 (ghi chú kết hôn).
  'HT.LOCAL.005': {
    title: 'Trích lục ghi chú kết hôn', numberCode: 'TLGCKH',
    sections: [
      person('husband', 'Thông tin bên nam', ['FullName', 'DateOfBirth', 'Nationality', 'IdNumber', 'Residence'], PASSPORT),
      person('wife', 'Thông tin bên nữ', ['FullName', 'DateOfBirth', 'Nationality', 'IdNumber', 'Residence'], PASSPORT),
      { lines: [line('Đã đăng ký kết hôn tại', 'foreignAuthority'), line('Quốc gia', 'foreignCountry'), line('Ngày đăng ký kết hôn', 'marriageDate')] },
      registered('Nơi ghi vào Sổ hộ tịch'),
    ],
    signer: EXTRACT_SIGNER,
  },
  // Nghị định 123/2015/NĐ-CP Đ37–38 (ghi chú ly hôn).
  'HT.LOCAL.006': {
    title: 'Trích lục ghi chú ly hôn', numberCode: 'TLGCLH',
    sections: [
      person('husband', 'Thông tin bên nam', ['FullName', 'DateOfBirth', 'Nationality', 'IdNumber', 'Residence'], PASSPORT),
      person('wife', 'Thông tin bên nữ', ['FullName', 'DateOfBirth', 'Nationality', 'IdNumber', 'Residence'], PASSPORT),
      { lines: [line('Cơ quan đã giải quyết', 'foreignAuthority'), line('Quốc gia', 'foreignCountry'), line('Số bản án, quyết định', 'judgmentNumber'), line('Ngày có hiệu lực pháp luật', 'judgmentDate')] },
      registered('Nơi ghi vào Sổ hộ tịch'),
    ],
    signer: EXTRACT_SIGNER,
  },
  // Nghị định 23/2015/NĐ-CP Đ20 (lời chứng of a copy certified from the original).
  '2.000815': certification('Bản sao chứng thực', 'Chứng thực bản sao đúng với bản chính.', [
    line('Giấy tờ, văn bản', 'documentName'), line('Số trang của bản chính', 'pages'), line('Số bản sao được chứng thực', 'copies'),
  ]),
  // Nghị định 23/2015/NĐ-CP Đ24.
  '2.000884': certification('Giấy tờ, văn bản đã được chứng thực chữ ký',
    'Chứng thực người yêu cầu đã ký vào giấy tờ, văn bản trước mặt người thực hiện chứng thực.', [
      line('Người ký', '$applicantName'),
    ]),
  // Nghị định 23/2015/NĐ-CP Đ31.
  'CT.LOCAL.001': certification('Bản dịch đã được chứng thực chữ ký người dịch',
    'Chứng thực chữ ký của người dịch trong bản dịch.', [
      line('Người dịch', '$applicantName'),
    ]),
  // Nghị định 23/2015/NĐ-CP Đ36.
  'CT.LOCAL.002': certification('Hợp đồng, giao dịch đã được chứng thực', 'Chứng thực hợp đồng, giao dịch.', [
    line('Loại hợp đồng, giao dịch', 'contractType'), line('Tài sản', 'assetDescription'),
    line('Số Giấy chứng nhận quyền sử dụng đất, quyền sở hữu', 'certificateNumber'), line('Số bên tham gia', 'partiesCount'),
  ]),
  // Nghị định 23/2015/NĐ-CP Đ38.
  'CT.LOCAL.003': certification('Văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch đã được chứng thực',
    'Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch.', [
      line('Số chứng thực của hợp đồng, giao dịch', 'certifiedContractNumber'), line('Yêu cầu', 'changeType'),
      line('Nội dung', 'changeContent'), line('Số bên tham gia', 'partiesCount'),
    ]),
  // Nghị định 23/2015/NĐ-CP Đ39.
  'CT.LOCAL.004': certification('Hợp đồng, giao dịch đã được sửa lỗi sai sót', 'Chứng thực việc sửa lỗi sai sót trong hợp đồng, giao dịch.', [
    line('Số chứng thực của hợp đồng, giao dịch', 'certifiedContractNumber'), line('Nội dung sai sót', 'errorDescription'),
    line('Nội dung đã sửa', 'correctContent'), line('Số bên tham gia', 'partiesCount'),
  ]),
  // Nghị định 23/2015/NĐ-CP Đ16 (bản sao từ sổ gốc).
  '2.000908': {
    title: 'Bản sao từ sổ gốc', numberCode: 'BSSG',
    intro: 'Bản sao được cấp từ sổ gốc, có giá trị sử dụng thay cho bản chính.',
    sections: [
      { lines: [line('Giấy tờ', 'documentName'), line('Người được cấp bản chính', 'subjectFullName'), line('Số, ký hiệu', 'documentNumber'), line('Ngày cấp bản chính', 'issueDate'), line('Số bản sao được cấp', 'copies')] },
      requesterOf(),
      { lines: [line('Cơ quan cấp bản sao', '$authority'), line('Ngày cấp', '$today')] },
    ],
    signer: CHAIR,
  },
};

/** The template of a procedure, or undefined (the generic result). */
export const templateOf = (procedureCode: string): ResultTemplate | undefined => RESULT_TEMPLATES[procedureCode];

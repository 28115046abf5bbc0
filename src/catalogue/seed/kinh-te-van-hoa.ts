// Household business, festivals, belief and religion (domain.md §6 rows 27–29). Times and fees are [M] in
// domain.md and marked uncertain.
import type { ProcedureVersionInput } from '../core/types.ts';
import {
  FIELDS,
  ID_PAPER,
  POWER_OF_ATTORNEY,
  SRC,
  basis,
  calendarDays,
  declaration,
  field,
  paper,
  person,
  procedure,
  provincialFee,
  workingDays,
} from './builders.ts';

const RELIGION_LAW = 'Luật Tín ngưỡng, tôn giáo 02/2016/QH14';
const ND95 = 'Nghị định 95/2023/NĐ-CP';
const representative = (who: string) => [
  ...person('representative', who, { parts: ['fullName', 'dateOfBirth', 'idNumber', 'residence'] }),
  field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
];
const REPLY = 'Ủy ban nhân dân xã trả lời bằng văn bản; trường hợp không đồng ý phải nêu rõ lý do.';

const hoKinhDoanh = procedure({
  code: 'KD.LOCAL.001',
  name: 'Đăng ký thành lập hộ kinh doanh',
  field: FIELDS.kinhDoanh,
  handlingUnitCode: 'KT',
  targetPersons: ['Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ'],
  steps: [
    'Phòng Kinh tế kiểm tra tính hợp lệ của hồ sơ và tên hộ kinh doanh; nếu không hợp lệ thì thông báo bằng văn bản nội dung cần sửa đổi, bổ sung.',
    'Cấp Giấy chứng nhận đăng ký hộ kinh doanh và cập nhật Hệ thống thông tin quốc gia về đăng ký hộ kinh doanh.',
  ],
  components: [
    declaration('GIAY_DE_NGHI', 'Giấy đề nghị đăng ký hộ kinh doanh', 'kd-thanh-lap-hkd', [
      ...person('owner', 'của chủ hộ kinh doanh', { parts: ['fullName', 'dateOfBirth', 'gender', 'ethnicity', 'nationality', 'idNumber', 'residence'] }),
      field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
      field('requesterEmail', 'Thư điện tử', 'email', false),
      field('businessName', 'Tên hộ kinh doanh'),
      field('businessAddress', 'Địa chỉ trụ sở hộ kinh doanh'),
      field('businessLines', 'Ngành, nghề kinh doanh', 'textarea'),
      field('capital', 'Vốn kinh doanh (đồng)', 'number'),
      field('employees', 'Số lượng lao động (dự kiến)', 'number', false),
    ]),
    paper('BIEN_BAN_HOP_HGD', 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các thành viên hộ gia đình đăng ký)', {
      required: false,
      kind: 'copy',
    }),
    paper('UY_QUYEN_HGD', 'Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh (nếu có)', { required: false, kind: 'copy' }),
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: workingDays(3),
  fees: [provincialFee('LP_DANG_KY_HKD', 'Lệ phí đăng ký hộ kinh doanh', 100_000)],
  legalBasis: [basis('Nghị định 168/2025/NĐ-CP', undefined, 'Đăng ký doanh nghiệp và hộ kinh doanh')],
  resultType: 'Giấy chứng nhận đăng ký hộ kinh doanh',
  resultCode: 'GCN_HO_KINH_DOANH',
  flags: { fullOnline: true },
  uncertain: ['processingTime', 'legalBasis.0', 'flags.eligibleFullOnline'],
  sources: [SRC.listed, SRC.candidate('1.001612')],
});

const leHoi = procedure({
  code: 'VH.LOCAL.001',
  name: 'Thông báo tổ chức lễ hội cấp xã',
  field: FIELDS.vanHoa,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Ban tổ chức lễ hội; cơ quan, tổ chức tổ chức lễ hội cấp xã'],
  steps: ['Phòng Văn hóa - Xã hội xem xét nội dung, chương trình lễ hội và điều kiện bảo đảm an ninh, trật tự.', REPLY],
  components: [
    declaration('VAN_BAN_THONG_BAO', 'Văn bản thông báo tổ chức lễ hội', 'vh-thong-bao-le-hoi', [
      field('organizer', 'Cơ quan, tổ chức, ban tổ chức lễ hội'),
      ...representative('của người đại diện'),
      field('festivalName', 'Tên lễ hội'),
      field('venue', 'Địa điểm tổ chức'),
      field('startDate', 'Ngày bắt đầu', 'date'),
      field('endDate', 'Ngày kết thúc', 'date'),
      field('programme', 'Nội dung, chương trình hoạt động', 'textarea'),
      field('expectedParticipants', 'Số người tham gia dự kiến', 'number', false),
    ]),
    paper('CHUONG_TRINH', 'Chương trình, kịch bản chi tiết hoạt động lễ hội (nếu có)', { required: false }),
  ],
  processingTime: workingDays(5),
  legalBasis: [basis('Nghị định 110/2018/NĐ-CP', undefined, 'Quản lý và tổ chức lễ hội')],
  resultType: 'Văn bản trả lời của Ủy ban nhân dân xã',
  flags: { fullOnline: true },
  uncertain: ['processingTime', 'flags.eligibleFullOnline', 'handlingUnitCode'],
  sources: [SRC.listed],
});

const tinNguong = procedure({
  code: 'TG.LOCAL.001',
  name: 'Đăng ký hoạt động tín ngưỡng',
  field: FIELDS.tonGiao,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Người đại diện hoặc ban quản lý cơ sở tín ngưỡng'],
  methods: ['direct', 'postal', 'online'],
  steps: ['Phòng Văn hóa - Xã hội xem xét nội dung đăng ký hoạt động tín ngưỡng.', REPLY],
  components: [
    declaration('VAN_BAN_DANG_KY', 'Văn bản đăng ký hoạt động tín ngưỡng', 'tg-hoat-dong-tin-nguong', [
      ...representative('của người đại diện cơ sở tín ngưỡng'),
      field('facilityName', 'Tên cơ sở tín ngưỡng'),
      field('facilityAddress', 'Địa chỉ cơ sở tín ngưỡng'),
      field('activityName', 'Tên hoạt động tín ngưỡng'),
      field('activityTime', 'Thời gian tổ chức'),
      field('activityContent', 'Nội dung, hình thức tổ chức', 'textarea'),
      field('expectedParticipants', 'Số người tham gia dự kiến', 'number', false),
    ]),
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: calendarDays(15),
  legalBasis: [basis(RELIGION_LAW, 'Điều 12', 'Đăng ký hoạt động tín ngưỡng'), basis(ND95)],
  resultType: 'Văn bản trả lời của Ủy ban nhân dân xã',
  flags: { fullOnline: false },
  uncertain: ['processingTime', 'legalBasis.0.article', 'handlingUnitCode'],
  sources: [SRC.listed],
});

const tonGiaoTapTrung = procedure({
  code: 'TG.LOCAL.002',
  name: 'Đăng ký sinh hoạt tôn giáo tập trung',
  field: FIELDS.tonGiao,
  handlingUnitCode: 'VHXH',
  targetPersons: ['Người đại diện nhóm người theo tôn giáo chưa được công nhận hoặc tín đồ tôn giáo ở nơi chưa có cơ sở tôn giáo'],
  methods: ['direct', 'postal', 'online'],
  steps: ['Phòng Văn hóa - Xã hội thẩm định hồ sơ, kiểm tra địa điểm sinh hoạt.', 'Chủ tịch Ủy ban nhân dân xã ký văn bản chấp thuận hoặc văn bản từ chối nêu rõ lý do.'],
  components: [
    declaration('VAN_BAN_DE_NGHI', 'Văn bản đề nghị đăng ký sinh hoạt tôn giáo tập trung', 'tg-sinh-hoat-tap-trung', [
      ...representative('của người đại diện nhóm'),
      field('religion', 'Tên tôn giáo'),
      field('groupSize', 'Số lượng người tham gia', 'number'),
      field('venue', 'Địa điểm sinh hoạt tôn giáo tập trung'),
      field('schedule', 'Thời gian sinh hoạt'),
      field('content', 'Nội dung sinh hoạt', 'textarea'),
    ]),
    paper('GIAO_LY', 'Bản tóm tắt giáo lý, giáo luật, lễ nghi'),
    paper('DIA_DIEM', 'Giấy tờ chứng minh địa điểm hợp pháp để sinh hoạt tôn giáo tập trung', { kind: 'copy' }),
    ID_PAPER,
  ],
  processingTime: calendarDays(20),
  legalBasis: [basis(RELIGION_LAW, 'Điều 16', 'Đăng ký sinh hoạt tôn giáo tập trung'), basis(ND95)],
  resultType: 'Văn bản chấp thuận đăng ký sinh hoạt tôn giáo tập trung của Ủy ban nhân dân xã',
  flags: { fullOnline: false },
  uncertain: ['processingTime', 'legalBasis.0.article', 'handlingUnitCode', 'components'],
  sources: [SRC.listed],
});

export const kinhTeVanHoaProcedures: ProcedureVersionInput[] = [hoKinhDoanh, leHoi, tinNguong, tonGiaoTapTrung];

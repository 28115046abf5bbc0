// Land and construction (domain.md §6 rows 22–26), handled by the Phòng Kinh tế. Land procedures stop the
// clock while the citizen pays financial obligations (domain.md §2.7, [M]: commonly excluded by the land law).
import type { PausingState, ProcedureVersionInput } from '../core/types.ts';
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
  requester,
  workingDays,
} from './builders.ts';

const LAND_LAW = 'Luật Đất đai 31/2024/QH15';
const ND151 = 'Nghị định 151/2025/NĐ-CP';
const CONSTRUCTION_LAW = 'Luật Xây dựng 50/2014/QH13 (sửa đổi, bổ sung bởi Luật 62/2020/QH14)';
const ND175 = 'Nghị định 175/2024/NĐ-CP';
const LAND_PAUSES: PausingState[] = ['supplement', 'financial_obligation'];
const LAND_PROCESS = { appraisal: 'Kiểm tra hồ sơ, kiểm tra thực địa (nếu cần), lấy ý kiến cơ quan liên quan và dự thảo kết quả' };

const landUser = () => person('applicant', 'của người sử dụng đất', { parts: ['fullName', 'dateOfBirth', 'idNumber', 'residence'] });
const parcelFields = () => [
  field('parcelNumber', 'Thửa đất số'),
  field('mapSheet', 'Tờ bản đồ số'),
  field('parcelAddress', 'Địa chỉ thửa đất'),
  field('area', 'Diện tích (m²)', 'number'),
];

const gcnLanDau = procedure({
  code: 'DD.LOCAL.001',
  name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu cho hộ gia đình, cá nhân',
  field: FIELDS.datDai,
  handlingUnitCode: 'KT',
  targetPersons: ['Hộ gia đình, cá nhân, cộng đồng dân cư đang sử dụng đất chưa được cấp Giấy chứng nhận'],
  steps: [
    'Phòng Kinh tế phối hợp Chi nhánh Văn phòng đăng ký đất đai kiểm tra hồ sơ, xác minh hiện trạng, nguồn gốc sử dụng đất, niêm yết công khai và xác định nghĩa vụ tài chính.',
    'Người sử dụng đất thực hiện nghĩa vụ tài chính (thời gian này không tính vào thời hạn giải quyết).',
    'Chủ tịch Ủy ban nhân dân xã ký cấp Giấy chứng nhận; cập nhật cơ sở dữ liệu đất đai.',
  ],
  components: [
    declaration('DON_DANG_KY', 'Đơn đăng ký đất đai, tài sản gắn liền với đất', 'dd-dang-ky-lan-dau', [
      ...landUser(),
      field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
      ...parcelFields(),
      field('landUsePurpose', 'Mục đích sử dụng đất'),
      field('landUseSince', 'Thời điểm bắt đầu sử dụng đất', 'date'),
      field('landUseOrigin', 'Nguồn gốc sử dụng đất', 'textarea'),
      field('attachedAssets', 'Tài sản gắn liền với đất đề nghị đăng ký (nếu có)', 'textarea', false),
      field('requestCertificate', 'Đề nghị cấp Giấy chứng nhận', 'select', true, ['Có', 'Không']),
    ]),
    paper('GIAY_TO_QSDD', 'Một trong các loại giấy tờ về quyền sử dụng đất theo Luật Đất đai (nếu có)', { required: false, kind: 'copy' }),
    paper('TRICH_DO', 'Mảnh trích đo bản đồ địa chính thửa đất (nếu có)', { required: false }),
    paper('CHUNG_TU_TAI_CHINH', 'Chứng từ thực hiện nghĩa vụ tài chính; giấy tờ về miễn, giảm nghĩa vụ tài chính (nếu có)', { required: false, kind: 'copy' }),
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: workingDays(20),
  pausingStates: LAND_PAUSES,
  fees: [provincialFee('LP_CAP_GCN', 'Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất', 25_000, { collect: 'after' })],
  legalBasis: [basis(LAND_LAW), basis('Nghị định 101/2024/NĐ-CP', undefined, 'Đăng ký, cấp Giấy chứng nhận'), basis(ND151, undefined, 'Thẩm quyền của Ủy ban nhân dân xã từ 01/7/2025')],
  resultType: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
  process: LAND_PROCESS,
  flags: { fullOnline: false },
  uncertain: ['processingTime', 'pausingStates.1'],
  sources: [SRC.listed, SRC.candidate('1.012753, 1.013978 hoặc 1.012787 (các nguồn ghi khác nhau)')],
});

const dinhChinhGcn = procedure({
  code: 'DD.LOCAL.002',
  name: 'Đính chính Giấy chứng nhận đã cấp lần đầu có sai sót',
  field: FIELDS.datDai,
  handlingUnitCode: 'KT',
  targetPersons: ['Người được cấp Giấy chứng nhận phát hiện sai sót; cơ quan phát hiện sai sót trên Giấy chứng nhận đã cấp'],
  steps: [
    'Phòng Kinh tế kiểm tra, xác định sai sót, lập biên bản kết luận về nội dung và nguyên nhân sai sót.',
    'Chủ tịch Ủy ban nhân dân xã ký đính chính vào Giấy chứng nhận đã cấp hoặc cấp Giấy chứng nhận mới; cập nhật cơ sở dữ liệu đất đai.',
  ],
  components: [
    declaration('DON_DE_NGHI', 'Đơn đề nghị đính chính Giấy chứng nhận đã cấp', 'dd-dinh-chinh-gcn', [
      ...landUser(),
      field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
      field('certificateSerial', 'Số phát hành (số seri) Giấy chứng nhận'),
      field('certificateBookNumber', 'Số vào sổ cấp Giấy chứng nhận', 'text', false),
      field('errorContent', 'Nội dung sai sót', 'textarea'),
      field('correctContent', 'Nội dung đề nghị đính chính', 'textarea'),
    ]),
    paper('GCN_DA_CAP', 'Bản gốc Giấy chứng nhận đã cấp'),
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: workingDays(10),
  pausingStates: LAND_PAUSES,
  fees: [],
  legalBasis: [basis(LAND_LAW, undefined, 'Đính chính Giấy chứng nhận đã cấp'), basis(ND151)],
  resultType: 'Giấy chứng nhận đã được đính chính hoặc Giấy chứng nhận mới',
  process: LAND_PROCESS,
  flags: { fullOnline: false },
  uncertain: ['processingTime', 'fees', 'pausingStates.1', 'authority'],
  sources: [SRC.listed],
});

const chuyenMucDich = procedure({
  code: 'DD.LOCAL.003',
  name: 'Chuyển mục đích sử dụng đất đối với hộ gia đình, cá nhân',
  field: FIELDS.datDai,
  handlingUnitCode: 'KT',
  targetPersons: ['Hộ gia đình, cá nhân có nhu cầu chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền'],
  steps: [
    'Phòng Kinh tế thẩm tra hồ sơ, kiểm tra thực địa, đối chiếu quy hoạch, kế hoạch sử dụng đất và xác định nghĩa vụ tài chính.',
    'Người sử dụng đất nộp tiền sử dụng đất, tiền thuê đất (thời gian này không tính vào thời hạn giải quyết).',
    'Chủ tịch Ủy ban nhân dân xã quyết định cho phép chuyển mục đích sử dụng đất; cập nhật cơ sở dữ liệu đất đai và chỉnh lý Giấy chứng nhận.',
  ],
  components: [
    declaration('DON_XIN', 'Đơn xin chuyển mục đích sử dụng đất', 'dd-chuyen-muc-dich', [
      ...landUser(),
      field('requesterPhone', 'Số điện thoại liên hệ', 'phone'),
      ...parcelFields(),
      field('currentPurpose', 'Mục đích sử dụng đất hiện tại'),
      field('requestedPurpose', 'Mục đích sử dụng đất đề nghị chuyển sang'),
      field('convertedArea', 'Diện tích đề nghị chuyển mục đích (m²)', 'number'),
    ]),
    paper('GCN', 'Giấy chứng nhận quyền sử dụng đất đã cấp (bản gốc)'),
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: workingDays(15),
  pausingStates: LAND_PAUSES,
  fees: [],
  legalBasis: [basis(LAND_LAW, 'Điều 121', 'Chuyển mục đích sử dụng đất'), basis('Nghị định 102/2024/NĐ-CP'), basis(ND151)],
  resultType: 'Quyết định cho phép chuyển mục đích sử dụng đất; Giấy chứng nhận được chỉnh lý',
  process: LAND_PROCESS,
  flags: { fullOnline: false },
  uncertain: ['authority', 'processingTime', 'fees', 'pausingStates.1', 'legalBasis.0.article'],
  sources: [SRC.listed, SRC.candidate('1.013992'), 'Tiền sử dụng đất là nghĩa vụ tài chính (trạng thái dừng tính thời gian), không phải phí, lệ phí của thủ tục'],
});

const gpxd = procedure({
  code: 'XD.LOCAL.001',
  name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
  field: FIELDS.xayDung,
  handlingUnitCode: 'KT',
  targetPersons: ['Chủ đầu tư xây dựng nhà ở riêng lẻ (hộ gia đình, cá nhân) thuộc đối tượng phải có giấy phép xây dựng'],
  steps: [
    'Phòng Kinh tế thẩm định hồ sơ, kiểm tra thực địa; trường hợp cần bổ sung thì thông báo một lần bằng văn bản.',
    'Chủ tịch Ủy ban nhân dân xã ký cấp giấy phép xây dựng kèm bản vẽ thiết kế được đóng dấu.',
  ],
  components: [
    declaration('DON_DE_NGHI', 'Đơn đề nghị cấp giấy phép xây dựng', 'xd-cap-gpxd', [
      ...requester(),
      field('constructionAddress', 'Địa điểm xây dựng'),
      field('parcelNumber', 'Thửa đất số'),
      field('mapSheet', 'Tờ bản đồ số'),
      field('landArea', 'Diện tích lô đất (m²)', 'number'),
      field('buildingArea', 'Diện tích xây dựng tầng 1 (m²)', 'number'),
      field('totalFloorArea', 'Tổng diện tích sàn (m²)', 'number'),
      field('height', 'Chiều cao công trình (m)', 'number'),
      field('floors', 'Số tầng', 'number'),
      field('designer', 'Tổ chức, cá nhân thiết kế (nếu có)', 'text', false),
      field('expectedCompletion', 'Dự kiến thời gian hoàn thành', 'text', false),
    ]),
    paper('GIAY_TO_DAT', 'Bản sao giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai', { kind: 'copy' }),
    paper('BAN_VE', 'Bản vẽ thiết kế xây dựng: mặt bằng, mặt cắt, mặt đứng, móng và đấu nối hạ tầng kỹ thuật', { copies: 2 }),
    paper('CAM_KET_AN_TOAN', 'Bản cam kết bảo đảm an toàn đối với công trình liền kề (nếu có)', { required: false }),
    ID_PAPER,
    POWER_OF_ATTORNEY,
  ],
  processingTime: calendarDays(15),
  fees: [provincialFee('LP_GPXD', 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ', 75_000)],
  legalBasis: [basis(CONSTRUCTION_LAW, 'Điều 102', 'Thời hạn cấp giấy phép xây dựng'), basis(ND175)],
  resultType: 'Giấy phép xây dựng kèm bản vẽ thiết kế được đóng dấu',
  process: LAND_PROCESS,
  flags: { fullOnline: false },
  uncertain: ['processingTime', 'legalBasis.0.article', 'flags.eligibleFullOnline'],
  sources: [SRC.listed, SRC.candidate('1.009122 hoặc 1.013225 (các nguồn ghi khác nhau)')],
});

const giaHanGpxd = procedure({
  code: 'XD.LOCAL.002',
  name: 'Gia hạn giấy phép xây dựng',
  field: FIELDS.xayDung,
  handlingUnitCode: 'KT',
  targetPersons: ['Chủ đầu tư có giấy phép xây dựng hết hiệu lực khởi công mà công trình chưa được khởi công'],
  steps: ['Phòng Kinh tế kiểm tra lý do đề nghị gia hạn.', 'Chủ tịch Ủy ban nhân dân xã ký gia hạn giấy phép xây dựng.'],
  components: [
    declaration('DON_DE_NGHI', 'Đơn đề nghị gia hạn giấy phép xây dựng', 'xd-gia-han-gpxd', [
      ...requester(),
      field('permitNumber', 'Số giấy phép xây dựng'),
      field('permitDate', 'Ngày cấp giấy phép xây dựng', 'date'),
      field('extensionReason', 'Lý do đề nghị gia hạn', 'textarea'),
    ]),
    paper('GPXD_BAN_CHINH', 'Bản chính giấy phép xây dựng đã được cấp'),
    ID_PAPER,
  ],
  processingTime: workingDays(5),
  fees: [provincialFee('LP_GIA_HAN_GPXD', 'Lệ phí gia hạn giấy phép xây dựng', 15_000)],
  legalBasis: [basis(ND175, undefined, 'Gia hạn giấy phép xây dựng (như đã sửa đổi)'), basis(CONSTRUCTION_LAW)],
  resultType: 'Giấy phép xây dựng được gia hạn',
  flags: { fullOnline: true },
  uncertain: ['processingTime', 'flags.eligibleFullOnline'],
  sources: [SRC.listed, SRC.candidate('1.013227')],
});

export const datDaiXayDungProcedures: ProcedureVersionInput[] = [gcnLanDau, dinhChinhGcn, chuyenMucDich, gpxd, giaHanGpxd];

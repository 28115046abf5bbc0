// Demo organisation: the commune of Xuân Dương (Thái Nguyên) and a second commune so that tenant scoping
// is exercised from day one. People are fictional; agency e-identifiers are DEMO values, not real ones
// (real identifiers come from the provincial catalogue, QĐ 20/2020/QĐ-TTg; never construct them).
import type { StaffRole } from '../identity/core/principal.ts';

export const DEMO_PASSWORD = 'xaso-demo';

export interface DemoCommune {
  id: string;
  name: string;
  province: string;
  agencyCode: string;
  usernamePrefix: string;
  staff: { username: string; fullName: string; title: string; unit: string; roles: StaffRole[] }[];
}

/** The commune units named in the plan (Kế hoạch CCHC xã Xuân Dương 2026–2030, mục IV). */
export const UNITS: { code: string; name: string; receivesDossiers: boolean }[] = [
  { code: 'VP', name: 'Văn phòng HĐND và UBND', receivesDossiers: false },
  { code: 'VHXH', name: 'Phòng Văn hóa - Xã hội', receivesDossiers: false },
  { code: 'KT', name: 'Phòng Kinh tế', receivesDossiers: false },
  { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công', receivesDossiers: true },
  { code: 'CA', name: 'Công an xã', receivesDossiers: false },
  { code: 'QS', name: 'Ban Chỉ huy Quân sự xã', receivesDossiers: false },
];

const staffOf = (p: string): DemoCommune['staff'] => [
  { username: `${p}admin`, fullName: 'Đỗ Minh Quân', title: 'Quản trị hệ thống', unit: 'VP', roles: ['admin'] },
  { username: `${p}motcua`, fullName: 'Nguyễn Thị Lan', title: 'Công chức tiếp nhận', unit: 'TTPVHCC', roles: ['receiving_officer'] },
  { username: `${p}hotich`, fullName: 'Trần Văn Minh', title: 'Công chức Tư pháp - Hộ tịch', unit: 'VHXH', roles: ['specialist'] },
  { username: `${p}truongvhxh`, fullName: 'Lê Thị Hoa', title: 'Trưởng phòng Văn hóa - Xã hội', unit: 'VHXH', roles: ['unit_head', 'cchc_coordinator'] },
  { username: `${p}diachinh`, fullName: 'Phạm Văn Đức', title: 'Công chức Địa chính - Xây dựng', unit: 'KT', roles: ['specialist'] },
  { username: `${p}truongkt`, fullName: 'Vũ Thị Mai', title: 'Trưởng phòng Kinh tế', unit: 'KT', roles: ['unit_head'] },
  { username: `${p}chutich`, fullName: 'Hoàng Văn Nam', title: 'Chủ tịch UBND xã', unit: 'VP', roles: ['leader'] },
  { username: `${p}giamdoc`, fullName: 'Bùi Thị Thu', title: 'Giám đốc Trung tâm Phục vụ hành chính công', unit: 'TTPVHCC', roles: ['unit_head', 'receiving_officer'] },
];

/**
 * The province-level administrator (issue 13): edits what the communes share (the procedure catalogue, the province's
 * and the national calendar), not a commune's own data. A staff account belongs to a commune, so this one is kept
 * with the first demo commune, without a unit; a commune's administrator can neither change it nor give its role.
 */
export const PROVINCE_ADMIN: DemoCommune['staff'][number] = {
  username: 'tinh.quantri', fullName: 'Ngô Thị Thanh', title: 'Quản trị cấp tỉnh (Sở Nội vụ)', unit: '', roles: ['province_admin'],
};

/**
 * The province's follow-up officer (issue 16): reads every commune's figures on the province dashboard (/can-bo/tinh)
 * and steers them, acts on no dossier and edits nothing. Kept with the first demo commune, without a unit, like
 * PROVINCE_ADMIN.
 */
export const PROVINCE_VIEWER: DemoCommune['staff'][number] = {
  username: 'tinh.theodoi', fullName: 'Ngô Văn Bình', title: 'Chuyên viên Sở Nội vụ theo dõi CCHC', unit: '', roles: ['province_viewer'],
};

export const DEMO_COMMUNES: DemoCommune[] = [
  {
    id: 'xuan-duong',
    name: 'Xã Xuân Dương',
    province: 'Thái Nguyên',
    agencyCode: '000.DEMO.XD.H55',
    usernamePrefix: '',
    staff: [...staffOf(''), PROVINCE_ADMIN, PROVINCE_VIEWER],
  },
  {
    id: 'tan-lap',
    name: 'Xã Tân Lập (dữ liệu mẫu)',
    province: 'Thái Nguyên',
    agencyCode: '000.DEMO.TL.H55',
    usernamePrefix: 'tl.',
    staff: staffOf('tl.'),
  },
];
